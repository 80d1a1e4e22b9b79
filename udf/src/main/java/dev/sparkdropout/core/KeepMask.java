package dev.sparkdropout.core;

/**
 * The keep decision of SPEC section 4: noise index {@code j} of a row is kept when Philox word
 * {@code j} of the row's stream, read as an unsigned 32-bit integer, is at least
 * {@code floor(rate * 2^32)}.
 */
public final class KeepMask {

  private static final double TWO_POW_32 = 4294967296.0;

  /** Per-thread word buffer, so a row costs no allocation for its random words. */
  private static final ThreadLocal<int[]> WORDS = ThreadLocal.withInitial(() -> new int[256]);

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
   * {@link #dropMask}s, from shifts C2 vectorizes.
   */
  static long dropPair(long word0, long word1, long threshold) {
    return dropMask(word0, threshold) >>> 32 | dropMask(word1, threshold) << 32;
  }

  /**
   * The Philox words of noise indices {@code 0 .. size)} of a row, in a buffer owned by the
   * calling thread (valid until its next call) and at least {@code size} long.
   *
   * @param seed   the job seed; its low and high halves are the Philox key
   * @param stream the row's stream id (SPEC section 3); its halves are counter words 0 and 1
   * @param copy   the augmentation copy index, counter word 3
   */
  static int[] words(long seed, long stream, int copy, int size) {
    int needed = Philox4x32.bufferLength(size);
    int[] words = WORDS.get();
    if (words.length < needed) {
      words = new int[Math.max(needed, words.length * 2)];
      WORDS.set(words);
    }
    Philox4x32.fill((int) stream, (int) (stream >>> 32), copy, (int) seed, (int) (seed >>> 32),
        words, size);
    return words;
  }

  /**
   * The drop masks of words {@code from .. to)} of a row, which lie in one chunk, in
   * {@link AutoVectorPhilox}'s lanes: word {@code j}'s at {@link AutoVectorPhilox#lane}
   * {@code (j)}. The plain-Java element loops take their decisions from there.
   */
  static long[] dropLanes(long seed, long stream, int copy, int from, int to, long threshold) {
    return AutoVectorPhilox.dropMasks((int) stream, (int) (stream >>> 32), copy, (int) seed,
        (int) (seed >>> 32), from, to, threshold);
  }

  /**
   * As {@link #dropLanes}, but for 32-bit values: the masks of words {@code j} and {@code j + 1}
   * ({@code j} even) share a long, at {@link AutoVectorPhilox#dropPairs}' place for them.
   */
  static long[] dropPairs(long seed, long stream, int copy, int from, int to, long threshold) {
    return AutoVectorPhilox.dropPairs((int) stream, (int) (stream >>> 32), copy, (int) seed,
        (int) (seed >>> 32), from, to, threshold);
  }

  /** The keep decisions for noise indices {@code 0 .. size)}: 1 kept, 0 dropped. */
  public static byte[] generate(long seed, long stream, int copy, long threshold, int size) {
    byte[] keep = new byte[size];
    write(seed, stream, copy, threshold, size, keep, 0);
    return keep;
  }

  /**
   * As {@link #generate}, written into {@code out} from {@code offset}. In plain Java from the
   * drop masks of {@link #dropLanes}, whose loops compute them with the words, rather than from
   * the words put in element order first.
   */
  static void write(long seed, long stream, int copy, long threshold, int size, byte[] out,
      int offset) {
    if (Philox4x32.vectorized()) {
      int[] words = words(seed, stream, copy, size);
      for (int j = 0; j < size; j++) {
        out[offset + j] = (byte) (1 + dropMask(Integer.toUnsignedLong(words[j]), threshold));
      }
      return;
    }
    for (int from = 0, to; from < size; from = to) {
      to = AutoVectorPhilox.chunkEnd(from, size);
      long[] lanes = dropLanes(seed, stream, copy, from, to, threshold);
      for (int j = from; j < to; j++) {
        out[offset + j] = (byte) (1 + lanes[AutoVectorPhilox.lane(j)]);
      }
    }
  }
}
