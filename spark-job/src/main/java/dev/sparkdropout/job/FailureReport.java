package dev.sparkdropout.job;

import java.util.Optional;
import org.apache.spark.sql.AnalysisException;

/**
 * The one line a failed run prints, and its exit code: 2 for what the user asked for (flags,
 * paths, columns, types, Spark settings), 1 for a failure while the job ran, which names the
 * row error a task hit, however deep Spark wrapped it, and where the full log went.
 */
final class FailureReport {

  /** Exit code for a mistake in the flags, paths, columns or values: nothing was written. */
  static final int USER_ERROR = 2;
  /** Exit code for a failure while the job ran: nothing was written at the output. */
  static final int FAILURE = 1;

  final int code;
  final String line;

  private FailureReport(int code, String line) {
    this.code = code;
    this.line = line;
  }

  static FailureReport of(Throwable error, Optional<String> logFile) {
    if (error instanceof UserError) {
      return new FailureReport(USER_ERROR, error.getMessage());
    }
    // Spark's analysis errors (a key type xxhash64 cannot hash, say) are the user's to fix.
    if (error instanceof AnalysisException) {
      return new FailureReport(USER_ERROR, firstLine(error.getMessage()));
    }
    String where = logFile.map(file -> "Spark's log: " + file)
        .orElse("--verbose shows the stack trace");
    return new FailureReport(FAILURE, "failed: " + cause(error) + " (" + where + ")");
  }

  /** Spark could not start: the master URL or a Spark setting is wrong. */
  static UserError startFailure(Throwable error, String master) {
    String cause = cause(error);
    if (master != null && cause.contains("Master URL")) {
      return UserError.of("--master %s is not a master URL Spark knows (local[N], "
          + "spark://HOST:PORT, yarn, k8s://URL): %s", master, cause);
    }
    return UserError.of("Spark could not start with these settings: %s", cause);
  }

  /** The innermost message: a task's row error is what the user needs, not the stage's. */
  private static String cause(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName()
        : firstLine(cause.getMessage());
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
