package dev.sparkdropout.core;

import dev.sparkdropout.core.engine.Philox4x32;

/**
 * The standard normal variates of docs/SPEC.md §8, the noise of Gaussian dropout and Gaussian
 * noise: noise index {@code j} of a row takes the word pair {@code h = (j >>> 1) & 1} of Philox
 * block {@code j >>> 2} under the Gaussian key, and Box-Muller gives {@code r cos t} for even
 * {@code j} and {@code r sin t} for odd {@code j}. Both variates of a pair share one logarithm,
 * one square root and one angle, whose cosine and sine {@link StrictSineCosine} computes
 * together. {@code StrictMath}'s bits are every JVM's.
 */
public final class NormalVariates {

  /** XORed into the seed's words, so that Gaussian noise is independent of keep decisions. */
  static final int KEY0_OFFSET = 0x6A09E667;
  static final int KEY1_OFFSET = 0xBB67AE85;

  private static final double TWO_POW_MINUS_32 = 0x1p-32;
  /** The double nearest 2 pi. */
  private static final double TWO_PI = 6.283185307179586;

  private NormalVariates() {}

  /** The variates of noise indices {@code 0 .. size)} of a row. */
  public static double[] generate(long seed, long stream, int copy, int size) {
    double[] z = new double[size];
    int[] words = new int[Philox4x32.WORDS_PER_BLOCK];
    double[] trig = new double[2];
    for (int j = 0; j < size; j += 2) {
      if ((j & 3) == 0) {
        block(seed, stream, copy, j >>> 2, words);
      }
      pair(words[j & 3], words[(j & 3) + 1], trig, z, j, j + 1 < size);
    }
    return z;
  }

  /**
   * The variates of noise indices {@code noise[0 .. n)} alone, in their order, such as a sparse
   * vector's stored entries: a block is computed where an index's block differs from the one
   * before, so ascending indices compute each block they need once.
   */
  public static double[] at(long seed, long stream, int copy, int[] noise) {
    double[] z = new double[noise.length];
    int[] words = new int[Philox4x32.WORDS_PER_BLOCK];
    double[] both = new double[2];
    double[] trig = new double[2];
    int block = -1; // no index's: j >>> 2 of an int is never -1
    for (int k = 0; k < noise.length; k++) {
      int j = noise[k];
      if (j >>> 2 != block) {
        block = j >>> 2;
        block(seed, stream, copy, block, words);
      }
      int first = j & 2;
      pair(words[first], words[first + 1], trig, both, 0, true);
      z[k] = both[j & 1];
    }
    return z;
  }

  private static void block(long seed, long stream, int copy, int block, int[] words) {
    Philox4x32.block((int) stream, (int) (stream >>> 32), block, copy,
        (int) seed ^ KEY0_OFFSET, (int) (seed >>> 32) ^ KEY1_OFFSET, words, 0);
  }

  /**
   * Box-Muller of one word pair into {@code z[j]} and, when {@code second}, {@code z[j + 1]};
   * {@code trig} receives the angle's cosine and sine.
   */
  private static void pair(int w0, int w1, double[] trig, double[] z, int j, boolean second) {
    double u1 = (Integer.toUnsignedLong(w0) + 1) * TWO_POW_MINUS_32; // (0, 1]: log is finite
    double u2 = Integer.toUnsignedLong(w1) * TWO_POW_MINUS_32;
    double r = StrictMath.sqrt(-2.0 * StrictLog.of(u1));
    StrictSineCosine.of(TWO_PI * u2, trig); // in [0, 2 pi): u2 < 1 and TWO_PI < 2 pi
    z[j] = r * trig[0];
    if (second) {
      z[j + 1] = r * trig[1];
    }
  }
}
