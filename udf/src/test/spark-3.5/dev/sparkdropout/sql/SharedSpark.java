package dev.sparkdropout.sql;

import com.holdenkarau.spark.testing.SharedJavaSparkContext;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark 3.5 line's shared local session, on spark-testing-base's shared context (JUnit 4,
 * run by the vintage engine; its DataFrame base is not used because its signatures need Hive).
 */
public abstract class SharedSpark extends SharedJavaSparkContext {

  @Override
  public SparkConf conf() {
    return TestConf.conf();
  }

  /** The shared session; it lives as long as spark-testing-base's shared context. */
  protected SparkSession spark() {
    return SparkSession.builder().sparkContext(sc()).getOrCreate();
  }
}
