package dev.sparkdropout.job;

import dev.sparkdropout.spark.ColumnDropout;

import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.core.NoiseShape;
import java.io.File;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code --example}: a small dataset with the three kinds of feature column users augment (an
 * array, a sequence of arrays, an ML vector), and settings that show each: dropout, a
 * noise_shape shared over time steps, alpha dropout, masks, two copies and key mode
 * on a key of two columns.
 */
final class ExampleData {

  /** Where the example writes, unless {@code SPARK_DROPOUT_EXAMPLE_DIR} says otherwise. */
  private static final String DIR_VARIABLE = "SPARK_DROPOUT_EXAMPLE_DIR";
  private static final int ROWS = 5000;
  /** Users have several events each, so only (user_id, event_time) identifies a row. */
  private static final int USERS = 500;
  private static final long FIRST_EVENT = 1_767_225_600_000L;

  private ExampleData() {}

  static JobSettings create(SparkSession spark, JobCommand command) {
    if (command.input != null || command.output != null || command.columns != null
        || command.config != null) {
      throw UserError.of("--example makes its own data and settings; leave out --input, "
          + "--output, --column and --config");
    }
    String dir = System.getenv(DIR_VARIABLE);
    File base = new File(dir != null ? dir
        : new File(System.getProperty("java.io.tmpdir"), "spark-dropout-example").getPath());
    String input = new File(base, "input").getAbsolutePath();
    String output = new File(base, "output").getAbsolutePath();
    write(spark, input);
    List<ColumnDropout> columns = List.of(
        ColumnDropout.of("features", DropoutMethod.DROPOUT, 0.3),
        ColumnDropout.of("sequence", DropoutMethod.DROPOUT, 0.2)
            .withNoiseShape(NoiseShape.of(1, -1)),
        ColumnDropout.of("embedding", DropoutMethod.ALPHA_DROPOUT, 0.1));
    Long seed = command.seed == null ? null : Values.seed(command.seed, "--seed");
    return new JobSettings(input, output, "parquet", seed, List.of("user_id", "event_time"), 2,
        true, true, true, command.master, Map.copyOf(command.conf), columns);
  }

  private static void write(SparkSession spark, String path) {
    StructType schema = new StructType()
        .add("user_id", DataTypes.StringType)
        .add("event_time", DataTypes.TimestampType)
        .add("label", DataTypes.DoubleType)
        .add("features", DataTypes.createArrayType(DataTypes.FloatType))
        .add("sequence", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType)))
        .add("embedding", SQLDataTypes.VectorType());
    Random random = new Random(7);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      List<Float> features = new ArrayList<>();
      for (int f = 0; f < 16; f++) {
        features.add((float) random.nextGaussian());
      }
      List<List<Float>> sequence = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        List<Float> step = new ArrayList<>();
        for (int f = 0; f < 4; f++) {
          step.add((float) random.nextGaussian());
        }
        sequence.add(step);
      }
      double[] embedding = new double[8];
      for (int e = 0; e < embedding.length; e++) {
        embedding[e] = random.nextGaussian();
      }
      rows.add(RowFactory.create(String.format(java.util.Locale.ROOT, "user-%03d", i % USERS),
          new Timestamp(FIRST_EVENT + i * 60_000L), (double) random.nextInt(2), features,
          sequence, Vectors.dense(embedding)));
    }
    spark.createDataFrame(rows, schema).repartition(4).write().mode(SaveMode.Overwrite)
        .parquet(path);
  }
}
