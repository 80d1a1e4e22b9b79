package dev.sparkdropout.job;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;

/**
 * How the job splits its input into partitions, which partition mode's masks follow. Spark sizes
 * file splits from the input's bytes divided by {@code spark.sql.files.minPartitionNum}, or by
 * the cluster's default parallelism when that is unset, so {@code local[1]}, {@code local[2]}, a
 * cluster and dynamic allocation would split one input differently. The job fixes that number,
 * so splits depend only on the files and these settings; the summary records them.
 */
final class InputSplits {

  static final String MIN_PARTITIONS = "spark.sql.files.minPartitionNum";
  /** Enough splits to keep a cluster busy on an input below 64 x 128 MB, Spark's split cap. */
  static final int DEFAULT_MIN_PARTITIONS = 64;
  private static final String[] SETTINGS = {
      "spark.sql.files.maxPartitionBytes", "spark.sql.files.openCostInBytes", MIN_PARTITIONS};

  private final Map<String, String> settings;
  private final int partitions;

  private InputSplits(Map<String, String> settings, int partitions) {
    this.settings = settings;
    this.partitions = partitions;
  }

  /** Sets {@link #MIN_PARTITIONS} in {@code spark} unless the user set it. */
  static void fix(SparkSession spark) {
    if (!spark.conf().contains(MIN_PARTITIONS)) {
      spark.conf().set(MIN_PARTITIONS, DEFAULT_MIN_PARTITIONS);
    }
  }

  /** The partitions of {@code input} as planned (files are listed, not read) and the settings. */
  static InputSplits of(SparkSession spark, Dataset<Row> input) {
    RuntimeConfig conf = spark.conf();
    Map<String, String> settings = new LinkedHashMap<>();
    for (String key : SETTINGS) {
      settings.put(key, conf.get(key));
    }
    return new InputSplits(settings, input.rdd().getNumPartitions());
  }

  int partitions() {
    return partitions;
  }

  /** The settings that decided the splits, by name. */
  Map<String, String> settings() {
    return settings;
  }

  /** For the console: {@code 12 partitions (spark.sql.files.maxPartitionBytes=128MB, ...)}. */
  String describe() {
    StringJoiner text = new StringJoiner(", ", partitions + " partitions (", ")");
    settings.forEach((key, value) -> text.add(key + "=" + value));
    return text.toString();
  }
}
