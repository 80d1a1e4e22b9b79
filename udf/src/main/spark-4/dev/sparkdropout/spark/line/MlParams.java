package dev.sparkdropout.spark.line;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.Identifiable;
import scala.Function1;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Spark ML Params of types that have no Param class of their own, as this line makes them.
 * Spark 4.0.0's Param constructors take an implicit ClassTag, which 4.0.1 dropped; one jar serves
 * both by calling the constructor the running Spark has.
 */
public final class MlParams {

  private static final boolean CLASS_TAGS = !has(Identifiable.class, String.class, String.class);

  private MlParams() {}

  public static Param<String> string(Identifiable parent, String name, String doc) {
    return create(new Object[] {parent, name, doc},
        Identifiable.class, String.class, String.class);
  }

  public static Param<String> string(Identifiable parent, String name, String doc,
      Function1<String, Object> isValid) {
    return create(new Object[] {parent, name, doc, isValid},
        Identifiable.class, String.class, String.class, Function1.class);
  }

  @SuppressWarnings("unchecked")
  private static Param<String> create(Object[] arguments, Class<?>... types) {
    if (CLASS_TAGS) {
      arguments = Arrays.copyOf(arguments, arguments.length + 1);
      arguments[arguments.length - 1] = ClassTag$.MODULE$.apply(String.class);
      types = Arrays.copyOf(types, types.length + 1);
      types[types.length - 1] = ClassTag.class;
    }
    try {
      return (Param<String>) Param.class.getConstructor(types).newInstance(arguments);
    } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
      throw new IllegalStateException("Spark's Param cannot be made here", e);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException
          ? (RuntimeException) e.getCause() : new IllegalStateException(e.getCause());
    }
  }

  private static boolean has(Class<?>... parameters) {
    try {
      Param.class.getConstructor(parameters);
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
