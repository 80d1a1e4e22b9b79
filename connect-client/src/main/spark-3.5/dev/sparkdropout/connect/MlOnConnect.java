package dev.sparkdropout.connect;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Spark 3.5's Connect has no ML on Connect: stages run in classic sessions only. */
final class MlOnConnect {

  private MlOnConnect() {}

  static Dataset<Row> transform(SparkSession spark, Dataset<Row> input, String[] params) {
    throw new UnsupportedOperationException("Spark 3.5's Connect has no ML on Connect");
  }
}
