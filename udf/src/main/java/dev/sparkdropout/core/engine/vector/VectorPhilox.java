package dev.sparkdropout.core.engine.vector;

import dev.sparkdropout.core.engine.Cpu;
import dev.sparkdropout.core.engine.Philox4x32;
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
 * blocks per step in 512-bit vectors, the only ones the engine uses it with (see {@link #fast});
 * the tests run it in 256-bit vectors too. Same bits as {@link Philox4x32#block}; loaded only
 * when the JVM runs with {@code --add-modules jdk.incubator.vector} (see {@link VectorEngine}).
 */
final class VectorPhilox {

  /** The CPU's widest vectors, which {@link VectorWordTransforms} uses too. */
  static final VectorShape SHAPE = VectorShape.preferredShape();
  private static final VectorSpecies<Long> SPECIES = VectorSpecies.of(long.class, SHAPE);
  /**
   * Int lanes of the same vectors, named whenever bits are reinterpreted: the API's own
   * {@code reinterpretAsInts()} looks its species up as it runs, which C2 stops folding once a JVM
   * has run int vectors of another width, and then falls back to slow Java code.
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

  // Philox's round constants, short.
  private static final long M0 = Philox4x32.M0;
  private static final long M1 = Philox4x32.M1;
  private static final int W0 = Philox4x32.W0;
  private static final int W1 = Philox4x32.W1;

  private VectorPhilox() {}

  /**
   * Whether this engine beats plain Java here: x86-64 with 512-bit vectors (AVX-512). With 256-bit
   * vectors plain Java was faster; no other CPU has been measured, and there the API may fall back
   * to slow Java code for the 64-bit multiply.
   */
  static boolean fast() {
    // The word shuffle in step() reads a long lane's low half as the even int lane.
    return Cpu.x86() && SHAPE.vectorBitSize() >= Cpu.WIDE_VECTOR_BITS
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

  /**
   * Blocks {@code first .. first + BLOCKS)}, two interleaved groups of {@code GROUP}. Only counter
   * word 2 differs between blocks, so round 0's first product and round 1's second are the same
   * in every lane: they are computed once, as plain longs, and rounds 0 and 1 together take
   * about the vector work of one other round.
   */
  private static void step(int c0, int c1, int c3, int k0, int k1, int first, int[] words) {
    long p00 = (c0 & LOW) * M0;
    long p21 = ((p00 >>> 32) ^ (c3 & LOW) ^ (k1 & LOW)) * M1;
    long c1Key = (c1 & LOW) ^ (k0 & LOW);
    long hiP21Key = (p21 >>> 32) ^ ((k0 + W0) & LOW);
    long loP00Key = (p00 & LOW) ^ ((k1 + W1) & LOW);
    // Round 0's second products, then round 1's first.
    LongVector pa2 = LANE.add(first).mul(M1);
    LongVector pb2 = LANE.add(first + GROUP).mul(M1);
    LongVector pa0 =
        pa2.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, c1Key).mul(M0);
    LongVector pb0 =
        pb2.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, c1Key).mul(M0);
    // The counter after round 1.
    LongVector a0 = pa2.lanewise(VectorOperators.AND, LOW).lanewise(VectorOperators.XOR, hiP21Key);
    LongVector a1 = LongVector.broadcast(SPECIES, p21 & LOW);
    LongVector a2 = pa0.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, loP00Key);
    LongVector a3 = pa0.lanewise(VectorOperators.AND, LOW);
    LongVector b0 = pb2.lanewise(VectorOperators.AND, LOW).lanewise(VectorOperators.XOR, hiP21Key);
    LongVector b1 = a1;
    LongVector b2 = pb0.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, loP00Key);
    LongVector b3 = pb0.lanewise(VectorOperators.AND, LOW);
    int key0 = k0 + 2 * W0;
    int key1 = k1 + 2 * W1;
    for (int round = 2; round < Philox4x32.ROUNDS; round++) {
      pa0 = a0.mul(M0);
      pa2 = a2.mul(M1);
      pb0 = b0.mul(M0);
      pb2 = b2.mul(M1);
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
      key0 += W0;
      key1 += W1;
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
