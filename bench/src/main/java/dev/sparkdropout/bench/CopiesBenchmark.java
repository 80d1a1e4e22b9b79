package dev.sparkdropout.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkdropout.job.DropoutJob;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The job with {@code --copies 5} against a plain Parquet copy of its five-fold output, run in
 * turn in one JVM, local[2]: augmenting reads the input once, so it should cost about what
 * writing its output costs anyway.
 *
 * <p>Usage: {@code CopiesBenchmark RESULTS.json WORK_DIR [INPUT_ROWS]}.
 */
public final class CopiesBenchmark {

  static final int COPIES = 5;
  /** Each run writes the output once: fewer rounds than the cached cases need settle it. */
  private static final int WARMUP = 3;
  private static final int RUNS = 9;

  private CopiesBenchmark() {}

  public static void main(String[] args) throws Exception {
    File results = new File(args[0]);
    File work = new File(args[1]);
    int rows = args.length > 2 ? Integer.parseInt(args[2]) : 40_000;
    SparkSession spark = SparkSession.builder().master("local[2]").appName("spark-dropout copies")
        .config("spark.ui.enabled", "false").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    String input = new File(work, "copies-input").getPath();
    spark.range(0, rows, 1, 4).selectExpr("id",
        "transform(sequence(1, 256), i -> CAST(hash(id, i) / 2147483648.0 AS FLOAT)) AS f")
        .write().mode(SaveMode.Overwrite).parquet(input);
    String fiveFold = new File(work, "copies-job").getPath();
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    Map<String, SparkBenchmarks.Case> cases = new LinkedHashMap<>();
    cases.put("job --copies 5", () -> {
      int code = new DropoutJob(quiet, System.err).run("--input", input, "--output", fiveFold,
          "--column", "f", "--rate", "0.3", "--seed", "42", "--copies", Integer.toString(COPIES),
          "--overwrite");
      if (code != 0) {
        throw new IllegalStateException("the job failed with exit code " + code);
      }
    });
    cases.put("Parquet copy of its output", () -> spark.read().parquet(fiveFold).write()
        .mode(SaveMode.Overwrite).parquet(new File(work, "copies-copy").getPath()));
    Map<String, double[]> runs = SparkBenchmarks.interleaved(cases, WARMUP, RUNS);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("input_rows", rows);
    out.put("copies", COPIES);
    out.put("warmup", WARMUP);
    out.put("medians", SparkBenchmarks.medians(runs));
    out.put("runs", runs);
    ((Map<?, ?>) out.get("medians")).forEach((name, seconds) ->
        System.out.printf("copies %-28s %.3f s%n", name, seconds));
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(results, out);
    spark.stop();
  }
}
