package dev.sparkdropout.core;

/**
 * Philox4x32-10 for many blocks in plain Java that C2's auto-vectorizer compiles to vector code,
 * for JVMs without the Vector API: one long per block and word (a structure of arrays), and one
 * loop per round over the blocks, whose lanes are independent. Same bits as
 * {@link Philox4x32#block}. On x86-64 it is about twice as fast as blocks a pair at a time.
 */
final class AutoVectorPhilox {

  /**
   * Blocks per chunk. Every loop runs exactly this many times: C2 vectorized the same loops with
   * a variable count only where it inlined them into a caller. The four words' rows sit at
   * constant offsets in one array, which is how C2 knows they do not overlap.
   */
  private static final int CHUNK = 64;
  /** A chunk is computed whole; it pays once this many of its blocks are wanted. */
  private static final int MIN_BLOCKS = 40;
  private static final long LOW = 0xFFFFFFFFL;

  private static final ThreadLocal<long[]> LANES =
      ThreadLocal.withInitial(() -> new long[4 * CHUNK]);

  private AutoVectorPhilox() {}

  /**
   * Whether C2 vectorizes these loops here: on x86-64, which has vector 64-bit multiplies.
   * Elsewhere they might run as scalar code, slower than blocks in pairs.
   */
  static boolean fast() {
    return Philox4x32.x86();
  }

  /**
   * Writes the words of blocks {@code 0 .. blocks)} of counters {@code (c0, c1, block, c3)} a
   * chunk at a time while at least {@link #MIN_BLOCKS} remain; returns how many it wrote.
   */
  static int fill(int c0, int c1, int c3, int k0, int k1, int[] words, int blocks) {
    if (blocks < MIN_BLOCKS) {
      return 0;
    }
    long[] lanes = LANES.get();
    int first = 0;
    for (; blocks - first >= MIN_BLOCKS; first += CHUNK) {
      rounds(lanes, c0, c1, c3, first, k0, k1);
      int n = Math.min(CHUNK, blocks - first);
      int offset = first * Philox4x32.WORDS_PER_BLOCK;
      for (int b = 0; b < n; b++) {
        words[offset + 4 * b] = (int) lanes[b];
        words[offset + 4 * b + 1] = (int) lanes[CHUNK + b];
        words[offset + 4 * b + 2] = (int) lanes[2 * CHUNK + b];
        words[offset + 4 * b + 3] = (int) lanes[3 * CHUNK + b];
      }
    }
    return Math.min(first, blocks);
  }

  /** Blocks {@code first .. first + CHUNK)}: word w of block b ends in lane w * CHUNK + b. */
  private static void rounds(long[] lanes, int c0, int c1, int c3, int first, int k0, int k1) {
    for (int b = 0; b < CHUNK; b++) {
      lanes[b] = c0 & LOW;
      lanes[CHUNK + b] = c1 & LOW;
      lanes[2 * CHUNK + b] = first + b;
      lanes[3 * CHUNK + b] = c3 & LOW;
    }
    for (int round = 0; round < Philox4x32.ROUNDS; round++) {
      long key0 = (k0 + round * Philox4x32.W0) & LOW;
      long key1 = (k1 + round * Philox4x32.W1) & LOW;
      for (int b = 0; b < CHUNK; b++) {
        long p0 = lanes[b] * Philox4x32.M0;
        long p2 = lanes[2 * CHUNK + b] * Philox4x32.M1;
        lanes[b] = (p2 >>> 32) ^ lanes[CHUNK + b] ^ key0;
        lanes[2 * CHUNK + b] = (p0 >>> 32) ^ lanes[3 * CHUNK + b] ^ key1;
        lanes[CHUNK + b] = p2 & LOW;
        lanes[3 * CHUNK + b] = p0 & LOW;
      }
    }
  }
}
