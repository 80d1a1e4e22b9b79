package dev.sparkdropout.core;

/**
 * The keep decision of SPEC section 4: noise index {@code j} of a row is kept when Philox word
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

  /**
   * The keep decisions for noise indices {@code 0 .. size)}: 1 kept, 0 dropped.
   *
   * @param seed   the job seed; its low and high halves are the Philox key
   * @param stream the row's stream id (SPEC section 3); its halves are counter words 0 and 1
   * @param copy   the augmentation copy index, counter word 3
   */
  public static byte[] generate(long seed, long stream, int copy, long threshold, int size) {
    byte[] keep = new byte[size];
    if (size == 0) {
      return keep;
    }
    int[] words = new int[roundUpToBlock(size)];
    Philox4x32.fill((int) stream, (int) (stream >>> 32), copy, (int) seed, (int) (seed >>> 32),
        words, size);
    for (int j = 0; j < size; j++) {
      keep[j] = (byte) (Integer.toUnsignedLong(words[j]) >= threshold ? 1 : 0);
    }
    return keep;
  }

  private static int roundUpToBlock(int size) {
    return (size + Philox4x32.WORDS_PER_BLOCK - 1) & -Philox4x32.WORDS_PER_BLOCK;
  }
}
