package dev.sparkdropout.core;

import static dev.sparkdropout.core.LittleEndianValues.INTS;

/**
 * The keep decision of SPEC section 4: noise index {@code j} of a row is kept when Philox word
 * {@code j} of the row's stream, read as an unsigned 32-bit integer, is at least
 * {@code floor(rate * 2^32)}.
 */
public final class KeepMask {

  private static final double TWO_POW_32 = 4294967296.0;
  private static final long UPPER = 0xFFFFFFFF00000000L;

  private KeepMask() {}

  /** {@code floor(rate * 2^32)}: exact, since multiplying by a power of two does not round. */
  public static long threshold(double rate) {
    return (long) Math.floor(rate * TWO_POW_32);
  }

  /**
   * The keep rule as a mask: 0 when {@code word}, a 32-bit word read unsigned, is at least
   * {@code threshold} (kept), all ones when it is below (dropped); its low half is the mask for
   * 32-bit values. Arithmetic rather than a comparison, so loops select without a branch that a
   * rate's worth of elements would mispredict, and with a logical shift, which C2 vectorizes for
   * longs with AVX2 too (AVX2 has no arithmetic one).
   */
  static long dropMask(long word, long threshold) {
    return -((word - threshold) >>> 63);
  }

  /**
   * The drop masks of two adjacent 32-bit values in one long, the first value's in the low half
   * (as a little-endian long holds two floats): {@code word0}'s and {@code word1}'s
   * {@link #dropMask}s. {@code word - threshold} lies between -2^32 and 2^32, so its upper half is
   * all ones when the word is dropped and zero when kept: five operations a pair, which C2
   * vectorizes, where two whole masks take nine.
   */
  static long dropPair(long word0, long word1, long threshold) {
    return (word0 - threshold) >>> 32 | (word1 - threshold) & UPPER;
  }

  /** The keep rule as a number: 1 when {@code word} is kept, 0 when dropped. */
  static long keep(long word, long threshold) {
    return (threshold - 1 - word) >>> 63;
  }

  /**
   * The {@link #keep} bytes of four words in one long, {@code word0}'s in the low byte, from
   * shifts C2 vectorizes.
   */
  static long keepQuad(long word0, long word1, long word2, long word3, long threshold) {
    return keep(word0, threshold) | keep(word1, threshold) << 8 | keep(word2, threshold) << 16
        | keep(word3, threshold) << 24;
  }

  /**
   * The Philox words of noise indices {@code 0 .. size)} of a row, in the thread's
   * {@link ThreadBuffers} (valid until its next row), an array at least {@code size} long.
   *
   * @param seed   the job seed; its low and high halves are the Philox key
   * @param stream the row's stream id (SPEC section 3); its halves are counter words 0 and 1
   * @param copy   the augmentation copy index, counter word 3
   */
  static int[] words(long seed, long stream, int copy, int size) {
    int[] words = ThreadBuffers.get().words(Philox4x32.bufferLength(size));
    Philox4x32.fill((int) stream, (int) (stream >>> 32), copy, (int) seed, (int) (seed >>> 32),
        words, size);
    return words;
  }

  /** The keep decisions for noise indices {@code 0 .. size)}: 1 kept, 0 dropped. */
  public static byte[] generate(long seed, long stream, int copy, long threshold, int size) {
    byte[] keep = new byte[size];
    write(seed, stream, copy, threshold, size, keep, 0);
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
      keep[k] = (byte) keep(Integer.toUnsignedLong(words[j & 3]), threshold);
    }
    return keep;
  }

  /**
   * As {@link #generate}, written into {@code out} from {@code offset}: a block of four at a
   * time, from the keep bytes of {@link AutoVectorPhilox#keepQuads}, whose loops compute them
   * with the words. Also where the JVM has the Vector API: from its words in element order, a
   * byte at a time, masks of 256 took 1.2 times as long (JMH, an Intel Xeon with AVX-512).
   */
  static void write(long seed, long stream, int copy, long threshold, int size, byte[] out,
      int offset) {
    ThreadBuffers buffers = ThreadBuffers.get();
    for (int from = 0, to; from < size; from = to) { // from: a chunk's first word
      to = AutoVectorPhilox.chunkEnd(from, size);
      long[] quads = AutoVectorPhilox.keepQuads(buffers, seed, stream, copy, from, to,
          threshold);
      int blocks = (to - from) >>> 2;
      for (int b = 0; b < blocks; b++) {
        INTS.set(out, offset + from + 4 * b, (int) quads[b]);
      }
      for (int j = from + 4 * blocks; j < to; j++) {
        out[offset + j] = (byte) (quads[blocks] >>> 8 * (j & 3));
      }
    }
  }
}
