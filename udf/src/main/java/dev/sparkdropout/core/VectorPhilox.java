package dev.sparkdropout.core;

import java.nio.ByteOrder;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Philox4x32-10 for many blocks at once with the JDK Vector API: each 64-bit lane holds one
 * block's 32-bit word, so one lane-wise multiply gives a lane's worth of the round's 32 x 32 ->
 * 64-bit products, and two groups of blocks are interleaved so their multiplies overlap: sixteen
 * blocks per step with AVX-512, eight with AVX2. Same bits as {@link Philox4x32#block}; loaded
 * only when the JVM runs with {@code --add-modules jdk.incubator.vector} (see
 * {@link PhiloxEngine}).
 */
final class VectorPhilox {

  /** The CPU's widest vectors, which {@link VectorWordTransforms} uses too. */
  static final VectorShape SHAPE = VectorShape.preferredShape();
  private static final VectorSpecies<Long> SPECIES = VectorSpecies.of(long.class, SHAPE);
  /**
   * Int lanes of the same vectors, named whenever bits are reinterpreted. The API's own
   * {@code reinterpretAsInts()} looks its species up as it runs; once a JVM has run int vectors
   * of another width too (double dropout compares half-width word vectors), C2 no longer folds
   * that lookup and runs the API's slow fallback: double dropout took twice its time, and float
   * dropout after it two and a half (bench: {@code MixedBenchmark}).
   */
  static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, SHAPE);
  /** Blocks per group: one per lane. */
  private static final int GROUP = SPECIES.length();
  /** Blocks computed per step. */
  static final int BLOCKS = 2 * GROUP;
  /** Words written per step. */
  static final int WORDS = BLOCKS * Philox4x32.WORDS_PER_BLOCK;
  /** Words per stored vector: a long lane holds two. */
  private static final int STORED = 2 * GROUP;

  private static final long LOW = 0xFFFFFFFFL;
  private static final LongVector LANE = LongVector.zero(SPECIES).addIndex(1);
  // Back to block order: lane l of (w0 | w1 << 32) and of (w2 | w3 << 32) hold words 0-1 and
  // 2-3 of block l; spreading the lower (or upper) half of the lanes to even and odd lanes puts
  // those blocks' four words side by side, as ints. One-source rearranges and a blend: JDK 17
  // compiles the two-source rearrange to far slower code.
  private static final VectorShuffle<Long> SPREAD_LOW = VectorShuffle.fromOp(SPECIES, i -> i / 2);
  private static final VectorShuffle<Long> SPREAD_HIGH =
      VectorShuffle.fromOp(SPECIES, i -> GROUP / 2 + i / 2);
  private static final VectorMask<Long> ODD = VectorMask.fromLong(SPECIES, 0xAAAAAAAAAAAAAAAAL);

  private VectorPhilox() {}

  /**
   * Whether this path beats plain Java here: x86-64 with AVX2 or AVX-512 (256 or 512-bit
   * vectors). Elsewhere the API may fall back to far slower Java code for the 64-bit multiply,
   * and no other CPU has been measured.
   */
  static boolean fast() {
    // The word shuffle in step() reads a long lane's low half as the even int lane.
    return Philox4x32.x86() && SHAPE.vectorBitSize() >= 256
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

  /** Blocks {@code first .. first + BLOCKS)}, two interleaved groups of {@code GROUP}. */
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
    LongVector a01 = aLow.rearrange(SPREAD_LOW).blend(aHigh.rearrange(SPREAD_LOW), ODD);
    LongVector a23 = aLow.rearrange(SPREAD_HIGH).blend(aHigh.rearrange(SPREAD_HIGH), ODD);
    LongVector b01 = bLow.rearrange(SPREAD_LOW).blend(bHigh.rearrange(SPREAD_LOW), ODD);
    LongVector b23 = bLow.rearrange(SPREAD_HIGH).blend(bHigh.rearrange(SPREAD_HIGH), ODD);
    ((IntVector) a01.reinterpretShape(INTS, 0)).intoArray(words, offset);
    ((IntVector) a23.reinterpretShape(INTS, 0)).intoArray(words, offset + STORED);
    ((IntVector) b01.reinterpretShape(INTS, 0)).intoArray(words, offset + 2 * STORED);
    ((IntVector) b23.reinterpretShape(INTS, 0)).intoArray(words, offset + 3 * STORED);
  }
}
