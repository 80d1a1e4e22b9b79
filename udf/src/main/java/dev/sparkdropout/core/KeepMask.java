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
    int[] words = new int[Philox4x32.WORDS_PER_BLOCK];
    int c0 = (int) stream;
    int c1 = (int) (stream >>> 32);
    int k0 = (int) seed;
    int k1 = (int) (seed >>> 32);
    for (int block = 0, first = 0; first < size; block++, first += Philox4x32.WORDS_PER_BLOCK) {
      Philox4x32.block(c0, c1, block, copy, k0, k1, words, 0);
      int count = Math.min(Philox4x32.WORDS_PER_BLOCK, size - first);
      for (int w = 0; w < count; w++) {
        keep[first + w] = (byte) (Integer.toUnsignedLong(words[w]) >= threshold ? 1 : 0);
      }
    }
    return keep;
  }
}
