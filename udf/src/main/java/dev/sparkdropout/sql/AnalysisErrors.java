package dev.sparkdropout.sql;

import java.util.Locale;
import org.apache.spark.QueryContext;
import org.apache.spark.sql.AnalysisException;
import scala.Option;
import scala.collection.immutable.Map$;

/**
 * Analysis-time errors: one line that names the function, the argument and the value. They are
 * real {@link AnalysisException}s, so Spark adds the query position and PySpark maps them to its
 * own AnalysisException.
 */
final class AnalysisErrors {

  private AnalysisErrors() {}

  /**
   * Throws the error. Java sees {@code AnalysisException} as checked while Spark's Scala callers
   * expect it unchecked, so it is thrown as Scala would; the return type lets callers write
   * {@code throw AnalysisErrors.of(...)}.
   */
  static RuntimeException of(String function, String format, Object... args) {
    String message = function + ": " + String.format(Locale.ROOT, format, args);
    throw AnalysisErrors.<RuntimeException>unchecked(new AnalysisException(message,
        Option.empty(), Option.empty(), Option.empty(), Option.empty(), Map$.MODULE$.empty(),
        new QueryContext[0]));
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T unchecked(Throwable error) throws T {
    throw (T) error;
  }
}
