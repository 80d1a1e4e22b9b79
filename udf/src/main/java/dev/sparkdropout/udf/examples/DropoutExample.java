package dev.sparkdropout.udf.examples;

import dev.sparkdropout.udf.DropoutUdfs;
import org.apache.spark.sql.SparkSession;

/**
 * A first look at the functions on a few made-up rows: {@code bin/example} runs it locally, and
 * {@code spark-submit --class dev.sparkdropout.udf.examples.DropoutExample spark-dropout-udf.jar}
 * runs it on any Spark 3.5.
 */
public final class DropoutExample {

  private DropoutExample() {}

  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().appName("spark-dropout example").getOrCreate();
    DropoutUdfs.register(spark);
    spark.sql("SELECT id, concat('user-', id % 3) AS user, "
        + "transform(sequence(1, 6), i -> CAST(i AS FLOAT)) AS features, "
        + "array(array(1D, 2D, 3D), array(4D, 5D, 6D)) AS seq "
        + "FROM range(4)").createOrReplaceTempView("events");
    String query = "SELECT user, features,\n"
        + "       dropout(features, 0.5, 42, user)           AS dropped,\n"
        + "       dropout_mask(features, 0.5, 42, user)      AS mask,\n"
        + "       alpha_dropout(seq, 0.2, 42, id, array(1, -1)) AS alpha_seq\n"
        + "FROM events";
    System.out.println(query + "\n");
    spark.sql(query).show(false);
    spark.stop();
  }
}
