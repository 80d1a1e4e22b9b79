package dev.sparkdropout.core;

/**
 * Philox4x32-10 for the plain-Java path (JVMs without the Vector API), a chunk of 64 blocks at a
 * time in lane order: word {@code w} of the chunk's block {@code b} sits at {@code w * 64 + b},
 * one long each, a structure of arrays. On x86-64 a whole chunk is computed by loops that C2's
 * auto-vectorizer compiles to vector code, one loop per round over the blocks, whose lanes are
 * independent. The element loops of {@link WordTransforms} read their decisions from the lanes
 * where they lie: putting the words back in element order first made dropout a third slower.
 * Same bits as {@link Philox4x32#block}.
 */
final class AutoVectorPhilox {

  /**
   * Blocks per chunk. Every loop runs exactly this many times: C2 vectorized the same loops with
   * a variable count only where it inlined them into a caller. The four words' rows sit at
   * constant offsets in one array, which is how C2 knows they do not overlap.
   */
  static final int CHUNK = 64;
  /** Words per chunk. */
  static final int CHUNK_WORDS = CHUNK * Philox4x32.WORDS_PER_BLOCK;
  /**
   * A chunk is computed whole once this many of its blocks are wanted; fewer go in pairs. A pair
   * costs about an eighth of a whole chunk (measured), so rows of 64 to 255 floats, a partial
   * chunk, are still computed whole.
   */
  private static final int MIN_BLOCKS = 16;
  private static final long LOW = 0xFFFFFFFFL;
  /**
   * Whether C2 vectorizes the round loops: on x86-64, which has vector 64-bit multiplies.
   * Elsewhere they might run as scalar code, slower than blocks in pairs.
   */
  private static final boolean FAST = Philox4x32.x86();

  /** One thread's chunk, and room for a pair of blocks computed the plain way. */
  private static final class Scratch {
    final long[] lanes = new long[CHUNK_WORDS];
    final int[] pair = new int[2 * Philox4x32.WORDS_PER_BLOCK];
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private AutoVectorPhilox() {}

  /** Where word {@code j} of a row (or its chunk) sits in the lanes. */
  static int lane(int j) {
    return (j & 3) * CHUNK + ((j >>> 2) & (CHUNK - 1));
  }

  /** The end of the chunk that word {@code j} is in, or {@code count} if that comes first. */
  static int chunkEnd(int j, int count) {
    return Math.min(count, (j | (CHUNK_WORDS - 1)) + 1);
  }

  /**
   * The lanes of one chunk, in a buffer owned by the calling thread (valid until its next call),
   * holding words {@code from .. to)} of counters {@code (c0, c1, block, c3)} as unsigned values;
   * {@code to} is at most {@link #chunkEnd}{@code (from, ...)}. Lanes of other words may hold
   * anything.
   */
  static long[] lanes(int c0, int c1, int c3, int k0, int k1, int from, int to) {
    Scratch scratch = SCRATCH.get();
    long[] lanes = scratch.lanes;
    int first = from >>> 2;
    int end = (to + 3) >>> 2;
    int chunk = first & -CHUNK;
    if (FAST && end - first >= MIN_BLOCKS) {
      rounds(lanes, c0, c1, c3, chunk, k0, k1);
      return lanes;
    }
    int[] pair = scratch.pair;
    for (int block = first; block < end; block += 2) {
      Philox4x32.twoBlocks(c0, c1, block, c3, k0, k1, pair, 0);
      int b = block - chunk;
      for (int w = 0; w < 4; w++) {
        lanes[w * CHUNK + b] = pair[w] & LOW;
      }
      if (block + 1 < end) {
        for (int w = 0; w < 4; w++) {
          lanes[w * CHUNK + b + 1] = pair[4 + w] & LOW;
        }
      }
    }
    return lanes;
  }

  /** Writes words {@code 0 .. count)} of counters {@code (c0, c1, block, c3)} in element order. */
  static void fill(int c0, int c1, int c3, int k0, int k1, int[] words, int count) {
    for (int from = 0, to; from < count; from = to) {
      to = chunkEnd(from, count);
      long[] lanes = lanes(c0, c1, c3, k0, k1, from, to);
      for (int j = from; j < to; j++) {
        words[j] = (int) lanes[lane(j)];
      }
    }
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
