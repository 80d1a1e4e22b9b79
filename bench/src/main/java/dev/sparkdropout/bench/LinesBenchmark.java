package dev.sparkdropout.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.sql.SparkSession;

/**
 * The kernel's cost on the Spark line this runs on, for {@code bin/bench --lines}, which runs it
 * on each line in turn: the cached cases of {@link SparkBenchmarks} that the Spark 4 issue judges
 * (our functions and SQL {@code transform} + {@code rand}, each against the identity select),
 * with each case's ratio as the median of the rounds' ratios.
 *
 * <p>Usage: {@code LinesBenchmark RESULTS.json [ROWS]}.
 */
public final class LinesBenchmark {

  private LinesBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    SparkSession spark = SparkBenchmarks.session();
    SparkBenchmarks.cachedBench(spark, rows);
    Map<String, SparkBenchmarks.Case> cases = new LinkedHashMap<>();
    SparkBenchmarks.kernelSelects().forEach((name, select) ->
        cases.put(name, SparkBenchmarks.noop(spark, select, "bench")));
    Map<String, double[]> runs = SparkBenchmarks.interleaved(cases);

    double[] identity = runs.get("identity select");
    Map<String, Double> ratios = new LinkedHashMap<>();
    runs.forEach((name, seconds) -> ratios.put(name, Medians.of(IntStream
        .range(0, seconds.length).mapToDouble(i -> seconds[i] / identity[i]).toArray())));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("spark", spark.version());
    out.put("scala", scala.util.Properties.versionNumberString());
    out.put("rows", rows);
    out.put("vs_identity", ratios);
    out.put("medians", SparkBenchmarks.medians(runs));
    out.put("runs", runs);
    ratios.forEach((name, ratio) ->
        System.out.printf("spark %-6s %-26s %.2fx the identity select%n", spark.version(), name,
            ratio));
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(new File(args[0]), out);
    spark.stop();
  }
}
