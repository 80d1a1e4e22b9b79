package dev.sparkdropout.sql;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry;

/**
 * Registers the dropout functions in one session, for where {@code spark.sql.extensions} cannot
 * be set. From PySpark:
 * {@code spark._jvm.dev.sparkdropout.sql.FunctionRegistration.register(spark._jsparkSession)}.
 */
public final class FunctionRegistration {

  private FunctionRegistration() {}

  /** Registers (or re-registers) all three functions in {@code spark}'s function registry. */
  public static void register(SparkSession spark) {
    FunctionRegistry registry = spark.sessionState().functionRegistry();
    for (SqlFunction function : SqlFunction.values()) {
      registry.registerFunction(function.identifier(), function.info(),
          ExpressionBuilder.builder(function));
    }
  }

  /** Registers the functions unless the session already has them (extension or earlier call). */
  public static void ensureRegistered(SparkSession spark) {
    FunctionRegistry registry = spark.sessionState().functionRegistry();
    for (SqlFunction function : SqlFunction.values()) {
      if (!registry.functionExists(function.identifier())) {
        register(spark);
        return;
      }
    }
  }
}
