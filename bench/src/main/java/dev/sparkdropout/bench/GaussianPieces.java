package dev.sparkdropout.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The cases of {@link NormalVariatesBenchmark} and {@link GaussianBenchmark} in one JVM, in turn,
 * round after round, for a machine whose speed drifts: each round times every case once, and a
 * case's figure is the median over rounds of its nanoseconds per variate (or element), and of
 * its time over {@code generate}'s in the same round.
 *
 * <p>Usage: {@code GaussianPieces [ROUNDS]}.
 */
public final class GaussianPieces {

  private static final int WARMUP = 10;
  /** Calls of a case per round: about 20-60 ms of each at the speeds measured. */
  private static final int CALLS = 2000;

  private GaussianPieces() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    NormalVariatesBenchmark variates = new NormalVariatesBenchmark();
    variates.setUp();
    GaussianBenchmark dropout = gaussian("gaussian_dropout");
    GaussianBenchmark noise = gaussian("gaussian_noise");
    Map<String, Supplier<Object>> cases = new LinkedHashMap<>();
    cases.put("generate", variates::generate);
    cases.put("candidate: the core's code, copied", variates::candidateCopy);
    cases.put("candidate: kept array, words in locals", variates::candidateKept);
    cases.put("candidate: words, radii, angles in turn", variates::candidatePhases);
    cases.put("candidate: angles sorted", variates::candidateSortedAngles);
    cases.put("candidate: angles and logarithms sorted", variates::candidateSortedBoth);
    cases.put("Philox words", variates::philoxWords);
    cases.put("StrictMath.log", variates::strictLog);
    cases.put("StrictMath.sqrt", variates::strictSqrt);
    cases.put("Math.sqrt", variates::mathSqrt);
    cases.put("StrictMath.cos", variates::strictCos);
    cases.put("StrictMath.sin", variates::strictSin);
    cases.put("StrictMath.cos, the same 128 angles", variates::strictCosRepeated);
    cases.put("gaussian_dropout floats", dropout::floats);
    cases.put("gaussian_dropout doubles", dropout::doubles);
    cases.put("gaussian_noise floats", noise::floats);
    cases.put("gaussian_noise doubles", noise::doubles);

    Map<String, double[]> nanos = new LinkedHashMap<>();
    cases.keySet().forEach(name -> nanos.put(name, new double[rounds]));
    Object sink = null;
    for (int round = -WARMUP; round < rounds; round++) {
      for (Map.Entry<String, Supplier<Object>> c : cases.entrySet()) {
        long start = System.nanoTime();
        for (int i = 0; i < CALLS; i++) {
          sink = c.getValue().get();
        }
        double perVariate = (System.nanoTime() - start) / (double) CALLS
            / NormalVariatesBenchmark.VARIATES;
        if (round >= 0) {
          nanos.get(c.getKey())[round] = perVariate;
        }
      }
    }
    System.out.println(sink == null ? "" : "rounds: " + rounds + " after " + WARMUP);
    System.out.printf(Locale.ROOT, "%-44s %10s %12s %14s%n", "case", "ns/variate", "M/s",
        "vs generate");
    double[] generate = nanos.get("generate");
    nanos.forEach((name, ns) -> {
      double[] ratios = new double[rounds];
      for (int i = 0; i < rounds; i++) {
        ratios[i] = ns[i] / generate[i];
      }
      double median = Medians.of(ns);
      System.out.printf(Locale.ROOT, "%-44s %10.2f %12.1f %14.3f%n", name, median,
          1e3 / median, Medians.of(ratios));
    });
  }

  private static GaussianBenchmark gaussian(String method) {
    GaussianBenchmark b = new GaussianBenchmark();
    b.method = method;
    b.setUp();
    return b;
  }
}
