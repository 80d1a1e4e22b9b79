package dev.sparkdropout.transform;

import dev.sparkdropout.spark.ColumnDropout;
import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.sql.SparkTestBase;
import dev.sparkdropout.sql.TestData;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.Test;

/** SQL, Column API, mapPartitions and the ML stage give the same bits on the same Dataset. */
public class SurfacesAgreeTest extends SparkTestBase {

  private List<Row> sql(Dataset<Row> data, String key, boolean columnSeeds) {
    return Surfaces.sql(spark(), data, key, columnSeeds).collectAsList();
  }

  private static List<Row> columnApi(Dataset<Row> data, String key) {
    return Surfaces.columnApi(data, key).collectAsList();
  }

  private static List<Row> mapPartitions(Dataset<Row> data, String key) {
    return Surfaces.mapPartitions(data, key).collectAsList();
  }

  private static List<Row> mlStage(Dataset<Row> data, String key) {
    return Surfaces.columns(Surfaces.mlPipeline(key).fit(data).transform(data)).collectAsList();
  }

  private void assertAllAgree(Dataset<Row> data, String key) {
    assertSameRows(columnApi(data, key), sql(data, key, false));
    List<Row> expected = sql(data, key, true);
    assertSameRows(Surfaces.sqlNamed(spark(), data, key).collectAsList(), expected);
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
