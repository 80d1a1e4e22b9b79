package dev.sparkdropout.core;

import dev.sparkdropout.core.engine.Engines;
import dev.sparkdropout.core.engine.KeepRule;
import dev.sparkdropout.core.engine.Philox4x32;

/**
 * The keep decision of docs/SPEC.md §4: noise index {@code j} of a row is kept when Philox word
 * {@code j} of the row's stream, read as an unsigned 32-bit integer, is at least
 * {@code floor(rate * 2^32)}.
 */
public final class KeepMask {

  private static final double TWO_POW_32 = 4294967296.0;

  private KeepMask() {}

  /** {@code floor(rate * 2^32)}: exact, since multiplying by a power of two does not round. */
  public static long threshold(double rate) {
    return (long) Math.floor(rate * TWO_POW_32);
  }

  /** The keep decisions for noise indices {@code 0 .. size)}: 1 kept, 0 dropped. */
  public static byte[] generate(long seed, long stream, int copy, long threshold, int size) {
    byte[] keep = new byte[size];
    Engines.engine().keepBytes(seed, stream, copy, threshold, size, keep, 0);
    return keep;
  }

  /**
   * The keep decisions of noise indices {@code noise[0 .. n)} alone, in their order: a Philox
   * block is computed where an index's block differs from the one before, so ascending indices
   * (a sparse vector's) compute each block they need once, and none that they do not.
   */
  static byte[] at(long seed, long stream, int copy, long threshold, int[] noise) {
    byte[] keep = new byte[noise.length];
    int[] words = new int[Philox4x32.WORDS_PER_BLOCK];
    int block = -1; // no index's: j >>> 2 of an int is never -1
    for (int k = 0; k < noise.length; k++) {
      int j = noise[k];
      if (j >>> 2 != block) {
        block = j >>> 2;
        Philox4x32.block((int) stream, (int) (stream >>> 32), block, copy, (int) seed,
            (int) (seed >>> 32), words, 0);
      }
      keep[k] = (byte) KeepRule.keep(Integer.toUnsignedLong(words[j & 3]), threshold);
    }
    return keep;
  }
}
