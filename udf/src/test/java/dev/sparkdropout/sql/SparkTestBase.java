package dev.sparkdropout.sql;

import com.holdenkarau.spark.testing.SharedJavaSparkContext;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.Before;

/**
 * A local session on spark-testing-base's shared context (JUnit 4, run by the vintage engine;
 * its DataFrame base is not used because its signatures need Hive), with the functions
 * registered through {@link FunctionRegistration#register}. {@link #extensionSession()} gives a
 * second session on the same context whose functions come from {@link DropoutExtensions} only.
 */
public abstract class SparkTestBase extends SharedJavaSparkContext {

  private static SparkSession extensionSession;

  @Override
  public SparkConf conf() {
    return new SparkConf()
        .setMaster("local[2]")
        .setAppName("spark-dropout-tests")
        .set("spark.ui.enabled", "false")
        .set("spark.sql.shuffle.partitions", "4")
        .set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.driver.host", "127.0.0.1");
  }

  @Before
  public void registerFunctions() {
    FunctionRegistration.register(spark());
  }

  /** The shared session; it lives as long as spark-testing-base's shared context. */
  protected SparkSession spark() {
    return SparkSession.builder().sparkContext(sc()).getOrCreate();
  }

  /** A session built with {@code withExtensions(new DropoutExtensions())} and no registration. */
  protected SparkSession extensionSession() {
    synchronized (SparkTestBase.class) {
      if (extensionSession == null || extensionSession.sparkContext().isStopped()) {
        SparkSession shared = spark();
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
        try {
          extensionSession = SparkSession.builder()
              .withExtensions(new DropoutExtensions())
              .getOrCreate();
        } finally {
          SparkSession.setDefaultSession(shared);
          SparkSession.setActiveSession(shared);
        }
      }
      return extensionSession;
    }
  }

  /** Row lists equal field by field and bit for bit (Row.equals fails on NaN inside arrays). */
  protected static void assertSameRows(List<Row> actual, List<Row> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      Row a = actual.get(i);
      Row e = expected.get(i);
      assertThat(a.size()).isEqualTo(e.size());
      for (int field = 0; field < e.size(); field++) {
        Object left = SpecReference.toJava(a.get(field));
        Object right = SpecReference.toJava(e.get(field));
        assertThat(SpecReference.sameBits(right, left))
            .as("row %d field %d: expected %s, got %s", i, field, right, left).isTrue();
      }
    }
  }
}
