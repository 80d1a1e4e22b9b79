package dev.sparkdropout.sql;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.sql.SpecReference.Output;
import java.util.List;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.Test;

/**
 * docs/SPEC.md §8 beyond what {@link SqlFunctionsTest} checks element by element: spatial dropout
 * is dropout with one decision per channel, rate 1 drops everything, the Column API builds the
 * same calls, and vectors keep or lose their sparsity as the method says.
 */
public class NoiseLayersTest extends SparkTestBase {

  private Dataset<Row> table() {
    Dataset<Row> table = TestData.table(spark(), 3);
    table.createOrReplaceTempView("t");
    return table;
  }

  /** Every row of {@code a} equals the same row of {@code b}, bit for bit, and some differ from x. */
  private void assertSameRows(String x, String a, String b) {
    List<Row> rows = table().selectExpr(x, a, b).collectAsList();
    int changed = 0;
    for (Row row : rows) {
      Object left = SpecReference.toJava(row.get(1));
      Object right = SpecReference.toJava(row.get(2));
      assertThat(SpecReference.sameBits(left, right))
          .as("%s = %s on %s: %s and %s", a, b, row.get(0), left, right).isTrue();
      changed += SpecReference.sameBits(SpecReference.toJava(row.get(0)), left) ? 0 : 1;
    }
    assertThat(changed).as("rows %s changed", a).isPositive();
  }

  @Test
  public void spatialDropoutIsDropoutWithOneDecisionPerChannel() {
    assertSameRows("seq", "spatial_dropout(seq, 0.4, 7, user)",
        "dropout(seq, 0.4, 7, user, array(1, -1))");
    assertSameRows("seq", "spatial_dropout(seq, 0.4, 7, user, 2, channels_first => true)",
        "dropout(seq, 0.4, 7, user, array(-1, 1), 2)");
    assertSameRows("cube", "spatial_dropout(cube, 0.3, 7)", "dropout(cube, 0.3, 7, NULL, array(1, 1, -1))");
    assertSameRows("cube", "spatial_dropout(cube, 0.3, seed => 7, channels_first => true)",
        "dropout(cube, 0.3, 7, NULL, array(-1, 1, 1))");
  }

  @Test
  public void spatialDropoutMatchesTheReferenceWithTheSpatialNoiseShape() {
    List<Row> rows = table().selectExpr("seq", "xxhash64(user)", "spatial_dropout(seq, 0.5, 3, user)")
        .collectAsList();
    SpecReference reference = new SpecReference(Output.DROPOUT, 0.5, 3L, new Integer[] {1, -1}, 0);
    for (Row row : rows) {
      Object expected = reference.expected(row.get(0), 2, row.getLong(1));
      Object actual = SpecReference.toJava(row.get(2));
      assertThat(SpecReference.sameBits(expected, actual)).as("%s: %s", expected, actual).isTrue();
    }
  }

  @Test
  public void rateOneDropsEveryElementAndItsMaskIsAllZeros() {
    List<Row> rows = table().selectExpr("f", "dropout(f, 1, 5)", "dropout_mask(f, 1.0, 5, user)",
        "spatial_dropout(seq, 1.0, 5)", "dropout(v, 1, 5)").collectAsList();
    for (Row row : rows) {
      List<?> values = (List<?>) SpecReference.toJava(row.get(1));
      List<?> mask = (List<?>) SpecReference.toJava(row.get(2));
      if (values == null) {
        assertThat(mask).isNull();
        continue;
      }
      for (int i = 0; i < values.size(); i++) {
        Object x = ((List<?>) SpecReference.toJava(row.get(0))).get(i);
        assertThat(values.get(i)).isEqualTo(x == null ? null : 0.0f);
        assertThat(mask.get(i)).isEqualTo(x == null ? null : (byte) 0);
      }
      for (Object step : (List<?>) SpecReference.toJava(row.get(3))) {
        if (step != null) {
          for (Object element : (List<?>) step) {
            assertThat(element).isIn(0.0f, null);
          }
        }
      }
      Vector vector = (Vector) row.get(4);
      if (vector != null) {
        assertThat(vector.numNonzeros()).isZero();
      }
    }
  }

  @Test
  public void columnApiBuildsTheSqlCalls() {
    Dataset<Row> t = table();
    Column[] columns = {
        DropoutColumns.gaussianDropout(col("cube"), 0.2, 4L, col("user")),
        DropoutColumns.dropout(col("cube")).method(DropoutMethod.GAUSSIAN_DROPOUT).rate(0.2)
            .seed(4).key(col("user")).noiseShape(1, -1, 1).copy(1).build(),
        DropoutColumns.gaussianNoise(col("f"), 0.7, 4L),
        DropoutColumns.dropout(col("f")).method(DropoutMethod.GAUSSIAN_NOISE).stddev(0.7)
            .seed(4).build(),
        DropoutColumns.spatialDropout(col("seq"), 0.5, 4L, col("user")),
        DropoutColumns.dropout(col("seq")).method(DropoutMethod.SPATIAL_DROPOUT).rate(0.5)
            .seed(4).channelsFirst(true).build()};
    String[] sql = {
        "gaussian_dropout(cube, 0.2, 4, user)",
        "gaussian_dropout(cube, 0.2, 4, user, array(1, -1, 1), 1)",
        "gaussian_noise(f, 0.7, 4)",
        "gaussian_noise(f, stddev => 0.7, seed => 4)",
        "spatial_dropout(seq, 0.5, 4, user)",
        "spatial_dropout(seq, 0.5, 4, channels_first => true)"};
    List<Row> api = t.select(columns).collectAsList();
    List<Row> rows = t.selectExpr(sql).collectAsList();
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < sql.length; c++) {
        Object expected = SpecReference.toJava(rows.get(r).get(c));
        Object actual = SpecReference.toJava(api.get(r).get(c));
        assertThat(SpecReference.sameBits(expected, actual)).as(sql[c]).isTrue();
      }
    }
    assertThatThrownBy(() -> DropoutColumns.dropout(col("f"))
        .method(DropoutMethod.GAUSSIAN_NOISE).stddev(0.1).mask())
        .hasMessageStartingWith("gaussian_noise has no mask here");
    assertThatThrownBy(() -> DropoutColumns.dropout(col("seq"))
        .method(DropoutMethod.SPATIAL_DROPOUT).rate(0.1).noiseShape(1, -1).build())
        .hasMessage("spatial_dropout takes no noise_shape");
  }

  @Test
  public void gaussianDropoutKeepsVectorsSparseAndGaussianNoiseMakesThemDense() {
    List<Row> rows = table().selectExpr("v", "gaussian_dropout(v, 0.3, 1, id)",
        "gaussian_noise(v, 0.3, 1, id)").collectAsList();
    int sparse = 0;
    for (Row row : rows) {
      if (row.get(0) == null) {
        assertThat(row.get(1)).isNull();
        assertThat(row.get(2)).isNull();
        continue;
      }
      Vector x = (Vector) row.get(0);
      Class<?> kind = x instanceof SparseVector ? SparseVector.class : DenseVector.class;
      assertThat(row.get(1)).isInstanceOf(kind);
      assertThat(row.get(2)).isInstanceOf(DenseVector.class);
      assertThat(((Vector) row.get(2)).size()).isEqualTo(x.size());
      sparse += x instanceof SparseVector ? 1 : 0;
    }
    assertThat(sparse).isPositive();
  }

  @Test
  public void gaussianNoiseAndDropoutWithOneSeedAreIndependent() {
    // Different keys (§8): a dropped element is not more likely where z is small.
    Row row = spark().sql("SELECT corr(CAST(p.`0` AS DOUBLE), p.`1`) FROM (SELECT "
        + "explode(arrays_zip(dropout_mask(x, 0.5, 9, 1), gaussian_noise(x, 1.0, 9, 1))) AS p "
        + "FROM (SELECT array_repeat(0.0D, 200000) AS x))").first();
    assertThat(Math.abs(row.getDouble(0))).isLessThan(0.01);
  }
}
