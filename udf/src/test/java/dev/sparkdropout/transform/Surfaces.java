package dev.sparkdropout.transform;

import static org.apache.spark.sql.functions.col;

import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.core.NoiseShape;
import dev.sparkdropout.ml.DropoutTransformer;
import dev.sparkdropout.spark.ColumnDropout;
import dev.sparkdropout.sql.DropoutColumns;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The same augmentation of {@link dev.sparkdropout.sql.TestData}'s table through each surface
 * (alpha dropout of {@code f} and {@code v} at 0.3, dropout of {@code seq} at 0.4 with noise
 * shape (1, -1), masks of {@code f} and {@code seq}, seed 77), in key mode on {@code key} or, for
 * a NULL key, in partition mode. Every result has the columns {@link #COLUMNS}, ordered by id.
 */
public final class Surfaces {

  public static final String[] COLUMNS =
      {"id", "user", "f", "d", "seq", "cube", "v", "f_mask", "seq_mask"};
  private static final long SEED = 77;

  private Surfaces() {}

  /**
   * The SQL functions with positional arguments and seed 77 for every column ({@code columnSeeds}
   * false, as single calls use their seed), or each column's own seed {@code 77 ^ xxhash64(name)},
   * as the transform and the ML stage derive it (docs/SPEC.md §3).
   */
  public static Dataset<Row> sql(SparkSession spark, Dataset<Row> data, String key,
      boolean columnSeeds) {
    data.createOrReplaceTempView("surfaces");
    String k = key == null ? "NULL" : key;
    String f = seed("f", columnSeeds);
    String seq = seed("seq", columnSeeds);
    return spark.sql("SELECT id, user, alpha_dropout(f, 0.3, " + f + ", " + k + ") AS f, d, "
        + "dropout(seq, 0.4, " + seq + ", " + k + ", array(1, -1)) AS seq, cube, "
        + "alpha_dropout(v, 0.3, " + seed("v", columnSeeds) + ", " + k + ") AS v, "
        + "dropout_mask(f, 0.3, " + f + ", " + k + ") AS f_mask, "
        + "dropout_mask(seq, 0.4, " + seq + ", " + k + ", array(1, -1)) AS seq_mask "
        + "FROM surfaces ORDER BY id");
  }

  /** As {@link #sql} with column seeds, every argument after {@code x} by name. */
  public static Dataset<Row> sqlNamed(SparkSession spark, Dataset<Row> data, String key) {
    data.createOrReplaceTempView("surfaces");
    String k = key == null ? "" : ", key => " + key;
    String f = "seed => " + seed("f", true) + k;
    String seq = "seed => " + seed("seq", true) + k + ", noise_shape => array(1, -1)";
    return spark.sql("SELECT id, user, alpha_dropout(f, rate => 0.3, " + f + ") AS f, d, "
        + "dropout(seq, " + seq + ", rate => 0.4) AS seq, cube, "
        + "alpha_dropout(v, rate => 0.3, seed => " + seed("v", true) + k + ") AS v, "
        + "dropout_mask(f, rate => 0.3, " + f + ") AS f_mask, "
        + "dropout_mask(seq, rate => 0.4, " + seq + ") AS seq_mask "
        + "FROM surfaces ORDER BY id");
  }

  private static String seed(String column, boolean columnSeeds) {
    return columnSeeds ? SEED + " ^ xxhash64('" + column + "')" : String.valueOf(SEED);
  }

  /** The Column API, whose builders use their seed for every column, as single SQL calls do. */
  public static Dataset<Row> columnApi(Dataset<Row> data, String key) {
    DropoutColumns.Builder f = DropoutColumns.dropout(col("f"))
        .method(DropoutMethod.ALPHA_DROPOUT).rate(0.3).seed(SEED);
    DropoutColumns.Builder seq = DropoutColumns.dropout(col("seq")).rate(0.4).seed(SEED)
        .noiseShape(1, -1);
    DropoutColumns.Builder v = DropoutColumns.dropout(col("v"))
        .method(DropoutMethod.ALPHA_DROPOUT).rate(0.3).seed(SEED);
    if (key != null) {
      f.key(col(key));
      seq.key(col(key));
      v.key(col(key));
    }
    return data.select(col("id"), col("user"), f.build().as("f"), col("d"), seq.build().as("seq"),
        col("cube"), v.build().as("v"), f.mask().as("f_mask"), seq.mask().as("seq_mask"))
        .orderBy("id");
  }

  public static Dataset<Row> mapPartitions(Dataset<Row> data, String key) {
    return DropoutPartitions.apply(data, SEED, key, List.of(
            ColumnDropout.of("f", DropoutMethod.ALPHA_DROPOUT, 0.3).withMask("f_mask"),
            ColumnDropout.of("seq", DropoutMethod.DROPOUT, 0.4)
                .withNoiseShape(NoiseShape.of(1, -1)).withMask("seq_mask"),
            ColumnDropout.of("v", DropoutMethod.ALPHA_DROPOUT, 0.3)))
        .select(COLUMNS[0], tail(COLUMNS)).orderBy("id");
  }

  /** The ML stages, as a Pipeline: fit it (nothing is learned) and save, load or transform. */
  public static Pipeline mlPipeline(String key) {
    DropoutTransformer alpha = new DropoutTransformer()
        .setInputCols(new String[] {"f", "v"}).setMaskCols(new String[] {"f_mask", "v_mask"})
        .setMethod("alpha_dropout").setRate(0.3).setSeed(SEED);
    DropoutTransformer seq = new DropoutTransformer().setInputCol("seq").setMaskCol("seq_mask")
        .setRate(0.4).setSeed(SEED).setNoiseShape(new int[] {1, -1});
    if (key != null) {
      alpha.setKeyCol(key);
      seq.setKeyCol(key);
    }
    return new Pipeline().setStages(new PipelineStage[] {alpha, seq});
  }

  /** A transformer's output (the ML stage's has more columns) as the other surfaces give it. */
  public static Dataset<Row> columns(Dataset<Row> transformed) {
    return transformed.select(COLUMNS[0], tail(COLUMNS)).orderBy("id");
  }

  private static String[] tail(String[] names) {
    return java.util.Arrays.copyOfRange(names, 1, names.length);
  }
}
