package dev.sparkdropout.sql;

import org.apache.spark.SparkConf;

/** The tests' local Spark, on every line. */
final class TestConf {

  private TestConf() {}

  static SparkConf conf() {
    return new SparkConf()
        .setMaster("local[2]")
        .setAppName("spark-dropout-tests")
        .set("spark.ui.enabled", "false")
        .set("spark.sql.shuffle.partitions", "4")
        .set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.driver.host", "127.0.0.1");
  }
}
