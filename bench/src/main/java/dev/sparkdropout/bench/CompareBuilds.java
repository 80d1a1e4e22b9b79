package dev.sparkdropout.bench;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Two builds of the udf jar side by side in one JVM, for telling whether a change to the core
 * made it faster: each build in its own class loader, the cases run in turn, builds alternating
 * which goes first, and each case reported as the median of the rounds' ratios. On a shared
 * machine whose speed drifts, two separate runs of the same build can differ by 1.5x, which
 * swamps most changes; a ratio of two builds measured in the same moments does not drift.
 *
 * <p>Usage: {@code CompareBuilds OLD.jar NEW.jar [rounds]} ({@code bin/bench --compare}).
 */
public final class CompareBuilds {

  private static final List<String> CASES = List.of("dropout floats 256",
      "dropout floats 1000", "dropout floats 100", "dropout doubles 256",
      "alpha_dropout floats 256");

  private CompareBuilds() {}

  public static void main(String[] args) throws Exception {
    try {
      run(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
    }
  }

  private static void run(String[] args) throws Exception {
    if (args.length < 2 || args.length > 3) {
      throw new IllegalArgumentException(
          "expected two udf jars, the old build and the new, and optionally a number of rounds");
    }
    int rounds = args.length == 3 ? rounds(args[2]) : 40;
    List<ToDoubleFunction<String>> builds = new ArrayList<>();
    for (int b = 0; b < 2; b++) {
      builds.add(load(Path.of(args[b])));
    }
    int warmup = rounds / 2;
    double[][][] times = new double[CASES.size()][2][rounds];
    for (int round = 0; round < warmup + rounds; round++) {
      for (int c = 0; c < CASES.size(); c++) {
        for (int turn = 0; turn < 2; turn++) {
          int b = (round + turn) % 2;
          double time = builds.get(b).applyAsDouble(CASES.get(c));
          if (round >= warmup) {
            times[c][b][round - warmup] = time;
          }
        }
      }
    }
    System.out.printf(Locale.ROOT, "ns per row, medians of %d rounds after %d; +- is half the"
        + " ratios' interquartile range%n", rounds, warmup);
    System.out.printf(Locale.ROOT, "%-26s %12s %12s %10s%n", "case", "old", "new", "new/old");
    for (int c = 0; c < CASES.size(); c++) {
      double[] ratios = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        ratios[r] = times[c][1][r] / times[c][0][r];
      }
      System.out.printf(Locale.ROOT, "%-26s %12.0f %12.0f %7.2f +- %.2f%n", CASES.get(c),
          Medians.of(times[c][0]), Medians.of(times[c][1]), Medians.of(ratios), halfSpread(ratios));
    }
  }

  private static int rounds(String text) {
    try {
      int rounds = Integer.parseInt(text);
      if (rounds >= 4) {
        return rounds;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("rounds must be a whole number of at least 4, not " + text);
  }

  /** A build's {@link BuildLoop}, loaded with that build's core and nothing else of ours. */
  @SuppressWarnings("unchecked")
  private static ToDoubleFunction<String> load(Path jar) throws Exception {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException("no such jar: " + jar);
    }
    URL loop = BuildLoop.class.getProtectionDomain().getCodeSource().getLocation();
    URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL(), loop},
        ClassLoader.getPlatformClassLoader());
    return (ToDoubleFunction<String>) loader.loadClass(BuildLoop.class.getName())
        .getConstructor().newInstance();
  }

  /** Half the distance between the ratios' quartiles: how far a round's ratio strays. */
  private static double halfSpread(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return (sorted[sorted.length * 3 / 4] - sorted[sorted.length / 4]) / 2;
  }
}
