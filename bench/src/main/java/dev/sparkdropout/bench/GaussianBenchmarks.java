package dev.sparkdropout.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Gaussian dropout and Gaussian noise (docs/SPEC.md §8) side by side in one JVM, local[2], on the
 * cached rows of {@link SparkBenchmarks} written to the noop sink: our functions against the
 * identity select and against the SQL a user writes without us, {@code transform} with
 * {@code randn}. All cases run in turn, one run of each per round, as in
 * {@link SparkBenchmarks#interleaved}.
 *
 * <p>Usage: {@code GaussianBenchmarks RESULTS.json [ROWS]}.
 */
public final class GaussianBenchmarks {

  /** Gaussian dropout's rate, and the standard deviation it gives: sqrt(rate / (1 - rate)). */
  private static final double RATE = 0.3;
  private static final double SIGMA = Math.sqrt(RATE / (1 - RATE));
  private static final double STDDEV = 0.1;

  private GaussianBenchmarks() {}

  public static void main(String[] args) throws Exception {
    File results = new File(args[0]);
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    SparkSession spark = SparkBenchmarks.session();
    SparkBenchmarks.cachedBench(spark, rows);
    Map<String, String> selects = selects();
    Map<String, SparkBenchmarks.Case> cases = new LinkedHashMap<>();
    selects.forEach((name, select) -> cases.put(name, SparkBenchmarks.noop(spark, select,
        "bench")));
    Map<String, double[]> runs = SparkBenchmarks.interleaved(cases);
    Map<String, Double> medians = SparkBenchmarks.medians(runs);

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rows", rows);
    out.put("width", 256);
    out.put("selects", selects);
    out.put("noop", medians);
    out.put("noop_runs", runs);
    Map<String, Double> ratios = new LinkedHashMap<>();
    for (String name : selects.keySet()) {
      ratios.put(name + " / identity select", paired(runs, name, "identity select"));
    }
    ratios.put("SQL transform + randn, x * (1 + s z) / gaussian_dropout",
        paired(runs, "SQL transform + randn, x * (1 + s z)", "gaussian_dropout"));
    ratios.put("SQL transform + randn, x + 0.1 z / gaussian_noise",
        paired(runs, "SQL transform + randn, x + 0.1 z", "gaussian_noise"));
    out.put("ratios", ratios);
    medians.forEach((k, v) -> System.out.printf("noop  %-40s %.3f s%n", k, v));
    ratios.forEach((k, v) -> System.out.printf("ratio %-64s %.2fx%n", k, v));
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(results, out);
    spark.stop();
  }

  /** The cases by name: selects over {@code bench}'s {@code f}. */
  static Map<String, String> selects() {
    Map<String, String> selects = new LinkedHashMap<>();
    selects.put("identity select", "f");
    selects.put("gaussian_dropout", "gaussian_dropout(f, " + RATE + ", 42)");
    selects.put("SQL transform + randn, x * (1 + s z)",
        "transform(f, x -> x * (1 + " + SIGMA + " * randn(42)))");
    selects.put("gaussian_noise", "gaussian_noise(f, " + STDDEV + ", 42)");
    selects.put("SQL transform + randn, x + 0.1 z",
        "transform(f, x -> x + " + STDDEV + " * randn(42))");
    return selects;
  }

  /** The median over rounds of {@code a}'s time over {@code b}'s in the same round. */
  private static double paired(Map<String, double[]> runs, String a, String b) {
    double[] x = runs.get(a);
    double[] y = runs.get(b);
    double[] ratios = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      ratios[i] = x[i] / y[i];
    }
    return Medians.of(ratios);
  }
}
