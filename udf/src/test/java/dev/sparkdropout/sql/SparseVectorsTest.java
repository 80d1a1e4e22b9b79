package dev.sparkdropout.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkdropout.core.NoiseShapeException;
import dev.sparkdropout.sql.SpecReference.Output;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;
import org.apache.spark.SparkException;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.Test;

/**
 * Dropout of a sparse vector decides its stored entries alone, so HashingTF-sized vectors with
 * a hundred entries go through as short rows do: at size Integer.MAX_VALUE a keep array of the
 * vector's size could not even be allocated. Every entry is compared bit for bit with
 * {@link SpecReference} at its dense index (docs/SPEC.md §5), and the result stays sparse.
 */
public class SparseVectorsTest extends SparkTestBase {

  private static final int[] SIZES = {1 << 24, Integer.MAX_VALUE};
  private static final int ROWS_PER_SIZE = 4;
  private static final int ENTRIES = 100;
  private static final double RATE = 0.4;
  private static final long SEED = 77L;

  private void check(boolean keyMode, Integer[] noiseShape) {
    check(Output.DROPOUT, keyMode, noiseShape);
  }

  private void check(Output output, boolean keyMode, Integer[] noiseShape) {
    String shape = noiseShape == null ? "NULL" : "array(" + noiseShape[0] + ")";
    String call = String.format(Locale.ROOT, "%s(v, %s, %dL, %s, %s)", output.function(), RATE,
        SEED, keyMode ? "id" : "NULL", shape);
    String stream = keyMode ? "xxhash64(id)" : "monotonically_increasing_id()";
    List<Row> rows = table().selectExpr("v", stream, call).collectAsList();
    assertThat(rows).hasSize(SIZES.length * ROWS_PER_SIZE);
    SpecReference reference = new SpecReference(output, RATE, SEED, noiseShape, 0);
    for (Row row : rows) {
      SparseVector x = (SparseVector) row.get(0);
      assertThat(row.get(2)).as(call).isInstanceOf(SparseVector.class);
      SparseVector y = (SparseVector) row.get(2);
      assertThat(y.size()).isEqualTo(x.size());
      assertThat(y.indices()).containsExactly(x.indices());
      for (int k = 0; k < x.indices().length; k++) {
        Object expected = reference.expectedAt(x.values()[k], x.indices()[k], x.size(),
            row.getLong(1));
        assertThat(SpecReference.sameBits(expected, y.values()[k]))
            .as("%s at index %d of %d: expected %s, got %s", call, x.indices()[k], x.size(),
                expected, y.values()[k])
            .isTrue();
      }
    }
  }

  @Test
  public void keyModeDecidesEachStoredEntryAtItsDenseIndex() {
    check(true, null);
    check(true, new Integer[] {-1});
  }

  @Test
  public void partitionModeDecidesEachStoredEntryAtItsDenseIndex() {
    check(false, null);
    check(false, new Integer[] {-1});
  }

  @Test
  public void gaussianDropoutDrawsForTheStoredEntriesAlone() {
    check(Output.GAUSSIAN_DROPOUT, true, null);
    check(Output.GAUSSIAN_DROPOUT, false, new Integer[] {1});
  }

  @Test
  public void aSharedDecisionCoversEveryStoredEntry() {
    check(true, new Integer[] {1});
    check(false, new Integer[] {1});
  }

  @Test
  public void aFixedNoiseSizeMustBeTheVectorsSize() {
    // The rows of size 2^24 fit; the first of size Integer.MAX_VALUE fails the job.
    assertThatThrownBy(() -> table().selectExpr("dropout(v, 0.4, 1, id, array(16777216))")
        .collect())
        .isInstanceOf(SparkException.class)
        .rootCause()
        .isInstanceOf(NoiseShapeException.class)
        .hasMessage("Column `v`: noise_shape (16777216) expects size 16777216 on axis 1, "
            + "but the row has size 2147483647");
  }

  /**
   * Rows of each size in two partitions, each with {@link #ENTRIES} entries: the first and last
   * index, runs of indices in one Philox block, the rest spread at random.
   */
  private Dataset<Row> table() {
    Random random = new Random(31);
    List<Row> rows = new ArrayList<>();
    long id = 0;
    for (int size : SIZES) {
      for (int r = 0; r < ROWS_PER_SIZE; r++) {
        TreeSet<Integer> indices = new TreeSet<>(List.of(0, 1, 3, 8, 9, 10, 11, size - 1));
        while (indices.size() < ENTRIES) {
          indices.add(random.nextInt(size));
        }
        double[] values = new double[ENTRIES];
        for (int k = 0; k < ENTRIES; k++) {
          values[k] = random.nextGaussian();
        }
        rows.add(RowFactory.create(id++, Vectors.sparse(size,
            indices.stream().mapToInt(Integer::intValue).toArray(), values)));
      }
    }
    StructType schema = new StructType()
        .add("id", DataTypes.LongType)
        .add("v", SQLDataTypes.VectorType());
    return spark().createDataFrame(rows, schema).repartition(2, new Column("id"))
        .sortWithinPartitions("id");
  }
}
