package dev.sparkdropout.spark;

import dev.sparkdropout.core.engine.Cpu;
import dev.sparkdropout.core.engine.EngineChoice;
import dev.sparkdropout.core.engine.Engines;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells users, once per JVM, when the masks run on plain Java only because the JVM was started
 * without the Vector API module: a stock {@code spark-submit --jars} does that, and the fix is
 * one JVM option. Where the CPU lacks 512-bit vectors the module would not pay, and nothing is
 * said (see {@link Cpu#wideVectors}).
 */
public final class EngineHint {

  private static final Logger LOG = LoggerFactory.getLogger(EngineHint.class);
  private static final AtomicBoolean LOGGED = new AtomicBoolean();

  private EngineHint() {}

  /** Logs the hint at WARN the first time it is called in a JVM that lacks the module. */
  public static void logOnce() {
    if (Engines.choice() == EngineChoice.PLAIN_JAVA_NO_MODULE
        && LOGGED.compareAndSet(false, true)) {
      LOG.warn("spark-dropout generates masks in plain Java because this JVM lacks "
          + "jdk.incubator.vector; start the driver and executors with "
          + "--add-modules=jdk.incubator.vector (spark.driver.extraJavaOptions, "
          + "spark.executor.extraJavaOptions) for faster masks, same bits");
    }
  }
}
