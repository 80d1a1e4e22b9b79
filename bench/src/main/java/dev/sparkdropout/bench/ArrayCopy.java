package dev.sparkdropout.bench;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.expressions.objects.StaticInvoke;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.AbstractDataType;
import scala.Option;
import scala.collection.JavaConverters;
import scala.collection.Seq;
import scala.runtime.AbstractFunction1;

/**
 * The floor the performance issue names: each row's array copied into a new one through a
 * {@code StaticInvoke}, a static method called from generated code as dropout's kernels are,
 * with no randomness and no arithmetic. SQL {@code array_copy(f)}, in the benchmark's session
 * only.
 */
public final class ArrayCopy {

  private ArrayCopy() {}

  /** Called from Spark's generated code: the array's bytes in a new unsafe array. */
  public static ArrayData copy(ArrayData x) {
    return x instanceof UnsafeArrayData ? ((UnsafeArrayData) x).copy() : x;
  }

  static void register(SparkSession spark) {
    spark.sessionState().functionRegistry().registerFunction(
        new FunctionIdentifier("array_copy", Option.empty(), Option.empty()),
        new ExpressionInfo(ArrayCopy.class.getName(), "array_copy"),
        new AbstractFunction1<Seq<Expression>, Expression>() {
          @Override
          public Expression apply(Seq<Expression> arguments) {
            Seq<AbstractDataType> anyTypes =
                JavaConverters.asScalaBuffer(List.<AbstractDataType>of()).toList();
            return new StaticInvoke(ArrayCopy.class, arguments.head().dataType(), "copy",
                arguments, anyTypes, true, true, true);
          }
        });
  }
}
