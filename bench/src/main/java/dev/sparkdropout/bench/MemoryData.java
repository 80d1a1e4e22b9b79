package dev.sparkdropout.bench;

import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/** Writes ROWS x 256 incompressible floats as parquet: the input of the memory run. */
public final class MemoryData {

  private MemoryData() {}

  public static void main(String[] args) {
    String path = args[0];
    long rows = Long.parseLong(args[1]);
    SparkSession spark = SparkSession.builder().master("local[2]").appName("bench data")
        .config("spark.ui.enabled", "false").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    spark.range(0, rows, 1, 16).selectExpr("id",
        "transform(sequence(1, 256), i -> CAST(hash(id, i) / 2147483648.0 AS FLOAT)) AS f")
        .write().mode(SaveMode.Overwrite).parquet(path);
    spark.stop();
  }
}
