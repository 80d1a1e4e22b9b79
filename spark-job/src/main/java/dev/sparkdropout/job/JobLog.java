package dev.sparkdropout.job;

import java.nio.file.Path;
import java.util.Optional;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;

/**
 * Where Spark's log goes. {@code bin/spark-dropout} sends it to a file (conf/log4j2.properties)
 * so the console shows only the job's lines, and a failure names the file; under spark-submit
 * it goes wherever Spark's own configuration says.
 */
final class JobLog {

  private JobLog() {}

  /** The file the root logger writes, shown relative to the working directory when inside it. */
  static Optional<String> file() {
    Configuration config = configuration();
    if (config == null) {
      return Optional.empty();
    }
    for (Appender appender : config.getRootLogger().getAppenders().values()) {
      if (appender instanceof FileAppender) {
        Path file = Path.of(((FileAppender) appender).getFileName()).toAbsolutePath();
        Path here = Path.of("").toAbsolutePath();
        return Optional.of((file.startsWith(here) ? here.relativize(file) : file).toString());
      }
    }
    return Optional.empty();
  }

  /** {@code --verbose}: the whole log on the console as well. */
  static void toConsole() {
    Configuration config = configuration();
    Appender console = config == null ? null : config.getAppender("console");
    if (console == null) {
      return;
    }
    for (LoggerConfig logger : config.getLoggers().values()) {
      logger.removeAppender(console.getName());
    }
    config.getRootLogger().addAppender(console, Level.INFO, null);
    ((LoggerContext) LogManager.getContext(false)).updateLoggers();
  }

  private static Configuration configuration() {
    Object context = LogManager.getContext(false);
    return context instanceof LoggerContext ? ((LoggerContext) context).getConfiguration() : null;
  }
}
