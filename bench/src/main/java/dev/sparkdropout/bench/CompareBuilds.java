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
 * made it faster: each build loaded several times, each copy in a class loader of its own, the
 * cases run in turn on every copy, and each case reported as the median of the rounds' ratios.
 * On a shared machine whose speed drifts, two separate runs of the same build can differ by 1.5x,
 * which swamps most changes; a ratio of two builds measured in the same moments does not drift.
 *
 * <p>Usage: {@code CompareBuilds [--swapped] OLD.jar NEW.jar [rounds]}; {@code bin/bench
 * --compare} runs it both ways, {@code --swapped} giving the new build the old one's places.
 * {@code -Dcompare.cases=gaussian_noise floats 256,...} runs other cases ("method type elements",
 * see {@link BuildLoop}).
 */
public final class CompareBuilds {

  /** The cases, or those of the property {@code compare.cases}, separated by commas. */
  private static final List<String> CASES = List.of(System.getProperty("compare.cases",
      "dropout floats 256,dropout floats 1000,dropout floats 100,dropout doubles 256,"
      + "alpha_dropout floats 256").split(","));

  /**
   * Copies of each build, each in a class loader of its own, so compiled apart and with buffers
   * of its own; copies do not always run alike. With one copy of each, a build compared with
   * itself read some cases 0.7x, 0.9x or 1.1x, the same way in repeated runs; the median of
   * several copies, placed so that each build has copies at even and odd turns (see
   * {@link #build}), reads 0.97-1.03 for most cases and up to 0.09 off for one now and then, so a
   * small change is to be trusted when both placings agree.
   */
  private static final int COPIES = 4;

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
    boolean swapped = args.length > 0 && args[0].equals("--swapped");
    if (swapped) {
      args = Arrays.copyOfRange(args, 1, args.length);
    }
    if (args.length < 2 || args.length > 3) {
      throw new IllegalArgumentException("expected two udf jars, the old build and the new, and"
          + " optionally a number of rounds, after an optional --swapped");
    }
    int rounds = args.length == 3 ? rounds(args[2]) : 100;
    List<URLClassLoader> loaders = new ArrayList<>();
    try {
      List<ToDoubleFunction<String>> copies = new ArrayList<>();
      for (int s = 0; s < 2 * COPIES; s++) {
        URLClassLoader loader = loader(Path.of(args[build(s, swapped)]));
        loaders.add(loader);
        copies.add(loop(loader));
      }
      report(measure(copies, rounds, swapped), rounds, swapped);
    } finally {
      for (URLClassLoader loader : loaders) {
        loader.close();
      }
    }
  }

  /**
   * Times per case, build and measured round: the median of the build's copies in that round.
   * Each round runs every case on every copy, starting one turn later than the round before.
   */
  private static double[][][] measure(List<ToDoubleFunction<String>> copies, int rounds,
      boolean swapped) {
    int warmup = rounds / 2;
    int turns = copies.size();
    double[][][] times = new double[CASES.size()][2][rounds];
    double[][] round = new double[2][COPIES];
    for (int r = 0; r < warmup + rounds; r++) {
      for (int c = 0; c < CASES.size(); c++) {
        for (int turn = 0; turn < turns; turn++) {
          int s = (r + turn) % turns;
          round[build(s, swapped)][s / 2] = copies.get(s).applyAsDouble(CASES.get(c));
        }
        if (r >= warmup) {
          for (int b = 0; b < 2; b++) {
            times[c][b][r - warmup] = Medians.of(round[b]);
          }
        }
      }
    }
    return times;
  }

  private static void report(double[][][] times, int rounds, boolean swapped) {
    System.out.printf(Locale.ROOT, "ns per row, medians of %d rounds after %d, each round the"
        + " median of %d copies of a build (placed %s); +- is half the ratios' interquartile"
        + " range%n", rounds, rounds / 2, COPIES,
        swapped ? "new, old, old, new, ..." : "old, new, new, old, ...");
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

  /**
   * The build of copy {@code s} (0 old, 1 new): old, new, new, old, old, new, ..., or the other
   * way round when {@code swapped}. It is copy {@code s / 2} of its build, and each build has
   * copies at even and odd turns.
   */
  private static int build(int s, boolean swapped) {
    return (s ^ s >>> 1 ^ (swapped ? 1 : 0)) & 1;
  }

  /** A class loader of a build's core and {@link BuildLoop}, and nothing else of ours. */
  private static URLClassLoader loader(Path jar) throws Exception {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException("no such jar: " + jar);
    }
    URL loop = BuildLoop.class.getProtectionDomain().getCodeSource().getLocation();
    return new URLClassLoader(new URL[] {jar.toUri().toURL(), loop},
        ClassLoader.getPlatformClassLoader());
  }

  /** The {@link BuildLoop} of {@code loader}'s build, with JIT profiles of its own. */
  @SuppressWarnings("unchecked")
  private static ToDoubleFunction<String> loop(URLClassLoader loader) throws Exception {
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
