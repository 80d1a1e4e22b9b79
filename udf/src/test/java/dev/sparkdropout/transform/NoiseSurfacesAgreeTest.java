package dev.sparkdropout.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.sql.SparkTestBase;
import dev.sparkdropout.sql.TestData;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.Test;

/**
 * Gaussian dropout, Gaussian noise and spatial dropout give the same bits through the SQL
 * functions with column seeds, the mapPartitions transform and the ML stage (docs/SPEC.md §3, §8).
 */
public class NoiseSurfacesAgreeTest extends SparkTestBase {

  private void assertAllAgree(Dataset<Row> data, DropoutMethod method, double amount,
      String key) {
    List<Row> expected = NoiseSurfaces.sql(spark(), data, method, amount, key).collectAsList();
    List<Row> transformed =
        NoiseSurfaces.mapPartitions(data, method, amount, key).collectAsList();
    List<Row> staged = NoiseSurfaces.columns(
        NoiseSurfaces.mlPipeline(method, amount, key).fit(data).transform(data), method)
        .collectAsList();
    assertSameRows(transformed, expected);
    assertSameRows(staged, expected);
    if (method != DropoutMethod.SPATIAL_DROPOUT) {
      assertThat(vectorKinds(transformed)).isEqualTo(vectorKinds(expected));
      assertThat(vectorKinds(staged)).isEqualTo(vectorKinds(expected));
    }
  }

  /** Whether each row's {@code v} is dense or sparse, which bit equality does not look at. */
  private static List<String> vectorKinds(List<Row> rows) {
    return rows.stream()
        .map(row -> row.<Object>getAs("v"))
        .map(v -> v == null ? "null" : v.getClass().getSimpleName())
        .collect(Collectors.toList());
  }

  @Test
  public void gaussianDropoutInKeyMode() {
    assertAllAgree(TestData.table(spark(), 3), DropoutMethod.GAUSSIAN_DROPOUT, 0.3, "user");
  }

  @Test
  public void gaussianDropoutInPartitionMode() {
    assertAllAgree(TestData.table(spark(), 3), DropoutMethod.GAUSSIAN_DROPOUT, 0.3, null);
  }

  @Test
  public void gaussianNoiseInKeyMode() {
    assertAllAgree(TestData.table(spark(), 3), DropoutMethod.GAUSSIAN_NOISE, 0.7, "user");
  }

  @Test
  public void gaussianNoiseInPartitionMode() {
    assertAllAgree(TestData.table(spark(), 3), DropoutMethod.GAUSSIAN_NOISE, 0.7, null);
  }

  @Test
  public void spatialDropoutIsDropoutWithOneDecisionPerChannelInKeyMode() {
    assertAllAgree(TestData.table(spark(), 3), DropoutMethod.SPATIAL_DROPOUT, 0.4, "user");
  }

  @Test
  public void spatialDropoutIsDropoutWithOneDecisionPerChannelInPartitionMode() {
    assertAllAgree(TestData.table(spark(), 3), DropoutMethod.SPATIAL_DROPOUT, 0.4, null);
  }

  @Test
  public void keyModeAcrossRepartitioning() {
    for (DropoutMethod method : List.of(DropoutMethod.GAUSSIAN_NOISE,
        DropoutMethod.SPATIAL_DROPOUT)) {
      List<Row> onePartition =
          NoiseSurfaces.sql(spark(), TestData.table(spark(), 1), method, 0.2, "id")
              .collectAsList();
      Dataset<Row> five = TestData.table(spark(), 5);
      assertSameRows(NoiseSurfaces.mapPartitions(five, method, 0.2, "id").collectAsList(),
          onePartition);
      assertSameRows(NoiseSurfaces.columns(NoiseSurfaces.mlPipeline(method, 0.2, "id")
          .fit(five).transform(five), method).collectAsList(), onePartition);
    }
  }
}
