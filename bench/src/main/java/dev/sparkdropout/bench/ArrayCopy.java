package dev.sparkdropout.bench;

import dev.sparkdropout.spark.line.SparkInternals;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import scala.Option;

/**
 * The floor the performance issue names: each row's array copied into a new one through a
 * {@code StaticInvoke}, a static method called from generated code as dropout's kernels are,
 * with the kernels' own invocation flags and no randomness and no arithmetic. SQL
 * {@code array_copy(f)}, in the benchmark's session only.
 */
public final class ArrayCopy {

  private ArrayCopy() {}

  /** Called from Spark's generated code: the array's bytes in a new unsafe array. */
  public static ArrayData copy(ArrayData x) {
    return x instanceof UnsafeArrayData ? ((UnsafeArrayData) x).copy() : x;
  }

  /** Registered through the library's per-line calls, so it builds on every Spark line. */
  static void register(SparkSession spark) {
    SparkInternals.functionRegistry(spark).registerFunction(
        new FunctionIdentifier("array_copy", Option.empty(), Option.empty()),
        new ExpressionInfo(ArrayCopy.class.getName(), "array_copy"),
        SparkInternals.functionBuilder(arguments -> SparkInternals.staticInvoke(ArrayCopy.class,
            arguments.get(0).dataType(), "copy", arguments)));
  }
}
