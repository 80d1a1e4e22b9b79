package dev.sparkdropout.udf;

import dev.sparkdropout.sql.FunctionRegistration;
import org.apache.spark.sql.SparkSession;

/**
 * The registration's first name, kept so that existing {@code DropoutUdfs.register(spark)} calls
 * keep working.
 *
 * @deprecated use {@link FunctionRegistration#register}, which this delegates to
 */
@Deprecated
public final class DropoutUdfs {

  private DropoutUdfs() {}

  /** Registers (or re-registers) the functions in {@code spark}'s function registry. */
  public static void register(SparkSession spark) {
    FunctionRegistration.register(spark);
  }
}
