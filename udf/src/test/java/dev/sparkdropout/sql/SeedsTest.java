package dev.sparkdropout.sql;

import dev.sparkdropout.spark.Seeds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.core.NoiseShape;
import dev.sparkdropout.ml.DropoutTransformer;
import dev.sparkdropout.spark.ColumnDropout;
import dev.sparkdropout.transform.DropoutPartitions;
import dev.sparkdropout.sql.SpecReference.Output;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.Test;

/**
 * Column seeds (docs/SPEC.md §3): {@code seed XOR xxhash64(name)}, computed by the reference from
 * its own XXH64 and checked against Spark's; the transform and the ML stage equal the reference
 * under them, values and masks alike.
 */
public class SeedsTest extends SparkTestBase {

  private static final List<String> NAMES = List.of("", "f", "seq", "features", "größe",
      "a column name longer than thirty-two bytes, for XXH64's stripes", "with.dot", "`q`");

  @Test
  public void theReferencesXxhash64IsSparks() {
    List<Row> rows = spark().createDataset(NAMES, Encoders.STRING())
        .selectExpr("value", "xxhash64(value)").collectAsList();
    assertThat(rows).hasSize(NAMES.size());
    for (Row row : rows) {
      assertThat(SpecReference.xxhash64(row.getString(0).getBytes(StandardCharsets.UTF_8), 42L))
          .as("xxhash64('%s')", row.getString(0)).isEqualTo(row.getLong(1));
    }
  }

  @Test
  public void aColumnSeedIsTheSeedXorTheNamesXxhash64() {
    for (long seed : new long[] {0L, 77L, -1L, Long.MIN_VALUE}) {
      for (String name : NAMES) {
        assertThat(Seeds.column(seed, name)).as("seed %d, column '%s'", seed, name)
            .isEqualTo(SpecReference.columnSeed(seed, name))
            .isNotEqualTo(seed);
      }
    }
  }

  /** Key mode, so the stream is Spark's xxhash64(user), selected beside the results. */
  @Test
  public void theTransformAndTheMlStageEqualTheReferenceUnderColumnSeeds() {
    Dataset<Row> data = TestData.table(spark(), 3).selectExpr("*", "f AS f_in", "seq AS seq_in");
    Dataset<Row> transformed = DropoutPartitions.apply(data, 77L, "user", List.of(
        ColumnDropout.of("f", DropoutMethod.ALPHA_DROPOUT, 0.3).withMask("f_mask"),
        ColumnDropout.of("seq", DropoutMethod.DROPOUT, 0.3).withNoiseShape(NoiseShape.of(1, -1))
            .withMask("seq_mask"),
        ColumnDropout.of("v", DropoutMethod.ALPHA_DROPOUT, 0.3).withMask("v_mask")));
    Dataset<Row> staged = new DropoutTransformer().setInputCols(new String[] {"f", "seq", "v"})
        .setOutputCols(new String[] {"f_out", "seq_out", "v_out"})
        .setMaskCols(new String[] {"f_mask", "seq_mask", "v_mask"})
        .setMethod("alpha_dropout").setRate(0.3).setSeed(77).setKeyCol("user").transform(data);
    assertEqualsReference(transformed.selectExpr("xxhash64(user)", "f_in", "f", "f_mask"),
        Output.ALPHA_DROPOUT, "f", 1, null);
    assertEqualsReference(transformed.selectExpr("xxhash64(user)", "seq_in", "seq", "seq_mask"),
        Output.DROPOUT, "seq", 2, new Integer[] {1, -1});
    assertEqualsReference(staged.selectExpr("xxhash64(user)", "f", "f_out", "f_mask"),
        Output.ALPHA_DROPOUT, "f", 1, null);
    assertEqualsReference(staged.selectExpr("xxhash64(user)", "v", "v_out", "v_mask"),
        Output.ALPHA_DROPOUT, "v", 1, null);
  }

  /** {@code results} has the stream, the input, its values and its mask. */
  private void assertEqualsReference(Dataset<Row> results, Output method, String column,
      int rank, Integer[] noiseShape) {
    long seed = SpecReference.columnSeed(77L, column);
    SpecReference values = new SpecReference(method, 0.3, seed, noiseShape, 0);
    SpecReference mask = new SpecReference(Output.MASK, 0.3, seed, noiseShape, 0);
    List<Row> rows = results.collectAsList();
    assertThat(rows).hasSize(TestData.ROWS + 3);
    for (Row row : rows) {
      long stream = row.getLong(0);
      assertBits(values.expected(row.get(1), rank, stream), row.get(2), column);
      assertBits(mask.expected(row.get(1), rank, stream), row.get(3), column + " mask");
    }
  }

  private static void assertBits(Object expected, Object actual, String what) {
    Object actualJava = SpecReference.toJava(actual);
    assertThat(SpecReference.sameBits(expected, actualJava))
        .as("%s: expected %s, got %s", what, expected, actualJava).isTrue();
  }
}
