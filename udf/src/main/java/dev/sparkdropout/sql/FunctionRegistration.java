package dev.sparkdropout.sql;

import dev.sparkdropout.spark.line.SparkInternals;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SparkSessionExtensions;

/**
 * Registers the dropout functions in one session, for where {@code spark.sql.extensions} cannot
 * be set. From PySpark:
 * {@code spark._jvm.dev.sparkdropout.sql.FunctionRegistration.register(spark._jsparkSession)}.
 */
public final class FunctionRegistration {

  private FunctionRegistration() {}

  /**
   * Registers (or re-registers) all three functions in {@code spark}'s function registry, through
   * the extension: Spark then names them as its line names extension functions (Spark 4 qualifies
   * them), so both routes register the same.
   */
  public static void register(SparkSession spark) {
    SparkSessionExtensions extensions = new SparkSessionExtensions();
    new DropoutExtensions().apply(extensions);
    extensions.registerFunctions(SparkInternals.functionRegistry(spark));
  }

  /** Registers the functions unless the session already has them (extension or earlier call). */
  public static void ensureRegistered(SparkSession spark) {
    for (SqlFunction function : SqlFunction.values()) {
      if (!spark.catalog().functionExists(function.sqlName())) {
        register(spark);
        return;
      }
    }
  }
}
