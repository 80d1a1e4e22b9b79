package dev.sparkdropout.spark.line;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.expressions.objects.StaticInvoke;
import org.apache.spark.sql.types.AbstractDataType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.classic.ExpressionUtils;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.util.package$;
import org.apache.spark.sql.types.StructType;
import scala.Function1;
import scala.Option;
import scala.collection.immutable.Seq;
import scala.runtime.AbstractFunction1;

/**
 * The Spark internals the library reaches, as this line spells them: a session's function
 * registry, a Dataset's internal rows and back, a function builder, an expression's SQL text,
 * Columns of Catalyst expressions.
 */
public final class SparkInternals {

  private static final Method PRETTY_SQL = prettySql();

  private SparkInternals() {}

  /** Spark 4 splits the session into an API and the classic implementation, which runs here. */
  private static org.apache.spark.sql.classic.SparkSession classic(SparkSession spark) {
    return (org.apache.spark.sql.classic.SparkSession) spark;
  }

  public static FunctionRegistry functionRegistry(SparkSession spark) {
    return classic(spark).sessionState().functionRegistry();
  }

  public static JavaRDD<InternalRow> internalRows(Dataset<Row> data) {
    return ((org.apache.spark.sql.classic.Dataset<Row>) data).queryExecution().toRdd()
        .toJavaRDD();
  }

  public static Dataset<Row> fromInternalRows(SparkSession spark, RDD<InternalRow> rows,
      StructType schema) {
    return classic(spark).internalCreateDataFrame(rows, schema, false);
  }

  /** What Spark calls with a SQL function call's resolved arguments. */
  public static Function1<Seq<Expression>, Expression> functionBuilder(
      Function<List<Expression>, Expression> build) {
    return new AbstractFunction1<>() {
      @Override
      public Expression apply(Seq<Expression> arguments) {
        return build.apply(ScalaCollections.list(arguments));
      }
    };
  }

  /**
   * An expression as users see it in SQL: {@code features}, {@code 0.3}. Spark's
   * {@code toPrettySQL} took the expression alone in 4.0 and a flag with a default later, so it
   * is found by name, once, and called with the default.
   */
  public static String sql(Expression expression) {
    try {
      return (String) (PRETTY_SQL.getParameterCount() == 1
          ? PRETTY_SQL.invoke(package$.MODULE$, expression)
          : PRETTY_SQL.invoke(package$.MODULE$, expression, prettySqlDefault()));
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Spark's toPrettySQL cannot be called", e);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException
          ? (RuntimeException) e.getCause() : new IllegalStateException(e.getCause());
    }
  }

  private static Object prettySqlDefault() throws IllegalAccessException,
      InvocationTargetException {
    try {
      return package$.class.getMethod("toPrettySQL$default$2").invoke(package$.MODULE$);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("Spark's toPrettySQL has no default for its flag", e);
    }
  }

  private static Method prettySql() {
    for (Method method : package$.class.getMethods()) {
      if (method.getName().equals("toPrettySQL")
          && method.getParameterTypes()[0] == Expression.class) {
        return method;
      }
    }
    throw new IllegalStateException("Spark has no toPrettySQL");
  }

  /** A Column of a Catalyst expression. */
  public static Column column(Expression expression) {
    return ExpressionUtils.column(expression);
  }

  /** The Catalyst expression of a Column. */
  public static Expression expression(Column column) {
    return ExpressionUtils.expression(column);
  }

  /**
   * A call of the static {@code owner.method(arguments)} in generated code, returning
   * {@code type}, NULL for a NULL result, never for NULL arguments alone.
   */
  public static Expression staticInvoke(Class<?> owner, DataType type, String method,
      List<Expression> arguments) {
    return new StaticInvoke(owner, type, method, ScalaCollections.seq(arguments),
        ScalaCollections.seq(List.<AbstractDataType>of()), false, false, true, Option.empty());
  }
}
