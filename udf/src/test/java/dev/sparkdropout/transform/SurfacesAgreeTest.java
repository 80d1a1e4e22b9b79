package dev.sparkdropout.transform;

import static org.apache.spark.sql.functions.col;

import dev.sparkdropout.spark.ColumnDropout;
import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.core.NoiseShape;
import dev.sparkdropout.ml.DropoutTransformer;
import dev.sparkdropout.sql.DropoutColumns;
import dev.sparkdropout.sql.SparkTestBase;
import dev.sparkdropout.sql.TestData;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.Test;

/** SQL, Column API, mapPartitions and the ML stage give the same bits on the same Dataset. */
public class SurfacesAgreeTest extends SparkTestBase {

  private static final String SELECT = "id";

  /**
   * The SQL functions with seed 77 for every column ({@code columnSeeds} false, as single calls
   * use their seed), or with each column's own seed {@code 77 ^ xxhash64(name)}, as the
   * transform and the ML stage derive it (docs/SPEC.md §3).
   */
  private List<Row> sql(Dataset<Row> data, String key, boolean columnSeeds) {
    data.createOrReplaceTempView("surfaces");
    String k = key == null ? "NULL" : key;
    String f = seed("f", columnSeeds);
    String seq = seed("seq", columnSeeds);
    return spark().sql("SELECT id, user, alpha_dropout(f, 0.3, " + f + ", " + k + ") AS f, d, "
        + "dropout(seq, 0.4, " + seq + ", " + k + ", array(1, -1)) AS seq, cube, "
        + "alpha_dropout(v, 0.3, " + seed("v", columnSeeds) + ", " + k + ") AS v, "
        + "dropout_mask(f, 0.3, " + f + ", " + k + ") AS f_mask, "
        + "dropout_mask(seq, 0.4, " + seq + ", " + k + ", array(1, -1)) AS seq_mask "
        + "FROM surfaces ORDER BY id").collectAsList();
  }

  private static String seed(String column, boolean columnSeeds) {
    return columnSeeds ? "77 ^ xxhash64('" + column + "')" : "77";
  }

  private List<Row> columnApi(Dataset<Row> data, String key) {
    DropoutColumns.Builder f = DropoutColumns.dropout(col("f"))
        .method(DropoutMethod.ALPHA_DROPOUT).rate(0.3).seed(77);
    DropoutColumns.Builder seq = DropoutColumns.dropout(col("seq")).rate(0.4).seed(77)
        .noiseShape(1, -1);
    DropoutColumns.Builder v = DropoutColumns.dropout(col("v"))
        .method(DropoutMethod.ALPHA_DROPOUT).rate(0.3).seed(77);
    if (key != null) {
      f.key(col(key));
      seq.key(col(key));
      v.key(col(key));
    }
    return data.select(col("id"), col("user"), f.build().as("f"), col("d"), seq.build().as("seq"),
        col("cube"), v.build().as("v"), f.mask().as("f_mask"), seq.mask().as("seq_mask"))
        .orderBy(SELECT).collectAsList();
  }

  private List<Row> mapPartitions(Dataset<Row> data, String key) {
    return DropoutPartitions.apply(data, 77L, key, List.of(
            ColumnDropout.of("f", DropoutMethod.ALPHA_DROPOUT, 0.3).withMask("f_mask"),
            ColumnDropout.of("seq", DropoutMethod.DROPOUT, 0.4)
                .withNoiseShape(NoiseShape.of(1, -1)).withMask("seq_mask"),
            ColumnDropout.of("v", DropoutMethod.ALPHA_DROPOUT, 0.3)))
        .select("id", "user", "f", "d", "seq", "cube", "v", "f_mask", "seq_mask")
        .orderBy(SELECT).collectAsList();
  }

  private List<Row> mlStage(Dataset<Row> data, String key) {
    DropoutTransformer alpha = new DropoutTransformer()
        .setInputCols(new String[] {"f", "v"}).setMaskCols(new String[] {"f_mask", "v_mask"})
        .setMethod("alpha_dropout").setRate(0.3).setSeed(77);
    DropoutTransformer seq = new DropoutTransformer().setInputCol("seq").setMaskCol("seq_mask")
        .setRate(0.4).setSeed(77).setNoiseShape(new int[] {1, -1});
    if (key != null) {
      alpha.setKeyCol(key);
      seq.setKeyCol(key);
    }
    return seq.transform(alpha.transform(data))
        .select("id", "user", "f", "d", "seq", "cube", "v", "f_mask", "seq_mask")
        .orderBy(SELECT).collectAsList();
  }

  private void assertAllAgree(Dataset<Row> data, String key) {
    assertSameRows(columnApi(data, key), sql(data, key, false));
    List<Row> expected = sql(data, key, true);
    assertSameRows(mapPartitions(data, key), expected);
    assertSameRows(mlStage(data, key), expected);
  }

  @Test
  public void partitionModeOnTheSameDataset() {
    assertAllAgree(TestData.table(spark(), 3), null);
  }

  @Test
  public void keyModeOnTheSameDataset() {
    assertAllAgree(TestData.table(spark(), 3), "user");
  }

  @Test
  public void keyModeAcrossRepartitioning() {
    List<Row> onePartition = sql(TestData.table(spark(), 1), "id", true);
    assertSameRows(mapPartitions(TestData.table(spark(), 5), "id"), onePartition);
    assertSameRows(mlStage(TestData.table(spark(), 4), "id"), onePartition);
    assertSameRows(columnApi(TestData.table(spark(), 6), "id"),
        sql(TestData.table(spark(), 1), "id", false));
  }

  @Test
  public void mapPartitionsCopiesDifferOnlyThroughTheCopyIndex() {
    Dataset<Row> data = TestData.table(spark(), 2);
    List<ColumnDropout> columns = List.of(ColumnDropout.of("d", DropoutMethod.DROPOUT, 0.5));
    data.createOrReplaceTempView("copies");
    List<Row> sqlCopy = spark().sql("SELECT dropout(d, 0.5, 3 ^ xxhash64('d'), id, NULL, 4) AS d "
        + "FROM copies ORDER BY id").collectAsList();
    assertSameRows(DropoutPartitions.apply(data, 3L, "id", 4, columns).orderBy("id")
        .select("d").collectAsList(), sqlCopy);
  }
}
