package dev.sparkdropout.core;

import java.nio.ByteOrder;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Philox4x32-10 for sixteen blocks at once with the JDK Vector API: each 64-bit lane holds one
 * block's 32-bit word, so one lane-wise multiply gives eight of the round's 32 x 32 -> 64-bit
 * products, and two groups of eight blocks are interleaved so their multiplies overlap. Same bits
 * as {@link Philox4x32#block}; loaded only when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} (see {@link Philox4x32#vectorized()}).
 */
final class VectorPhilox {

  /** Blocks computed per step. */
  static final int BLOCKS = 16;
  /** Words written per step. */
  static final int WORDS = BLOCKS * Philox4x32.WORDS_PER_BLOCK;

  private static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_512;
  private static final int GROUP = 8;
  private static final long LOW = 0xFFFFFFFFL;
  private static final LongVector LANE = LongVector.fromArray(SPECIES,
      new long[] {0, 1, 2, 3, 4, 5, 6, 7}, 0);
  // Back to block order: lane l of (w0 | w1 << 32) and of (w2 | w3 << 32) hold words 0-1 and
  // 2-3 of block l; spreading lanes 0-3 (or 4-7) to even and odd lanes puts block l's four
  // words side by side, as ints. One-source rearranges and a blend: JDK 17 compiles the
  // two-source rearrange to far slower code.
  private static final VectorShuffle<Long> SPREAD_LOW =
      VectorShuffle.fromValues(SPECIES, 0, 0, 1, 1, 2, 2, 3, 3);
  private static final VectorShuffle<Long> SPREAD_HIGH =
      VectorShuffle.fromValues(SPECIES, 4, 4, 5, 5, 6, 6, 7, 7);
  private static final VectorMask<Long> ODD =
      VectorMask.fromValues(SPECIES, false, true, false, true, false, true, false, true);

  private VectorPhilox() {}

  /** Whether the CPU runs 512-bit vectors natively; elsewhere the API would emulate them slowly. */
  static boolean fast() {
    // The word shuffle in store() reads a long lane's low half as the even int lane.
    return LongVector.SPECIES_PREFERRED.vectorBitSize() >= SPECIES.vectorBitSize()
        && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
  }

  /**
   * Writes the words of blocks {@code 0 .. blocks)} of counters {@code (c0, c1, block, c3)} to
   * {@code words} in whole steps of {@link #BLOCKS} blocks, as long as {@code words} has room for
   * a whole step; returns how many of the requested blocks are written.
   */
  static int fill(int c0, int c1, int c3, int k0, int k1, int[] words, int blocks) {
    int first = 0;
    for (; first < blocks && first * Philox4x32.WORDS_PER_BLOCK + WORDS <= words.length;
        first += BLOCKS) {
      step(c0, c1, c3, k0, k1, first, words);
    }
    return Math.min(first, blocks);
  }

  /** Blocks {@code first .. first + 16)}, two interleaved groups of eight. */
  private static void step(int c0, int c1, int c3, int k0, int k1, int first, int[] words) {
    LongVector a0 = LongVector.broadcast(SPECIES, c0 & LOW);
    LongVector a1 = LongVector.broadcast(SPECIES, c1 & LOW);
    LongVector a2 = LANE.add(first);
    LongVector a3 = LongVector.broadcast(SPECIES, c3 & LOW);
    LongVector b0 = a0;
    LongVector b1 = a1;
    LongVector b2 = LANE.add(first + GROUP);
    LongVector b3 = a3;
    int key0 = k0;
    int key1 = k1;
    for (int round = 0; round < 10; round++) {
      LongVector pa0 = a0.mul(0xD2511F53L);
      LongVector pa2 = a2.mul(0xCD9E8D57L);
      LongVector pb0 = b0.mul(0xD2511F53L);
      LongVector pb2 = b2.mul(0xCD9E8D57L);
      LongVector x1 = a1.lanewise(VectorOperators.XOR, key0 & LOW);
      LongVector x3 = a3.lanewise(VectorOperators.XOR, key1 & LOW);
      LongVector y1 = b1.lanewise(VectorOperators.XOR, key0 & LOW);
      LongVector y3 = b3.lanewise(VectorOperators.XOR, key1 & LOW);
      a0 = pa2.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, x1);
      a2 = pa0.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, x3);
      a1 = pa2.lanewise(VectorOperators.AND, LOW);
      a3 = pa0.lanewise(VectorOperators.AND, LOW);
      b0 = pb2.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, y1);
      b2 = pb0.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, y3);
      b1 = pb2.lanewise(VectorOperators.AND, LOW);
      b3 = pb0.lanewise(VectorOperators.AND, LOW);
      key0 += 0x9E3779B9;
      key1 += 0xBB67AE85;
    }
    // Back to block order, written out here rather than in a helper: C2 stops inlining once the
    // compiled method is this large, and a call that is not inlined boxes its vectors.
    int offset = first * Philox4x32.WORDS_PER_BLOCK;
    LongVector aLow = a0.lanewise(VectorOperators.OR, a1.lanewise(VectorOperators.LSHL, 32));
    LongVector aHigh = a2.lanewise(VectorOperators.OR, a3.lanewise(VectorOperators.LSHL, 32));
    LongVector bLow = b0.lanewise(VectorOperators.OR, b1.lanewise(VectorOperators.LSHL, 32));
    LongVector bHigh = b2.lanewise(VectorOperators.OR, b3.lanewise(VectorOperators.LSHL, 32));
    aLow.rearrange(SPREAD_LOW).blend(aHigh.rearrange(SPREAD_LOW), ODD).reinterpretAsInts()
        .intoArray(words, offset);
    aLow.rearrange(SPREAD_HIGH).blend(aHigh.rearrange(SPREAD_HIGH), ODD).reinterpretAsInts()
        .intoArray(words, offset + 16);
    bLow.rearrange(SPREAD_LOW).blend(bHigh.rearrange(SPREAD_LOW), ODD).reinterpretAsInts()
        .intoArray(words, offset + 32);
    bLow.rearrange(SPREAD_HIGH).blend(bHigh.rearrange(SPREAD_HIGH), ODD).reinterpretAsInts()
        .intoArray(words, offset + 48);
  }
}
