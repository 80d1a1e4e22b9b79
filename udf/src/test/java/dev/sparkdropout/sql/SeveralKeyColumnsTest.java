package dev.sparkdropout.sql;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.ml.DropoutTransformer;
import dev.sparkdropout.spark.ColumnDropout;
import dev.sparkdropout.transform.DropoutPartitions;
import dev.sparkdropout.sql.SpecReference.Output;
import java.io.File;
import java.nio.file.Files;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.Test;

/**
 * A key of two columns (docs/SPEC.md §3): the stream is {@code xxhash64(user, visit)}, which the
 * reference chains from its own XXH64, a NULL part adding nothing. Every surface must equal it,
 * on rows where either part, or both, is NULL too.
 */
public class SeveralKeyColumnsTest extends SparkTestBase {

  private static final long SEED = 77L;
  private static final double RATE = 0.3;
  private static final String[] KEYS = {"user", "visit"};

  /**
   * The test table with a string and an int key part, {@code user} NULL where {@code id % 6 = 1}
   * and {@code visit} NULL where {@code id % 5 = 2} (both on ids 7 and 37), and copies of the
   * inputs, for the surfaces that replace their columns in place.
   */
  private Dataset<Row> data(int partitions) {
    return TestData.table(spark(), partitions).selectExpr("id",
        "IF(id % 6 = 1, NULL, user) AS user",
        "IF(id % 5 = 2, NULL, CAST(id % 4 AS INT)) AS visit",
        "f", "d", "v", "f AS f_in", "d AS d_in", "v AS v_in");
  }

  @Test
  public void theReferenceStreamIsSparksXxhash64OfTheParts() {
    List<Row> rows = data(2).selectExpr("user", "visit", "id", "xxhash64(user, visit)",
        "xxhash64(struct(user, visit))", "xxhash64(visit, user)", "xxhash64(user, id)")
        .collectAsList();
    int userNull = 0;
    int visitNull = 0;
    int bothNull = 0;
    for (Row row : rows) {
      Object user = row.get(0);
      Object visit = row.get(1);
      String what = "(" + user + ", " + visit + ")";
      assertThat(SpecReference.keyStream(user, visit)).as(what).isEqualTo(row.getLong(3))
          .isEqualTo(row.getLong(4));
      assertThat(SpecReference.keyStream(visit, user)).as(what).isEqualTo(row.getLong(5));
      assertThat(SpecReference.keyStream(user, row.get(2))).as(what).isEqualTo(row.getLong(6));
      userNull += user == null && visit != null ? 1 : 0;
      visitNull += user != null && visit == null ? 1 : 0;
      bothNull += user == null && visit == null ? 1 : 0;
    }
    assertThat(rows).hasSize(TestData.ROWS + 3);
    assertThat(new int[] {userNull, visitNull, bothNull}).containsExactly(8, 11, 2);
  }

  @Test
  public void theColumnApiHashesItsKeyColumnsTogether() {
    DropoutColumns.Builder f = DropoutColumns.dropout(col("f"))
        .method(DropoutMethod.ALPHA_DROPOUT).rate(RATE).seed(SEED).key(col("user"), col("visit"));
    DropoutColumns.Builder d = DropoutColumns.dropout(col("d")).rate(RATE).seed(SEED)
        .key(col("user"), col("visit"));
    Dataset<Row> data = data(3);
    assertEqualsReference(data.select(col("user"), col("visit"), col("f"), f.build().as("f_out"),
        f.mask().as("f_mask")), Output.ALPHA_DROPOUT, SEED);
    assertEqualsReference(data.select(col("user"), col("visit"), col("d"), d.build().as("d_out"),
        d.mask().as("d_mask")), Output.DROPOUT, SEED);
    assertThat(data.select(f.build()).columns())
        .containsExactly("alpha_dropout(f, 0.3, 77, struct(user, visit))");
  }

  @Test
  public void theColumnApiTakesOneKeyColumnAsItIsAndNeedsOne() {
    Dataset<Row> data = data(1);
    Column one = DropoutColumns.dropout(col("f")).rate(RATE).seed(SEED)
        .key(new Column[] {col("user")}).build();
    assertThat(data.select(one).columns()).containsExactly("dropout(f, 0.3, 77, user)");
    assertThatThrownBy(() -> DropoutColumns.dropout(col("f")).key())
        .hasMessage("key needs at least one column");
    assertThatThrownBy(() -> DropoutColumns.dropout(col("f")).key(col("user"), null))
        .hasMessage("key columns must not be null");
  }

  @Test
  public void sqlTakesAStructOfTheKeyColumns() {
    data(3).createOrReplaceTempView("keyed");
    assertEqualsReference(spark().sql("SELECT user, visit, f, "
        + "alpha_dropout(f, 0.3, 77, struct(user, visit)), "
        + "dropout_mask(f, 0.3, 77, struct(user, visit)) FROM keyed"), Output.ALPHA_DROPOUT, SEED);
    assertEqualsReference(spark().sql("SELECT user, visit, d, "
        + "dropout(d, 0.3, key => struct(user, visit), seed => 77), "
        + "dropout_mask(d, 0.3, 77, struct(user, visit)) FROM keyed"), Output.DROPOUT, SEED);
  }

  @Test
  public void theMlStageHashesItsKeyColsTogether() {
    Dataset<Row> out = new DropoutTransformer().setInputCols(new String[] {"f", "v"})
        .setMaskCols(new String[] {"f_mask", "v_mask"}).setMethod("alpha_dropout")
        .setRate(RATE).setSeed(SEED).setKeyCols(KEYS).transform(data(3));
    assertEqualsReference(out.select("user", "visit", "f_in", "f", "f_mask"),
        Output.ALPHA_DROPOUT, SpecReference.columnSeed(SEED, "f"));
    assertEqualsReference(out.select("user", "visit", "v_in", "v", "v_mask"),
        Output.ALPHA_DROPOUT, SpecReference.columnSeed(SEED, "v"));
  }

  @Test
  public void keyColsSurviveAPipelineSavedAndLoaded() throws Exception {
    DropoutTransformer stage = new DropoutTransformer().setInputCol("d").setOutputCol("d_out")
        .setMaskCol("d_mask").setRate(RATE).setSeed(SEED).setKeyCols(KEYS);
    Dataset<Row> data = data(2);
    PipelineModel model = new Pipeline().setStages(new PipelineStage[] {stage}).fit(data);
    String path = new File(Files.createTempDirectory("keyed-pipeline").toFile(), "model").getPath();
    model.write().overwrite().save(path);
    PipelineModel loaded = PipelineModel.load(path);

    DropoutTransformer reloaded = (DropoutTransformer) loaded.stages()[0];
    assertThat(reloaded.getKeyCols()).containsExactly(KEYS);
    assertThat(reloaded.isSet(reloaded.keyCol())).isFalse();
    assertEqualsReference(loaded.transform(data).select("user", "visit", "d", "d_out", "d_mask"),
        Output.DROPOUT, SpecReference.columnSeed(SEED, "d"));
  }

  @Test
  public void theTransformHashesItsKeyColumnsTogether() {
    Dataset<Row> out = DropoutPartitions.apply(data(3), SEED, List.of(KEYS), List.of(
        ColumnDropout.of("f", DropoutMethod.ALPHA_DROPOUT, RATE).withMask("f_mask"),
        ColumnDropout.of("d", DropoutMethod.DROPOUT, RATE).withMask("d_mask"),
        ColumnDropout.of("v", DropoutMethod.ALPHA_DROPOUT, RATE).withMask("v_mask")));
    assertEqualsReference(out.select("user", "visit", "f_in", "f", "f_mask"),
        Output.ALPHA_DROPOUT, SpecReference.columnSeed(SEED, "f"));
    assertEqualsReference(out.select("user", "visit", "d_in", "d", "d_mask"),
        Output.DROPOUT, SpecReference.columnSeed(SEED, "d"));
    assertEqualsReference(out.select("user", "visit", "v_in", "v", "v_mask"),
        Output.ALPHA_DROPOUT, SpecReference.columnSeed(SEED, "v"));
  }

  /**
   * {@code results} has the key parts {@code user} and {@code visit}, a flat input, its values
   * and its mask; the reference computes the row's stream from the two parts itself.
   */
  private static void assertEqualsReference(Dataset<Row> results, Output method, long seed) {
    SpecReference values = new SpecReference(method, RATE, seed, null, 0);
    SpecReference mask = new SpecReference(Output.MASK, RATE, seed, null, 0);
    List<Row> rows = results.collectAsList();
    assertThat(rows).hasSize(TestData.ROWS + 3);
    for (Row row : rows) {
      long stream = SpecReference.keyStream(row.get(0), row.get(1));
      String what = results.columns()[3] + " of (" + row.get(0) + ", " + row.get(1) + ")";
      assertBits(values.expected(row.get(2), 1, stream), row.get(3), what);
      assertBits(mask.expected(row.get(2), 1, stream), row.get(4), what + ", mask");
    }
  }

  private static void assertBits(Object expected, Object actual, String what) {
    Object actualJava = SpecReference.toJava(actual);
    assertThat(SpecReference.sameBits(expected, actualJava))
        .as("%s: expected %s, got %s", what, expected, actualJava).isTrue();
  }
}
