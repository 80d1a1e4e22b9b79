package dev.sparkdropout.core.engine;

/**
 * The keep rule of docs/SPEC.md §4 in the forms the engines' loops compute it without a branch:
 * Philox word {@code word}, read as an unsigned 32-bit integer, is kept when it is at least
 * {@code threshold}. Arithmetic rather than comparisons, so that loops select without a branch
 * that a rate's worth of elements would mispredict.
 */
public final class KeepRule {

  private static final long UPPER = 0xFFFFFFFF00000000L;

  private KeepRule() {}

  /**
   * 0 when {@code word} is kept, all ones when dropped; its low half is the mask for 32-bit
   * values. A logical shift, which C2 vectorizes for longs with AVX2 too (AVX2 has no arithmetic
   * one).
   */
  public static long dropMask(long word, long threshold) {
    return -((word - threshold) >>> 63);
  }

  /**
   * The drop masks of two adjacent 32-bit values in one long, the first value's in the low half
   * (as a little-endian long holds two floats). {@code word - threshold} lies between -2^32 and
   * 2^32, so its upper half is all ones when the word is dropped and zero when kept: five
   * operations a pair, which C2 vectorizes, where two whole masks take nine.
   */
  public static long dropPair(long word0, long word1, long threshold) {
    return (word0 - threshold) >>> 32 | (word1 - threshold) & UPPER;
  }

  /** 1 when {@code word} is kept, 0 when dropped. */
  public static long keep(long word, long threshold) {
    return (threshold - 1 - word) >>> 63;
  }

  /** The {@link #keep} bytes of four words in one long, {@code word0}'s in the low byte. */
  public static long keepQuad(long word0, long word1, long word2, long word3, long threshold) {
    return keep(word0, threshold) | keep(word1, threshold) << 8 | keep(word2, threshold) << 16
        | keep(word3, threshold) << 24;
  }
}
