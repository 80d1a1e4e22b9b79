package dev.sparkdropout.bench;

import java.util.Arrays;

/** The median the benchmarks report: of an odd count the middle value, of an even the upper. */
final class Medians {

  private Medians() {}

  static double of(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
