package dev.sparkdropout.tests;

import java.io.File;
import java.net.URISyntaxException;

/**
 * The Spark line these tests run on, as the launchers they start read it: Spark 3.5 unless
 * {@code SPARK_DROPOUT_SPARK=4}, which the Spark 4 line's test module (spark4/tests) sets.
 */
final class SparkLine {

  static final boolean SPARK_4 = "4".equals(System.getenv("SPARK_DROPOUT_SPARK"));

  private SparkLine() {}

  /** The job module the launchers run: its jars and {@code target/classpath.txt}. */
  static File jobModule() {
    return new File(Launch.ROOT, SPARK_4 ? "spark4/spark-job" : "spark-job");
  }

  static String scalaBinaryVersion() {
    return SPARK_4 ? "2.13" : "2.12";
  }

  /** This module's compiled test classes, for the class paths of the JVMs the tests start. */
  static String testClasses() {
    try {
      return new File(SparkLine.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .getPath();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
