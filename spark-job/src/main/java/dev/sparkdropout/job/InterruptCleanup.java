package dev.sparkdropout.job;

import java.io.PrintStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.ShutdownHookManager;

/**
 * Ctrl-C (or a kill) while the job writes: the JVM runs its shutdown hooks, Spark's among them,
 * which stop the SparkContext and so the write. Two hooks around Spark's say that the run was
 * interrupted and, once its tasks have stopped, remove the staging directory and the lock, so
 * nothing is left beside the output and an existing output stays as it was.
 */
final class InterruptCleanup implements AutoCloseable {

  /** Spark runs its hooks inside Hadoop's, at FileSystem's priority + 30; higher runs first. */
  private static final int SPARK_STOPS = FileSystem.SHUTDOWN_HOOK_PRIORITY + 30;

  private final Runnable announce;
  private final Runnable cleanup;
  private volatile boolean interrupted;

  private InterruptCleanup(OutputPaths paths, PrintStream err) {
    this.announce = () -> {
      interrupted = true;
      err.println("spark-dropout: interrupted; stopping Spark");
    };
    this.cleanup = () -> {
      if (paths.abort()) {
        err.println("spark-dropout: removed what this run wrote; --output is as it was");
      }
    };
  }

  static InterruptCleanup install(OutputPaths paths, PrintStream err) {
    InterruptCleanup hooks = new InterruptCleanup(paths, err);
    ShutdownHookManager.get().addShutdownHook(hooks.announce, SPARK_STOPS + 10);
    // After Spark has stopped (no task writes any more), before file systems close.
    ShutdownHookManager.get().addShutdownHook(hooks.cleanup, SPARK_STOPS - 10);
    return hooks;
  }

  /** Whether the JVM is shutting down because the run was interrupted. */
  boolean interrupted() {
    return interrupted;
  }

  @Override
  public void close() {
    if (ShutdownHookManager.get().isShutdownInProgress()) {
      return;
    }
    ShutdownHookManager.get().removeShutdownHook(announce);
    ShutdownHookManager.get().removeShutdownHook(cleanup);
  }
}
