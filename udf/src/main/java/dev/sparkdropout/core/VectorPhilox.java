package dev.sparkdropout.core;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Philox4x32-10 for eight blocks at once with the JDK Vector API: each 64-bit lane holds one
 * block's 32-bit word, so one lane-wise multiply gives eight of the round's 32 x 32 -> 64-bit
 * products. Same bits as {@link Philox4x32#block}; loaded only when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} (see {@link Philox4x32#vectorized()}).
 */
final class VectorPhilox {

  /** Blocks computed per step: one per lane. */
  static final int BLOCKS = 8;

  private static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_512;
  private static final long LOW = 0xFFFFFFFFL;
  private static final long[] LANE = {0, 1, 2, 3, 4, 5, 6, 7};

  private VectorPhilox() {}

  /** Whether the CPU runs 512-bit vectors natively; elsewhere the API would emulate them slowly. */
  static boolean fast() {
    return LongVector.SPECIES_PREFERRED.vectorBitSize() >= SPECIES.vectorBitSize();
  }

  /**
   * Writes blocks {@code 0 .. n)} of counters {@code (c0, c1, block, c3)} to {@code words}, where
   * {@code n} is {@code blocks} rounded down to a multiple of {@link #BLOCKS}; returns {@code n}.
   */
  static int fill(int c0, int c1, int c3, int k0, int k1, int[] words, int blocks) {
    int done = blocks / BLOCKS * BLOCKS;
    LongVector lanes = LongVector.fromArray(SPECIES, LANE, 0);
    long[] lane = new long[BLOCKS];
    for (int first = 0; first < done; first += BLOCKS) {
      LongVector x0 = LongVector.broadcast(SPECIES, c0 & LOW);
      LongVector x1 = LongVector.broadcast(SPECIES, c1 & LOW);
      LongVector x2 = lanes.add(first);
      LongVector x3 = LongVector.broadcast(SPECIES, c3 & LOW);
      int key0 = k0;
      int key1 = k1;
      for (int round = 0; round < 10; round++) {
        LongVector p0 = x0.mul(0xD2511F53L);
        LongVector p2 = x2.mul(0xCD9E8D57L);
        x0 = p2.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, x1)
            .lanewise(VectorOperators.XOR, key0 & LOW);
        x2 = p0.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, x3)
            .lanewise(VectorOperators.XOR, key1 & LOW);
        x1 = p2.lanewise(VectorOperators.AND, LOW);
        x3 = p0.lanewise(VectorOperators.AND, LOW);
        key0 += 0x9E3779B9;
        key1 += 0xBB67AE85;
      }
      int offset = first * Philox4x32.WORDS_PER_BLOCK;
      store(x0, lane, words, offset);
      store(x1, lane, words, offset + 1);
      store(x2, lane, words, offset + 2);
      store(x3, lane, words, offset + 3);
    }
    return done;
  }

  /** Lane l goes to word {@code 4 * l} after {@code offset}: back to block order. */
  private static void store(LongVector v, long[] lane, int[] words, int offset) {
    v.intoArray(lane, 0);
    for (int l = 0; l < BLOCKS; l++) {
      words[offset + Philox4x32.WORDS_PER_BLOCK * l] = (int) lane[l];
    }
  }
}
