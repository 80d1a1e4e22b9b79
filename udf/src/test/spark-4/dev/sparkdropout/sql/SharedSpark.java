package dev.sparkdropout.sql;

import org.apache.spark.sql.SparkSession;

/**
 * The Spark 4 line's shared local session: spark-testing-base has no release for Spark 4, so a
 * plain session, made by the first test that asks and kept for the test JVM.
 */
public abstract class SharedSpark {

  private static SparkSession shared;

  protected SparkSession spark() {
    synchronized (SharedSpark.class) {
      if (shared == null || shared.sparkContext().isStopped()) {
        shared = SparkSession.builder().config(TestConf.conf()).getOrCreate();
      }
      return shared;
    }
  }
}
