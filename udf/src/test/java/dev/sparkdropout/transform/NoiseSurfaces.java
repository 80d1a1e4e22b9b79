package dev.sparkdropout.transform;

import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.core.NoiseShape;
import dev.sparkdropout.ml.DropoutTransformer;
import dev.sparkdropout.spark.ColumnDropout;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The noise methods of docs/SPEC.md §8 on {@link dev.sparkdropout.sql.TestData}'s table, seed 91,
 * through the SQL functions with column seeds ({@code 91 ^ xxhash64('f')}), the mapPartitions
 * transform and the ML stage, in key mode on {@code user} or, for a NULL key, in partition mode.
 *
 * <p>The Gaussian methods apply to every input type: {@code f}, {@code d} and {@code v} whole,
 * {@code seq} with noise shape (1, -1) and {@code cube} with (-1, 3, 1). Spatial dropout applies
 * to {@code seq} and {@code cube} with masks, and SQL states it as what SPEC §8 says it is: dropout
 * and dropout_mask with noise shape (1, -1) and (1, 1, -1).
 */
final class NoiseSurfaces {

  static final String[] GAUSSIAN_COLUMNS = {"id", "f", "d", "seq", "cube", "v"};
  static final String[] SPATIAL_COLUMNS = {"id", "seq", "cube", "seq_mask", "cube_mask"};
  private static final long SEED = 91;
  /** A value for the Param a method ignores: were it used, the results would differ. */
  private static final double IGNORED = 0.9;

  private NoiseSurfaces() {}

  /** The SQL functions: {@code method} at {@code amount} (rate, or gaussian_noise's stddev). */
  static Dataset<Row> sql(SparkSession spark, Dataset<Row> data, DropoutMethod method,
      double amount, String key) {
    data.createOrReplaceTempView("noise_surfaces");
    if (method == DropoutMethod.SPATIAL_DROPOUT) {
      return spark.sql("SELECT id, "
          + call("dropout", "seq", amount, key, "array(1, -1)") + " AS seq, "
          + call("dropout", "cube", amount, key, "array(1, 1, -1)") + " AS cube, "
          + call("dropout_mask", "seq", amount, key, "array(1, -1)") + " AS seq_mask, "
          + call("dropout_mask", "cube", amount, key, "array(1, 1, -1)") + " AS cube_mask "
          + "FROM noise_surfaces ORDER BY id");
    }
    String name = method.sqlName();
    return spark.sql("SELECT id, "
        + call(name, "f", amount, key, "NULL") + " AS f, "
        + call(name, "d", amount, key, "NULL") + " AS d, "
        + call(name, "seq", amount, key, "array(1, -1)") + " AS seq, "
        + call(name, "cube", amount, key, "array(-1, 3, 1)") + " AS cube, "
        + call(name, "v", amount, key, "NULL") + " AS v "
        + "FROM noise_surfaces ORDER BY id");
  }

  private static String call(String function, String column, double amount, String key,
      String shape) {
    return String.format(java.util.Locale.ROOT, "%s(%s, %s, %d ^ xxhash64('%s'), %s, %s)",
        function, column, amount, SEED, column, key == null ? "NULL" : key, shape);
  }

  static Dataset<Row> mapPartitions(Dataset<Row> data, DropoutMethod method, double amount,
      String key) {
    List<ColumnDropout> columns = method == DropoutMethod.SPATIAL_DROPOUT
        ? List.of(ColumnDropout.of("seq", method, amount).withMask("seq_mask"),
            ColumnDropout.of("cube", method, amount).withMask("cube_mask"))
        : List.of(ColumnDropout.of("f", method, amount), ColumnDropout.of("d", method, amount),
            ColumnDropout.of("seq", method, amount).withNoiseShape(NoiseShape.of(1, -1)),
            ColumnDropout.of("cube", method, amount).withNoiseShape(NoiseShape.of(-1, 3, 1)),
            ColumnDropout.of("v", method, amount));
    return columns(DropoutPartitions.apply(data, SEED, key, columns), method);
  }

  /** The ML stages, as a Pipeline: fit it (nothing is learned) and transform. */
  static Pipeline mlPipeline(DropoutMethod method, double amount, String key) {
    PipelineStage[] stages = method == DropoutMethod.SPATIAL_DROPOUT
        ? new PipelineStage[] {stage(method, amount, key).setInputCols(new String[] {"seq", "cube"})
            .setMaskCols(new String[] {"seq_mask", "cube_mask"})}
        : new PipelineStage[] {
            stage(method, amount, key).setInputCols(new String[] {"f", "d", "v"}),
            stage(method, amount, key).setInputCol("seq").setNoiseShape(new int[] {1, -1}),
            stage(method, amount, key).setInputCol("cube").setNoiseShape(new int[] {-1, 3, 1})};
    return new Pipeline().setStages(stages);
  }

  private static DropoutTransformer stage(DropoutMethod method, double amount, String key) {
    DropoutTransformer stage = new DropoutTransformer().setMethod(method.sqlName()).setSeed(SEED);
    if (method == DropoutMethod.GAUSSIAN_NOISE) {
      stage.setStddev(amount).setRate(IGNORED);
    } else {
      stage.setRate(amount).setStddev(IGNORED);
    }
    return key == null ? stage : stage.setKeyCol(key);
  }

  /** A surface's output with the columns {@link #sql} gives for the method, ordered by id. */
  static Dataset<Row> columns(Dataset<Row> transformed, DropoutMethod method) {
    String[] names = method == DropoutMethod.SPATIAL_DROPOUT ? SPATIAL_COLUMNS : GAUSSIAN_COLUMNS;
    return transformed.select(names[0], java.util.Arrays.copyOfRange(names, 1, names.length))
        .orderBy("id");
  }
}
