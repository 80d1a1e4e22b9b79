package dev.sparkdropout.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.Before;

/**
 * The Spark tests' base: the shared local session of {@link SharedSpark} (one per Spark line),
 * with the functions registered through {@link FunctionRegistration#register}.
 * {@link #extensionSession()} gives a second session on the same context whose functions come
 * from {@link DropoutExtensions} only.
 */
public abstract class SparkTestBase extends SharedSpark {

  private static SparkSession extensionSession;

  @Before
  public void registerFunctions() {
    FunctionRegistration.register(spark());
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
