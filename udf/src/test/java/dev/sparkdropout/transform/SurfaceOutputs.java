package dev.sparkdropout.transform;

import dev.sparkdropout.sql.DropoutExtensions;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Writes what every surface of {@link Surfaces} makes of a Parquet input, in key mode and in
 * partition mode, on the Spark line this runs on, for a test in another JVM to compare with the
 * other line's: Parquet folders {@code <surface>-<mode>} under the output folder, and the ML
 * stages' fitted pipelines as {@code pipeline-<mode>}. Given a third folder, another run's
 * output, it also writes {@code ml-loaded-<mode>}: what that run's saved pipelines give here.
 *
 * <p>Usage: {@code SurfaceOutputs INPUT OUTPUT [OTHER_OUTPUT]}.
 */
public final class SurfaceOutputs {

  private SurfaceOutputs() {}

  public static void main(String[] args) throws Exception {
    SparkSession spark = SparkSession.builder().master("local[2]").appName("surface outputs")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.extensions", DropoutExtensions.class.getName())
        .getOrCreate();
    Dataset<Row> data = spark.read().parquet(args[0]);
    File out = new File(args[1]);
    Map<String, String> modes = new LinkedHashMap<>();
    modes.put("key", "user");
    modes.put("partition", null);
    for (Map.Entry<String, String> mode : modes.entrySet()) {
      String key = mode.getValue();
      String suffix = "-" + mode.getKey();
      write(Surfaces.sql(spark, data, key, true), out, "sql" + suffix);
      write(Surfaces.sqlNamed(spark, data, key), out, "sql-named" + suffix);
      write(Surfaces.columnApi(data, key), out, "column-api" + suffix);
      write(Surfaces.mapPartitions(data, key), out, "transform" + suffix);
      String pipeline = new File(out, "pipeline" + suffix).getPath();
      Surfaces.mlPipeline(key).fit(data).write().save(pipeline);
      write(PipelineModel.load(pipeline).transform(data), out, "ml" + suffix);
      if (args.length > 2) {
        PipelineModel other = PipelineModel.load(new File(args[2], "pipeline" + suffix).getPath());
        write(other.transform(data), out, "ml-loaded" + suffix);
      }
    }
    spark.stop();
  }

  private static void write(Dataset<Row> result, File out, String name) {
    Surfaces.columns(result).write().parquet(new File(out, name).getPath());
  }
}
