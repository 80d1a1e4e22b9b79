package dev.sparkdropout.core.engine.plain;

import dev.sparkdropout.core.engine.Cpu;
import dev.sparkdropout.core.engine.KeepRule;
import dev.sparkdropout.core.engine.Philox4x32;

/**
 * Philox4x32-10 in plain Java, a chunk of 64 blocks at a time in lanes: word {@code w} of the
 * chunk's block {@code b} sits at {@code w * STRIDE + b}, one long each, so that each round is a
 * loop over independent blocks, which C2's auto-vectorizer compiles to vector code on x86-64.
 * {@link PlainEngine} reads the decisions where they lie, not in element order, which C2 could
 * not vectorize. Same bits as {@link Philox4x32#block}. One per thread: the lanes, and the
 * products kept from row to row (see {@link #rounds}), are its own.
 */
final class AutoVectorPhilox {

  /**
   * Blocks per chunk. The loops run at most this many times, and C2 must see that bound to
   * vectorize them; larger chunks gained on some CPUs and lost on short rows (bench/README.md).
   */
  static final int CHUNK = 64;
  /**
   * How far apart the rows of the lanes lie; and, with 512-bit vectors, how many blocks a whole
   * chunk's loops run over ({@link #wholeRounds}), the last eight junk: C2 unrolls a loop of a
   * constant count of 70 or more to 512-bit vectors, which pays there and not with 256-bit ones.
   */
  static final int STRIDE = 72;
  /** Words per chunk. */
  static final int CHUNK_WORDS = CHUNK * Philox4x32.WORDS_PER_BLOCK;
  /**
   * The round loops run once this many of a chunk's blocks are wanted; fewer go in pairs, which is
   * faster for so few.
   */
  private static final int MIN_BLOCKS = 8;
  private static final long LOW = 0xFFFFFFFFL;
  /** Whether C2 vectorizes the round loops: on x86-64; elsewhere pairs of blocks may be faster. */
  private static final boolean FAST = Cpu.x86();
  /** Whether C2 has 512-bit vectors, where whole chunks' loops run over {@link #STRIDE} blocks. */
  private static final boolean WIDE = Cpu.wideVectors();
  /** No threshold (they run from 0 to 2^32): the lanes are to hold the words themselves. */
  private static final long WORDS = -1;
  /** What the lanes hold at the end: a value a word (see {@link #laneValue}). */
  private static final int LANES = 0;
  /** Drop masks two to a long (see {@link #dropPairs}). */
  private static final int PAIRS = 1;
  /** Keep bytes four to a long (see {@link #keepQuads}). */
  private static final int QUADS = 2;
  /** Where the rounds keep their two generations of products (see {@link #rounds}). */
  private static final int OLDER = 0;
  private static final int NEWER = 2 * STRIDE;
  /**
   * Where the rounds keep the products of rounds 0 and 1 that differ between blocks, from one row
   * to the next (see {@link #rounds}).
   */
  private static final int EARLY = 4 * STRIDE;
  /** The length of a thread's lanes: the words (or the two generations), then {@link #EARLY}. */
  static final int LENGTH = 6 * STRIDE;
  /**
   * Round 0's products of counter word 2 for blocks 0 .. STRIDE: block {@code first + b}'s is
   * {@code first}'s plus the one at {@code b}, an add where a multiply was. A load from here
   * vectorizes; the loop index widened to a long does not.
   */
  private static final long[] BLOCK_PRODUCTS = new long[STRIDE];

  static {
    for (int b = 0; b < STRIDE; b++) {
      BLOCK_PRODUCTS[b] = b * Philox4x32.M1;
    }
  }

  private static final ThreadLocal<AutoVectorPhilox> CURRENT =
      ThreadLocal.withInitial(AutoVectorPhilox::new);

  /** The chunk's lanes; see {@link #lanes} and {@link #rounds} for what they hold. */
  private final long[] lanes = new long[LENGTH];
  /**
   * What the lanes' products of rounds 0 and 1 were computed for, -1 before any: the chunk's
   * first block in the high half, counter word 1 xor key word 0 in the low half.
   */
  private long earlyKey = -1;
  /** How many of the chunk's blocks they are for. */
  private int earlyBlocks;
  /** The words of two blocks computed the plain way. */
  private final int[] pair = new int[2 * Philox4x32.WORDS_PER_BLOCK];

  private AutoVectorPhilox() {}

  /** The calling thread's, whose lanes are valid until its next call. */
  static AutoVectorPhilox get() {
    return CURRENT.get();
  }

  /** Where word {@code j} of a row (or its chunk) sits in the lanes. */
  static int lane(int j) {
    return (j & 3) * STRIDE + ((j >>> 2) & (CHUNK - 1));
  }

  /** Where the pair of drop masks that holds word {@code j}'s sits (see {@link #dropPairs}). */
  static int pair(int j) {
    return ((j & 2) >>> 1) * STRIDE + ((j >>> 2) & (CHUNK - 1));
  }

  /** The end of the chunk that word {@code j} is in, or {@code count} if that comes first. */
  static int chunkEnd(int j, int count) {
    return Math.min(count, (j | (CHUNK_WORDS - 1)) + 1);
  }

  /**
   * The lanes of one chunk (valid until this thread's next call),
   * holding words {@code from .. to)} of counters {@code (c0, c1, block, c3)} as unsigned values;
   * {@code to} is at most {@link #chunkEnd}{@code (from, ...)}. Lanes of other words may hold
   * anything.
   */
  long[] lanes(int c0, int c1, int c3, int k0, int k1, int from, int to) {
    return compute(c0, c1, c3, k0, k1, from, to, WORDS, LANES);
  }

  /**
   * As {@link #lanes}, for the words of a row's stream (docs/SPEC.md §4: {@code seed}'s halves are
   * the key, {@code stream}'s counter words 0 and 1, {@code copy} word 3), but each lane holds its
   * word's {@link KeepRule#dropMask} under {@code threshold}: computed in the vectorized loops,
   * not in the element loops, which C2 cannot vectorize.
   */
  long[] dropMasks(long seed, long stream, int copy, int from, int to, long threshold) {
    return compute(seed, stream, copy, from, to, threshold, LANES);
  }

  /**
   * The drop masks of words {@code from .. to)} for 32-bit values, two to a long, in the order of
   * the values: those of words 0 and 1 of the chunk's block {@code b} at {@code b} (word 0 in the
   * low half, as a little-endian long holds two floats), of words 2 and 3 at {@code STRIDE + b}.
   * The float loops of {@link PlainEngine} select a pair of values with one of these.
   */
  long[] dropPairs(long seed, long stream, int copy, int from, int to, long threshold) {
    return compute(seed, stream, copy, from, to, threshold, PAIRS);
  }

  /**
   * The keep decisions of words {@code from .. to)} as bytes, 1 kept and 0 dropped, the four of
   * the chunk's block {@code b} in a long at {@code b} in the order of its words (word 0 in the
   * low byte, as a little-endian int holds four bytes): a mask is written a block at a time.
   */
  long[] keepQuads(long seed, long stream, int copy, int from, int to, long threshold) {
    return compute(seed, stream, copy, from, to, threshold, QUADS);
  }

  private long[] compute(long seed, long stream, int copy, int from, int to, long threshold,
      int form) {
    return compute((int) stream, (int) (stream >>> 32), copy, (int) seed,
        (int) (seed >>> 32), from, to, threshold, form);
  }

  private long[] compute(int c0, int c1, int c3, int k0, int k1, int from, int to,
      long threshold, int form) {
    int first = from >>> 2;
    int end = (to + 3) >>> 2;
    int chunk = first & -CHUNK;
    if (FAST && end - first >= MIN_BLOCKS) {
      rounds(c0, c1, c3, chunk, end - chunk, k0, k1, threshold, form);
      return lanes;
    }
    int[] words = pair;
    for (int block = first; block < end; block += 2) {
      Philox4x32.twoBlocks(c0, c1, block, c3, k0, k1, words, 0);
      int b = block - chunk;
      put(lanes, b, words[0] & LOW, words[1] & LOW, words[2] & LOW, words[3] & LOW, threshold,
          form);
      if (block + 1 < end) {
        put(lanes, b + 1, words[4] & LOW, words[5] & LOW, words[6] & LOW, words[7] & LOW,
            threshold, form);
      }
    }
    return lanes;
  }

  /**
   * Block {@code b}'s lanes in {@code form} from its four words, unsigned: for blocks computed in
   * pairs, and in the last loop of {@link #rounds}, where C2 inlines it and compiles the loop once
   * for each form.
   */
  private static void put(long[] lanes, int b, long w0, long w1, long w2, long w3,
      long threshold, int form) {
    if (form == QUADS) {
      lanes[b] = KeepRule.keepQuad(w0, w1, w2, w3, threshold);
    } else if (form == PAIRS) {
      lanes[b] = KeepRule.dropPair(w0, w1, threshold);
      lanes[STRIDE + b] = KeepRule.dropPair(w2, w3, threshold);
    } else {
      lanes[b] = laneValue(w0, threshold);
      lanes[STRIDE + b] = laneValue(w1, threshold);
      lanes[2 * STRIDE + b] = laneValue(w2, threshold);
      lanes[3 * STRIDE + b] = laneValue(w3, threshold);
    }
  }

  /** A lane: the word itself if {@code threshold} is {@link #WORDS}, else its drop mask. */
  private static long laneValue(long word, long threshold) {
    return threshold == WORDS ? word : KeepRule.dropMask(word, threshold);
  }

  /** Writes words {@code 0 .. count)} of counters {@code (c0, c1, block, c3)} in element order. */
  void fill(int c0, int c1, int c3, int k0, int k1, int[] words, int count) {
    for (int from = 0, to; from < count; from = to) {
      to = chunkEnd(from, count);
      lanes(c0, c1, c3, k0, k1, from, to);
      for (int j = from; j < to; j++) {
        words[j] = (int) lanes[lane(j)];
      }
    }
  }

  /**
   * Rounds of blocks {@code first .. first + blocks)} of a chunk into the lanes in {@code form}.
   *
   * <p>After round 1, a round's counter words 1 and 3 are the low halves of the products of the
   * round before, and its words 0 and 2 the high halves of those products xor the low halves of
   * the products of the round before that (and the key). So the rounds keep only products, two per
   * block and round, in two generations that take turns, and the words are put together once at
   * the end: the loops are bound by their stores, and this halves them. Only counter word 2
   * differs between blocks, so round 0's first product and round 1's second are the same for every
   * block: they stay out of the lanes, and rounds 2 and 3 take them as constants. One round per
   * loop: C2 leaves a loop with two rounds scalar.
   *
   * <p>The other two products of rounds 0 and 1 depend only on the block and on counter word 1 xor
   * key word 0. In partition mode every row of a partition has the same counter word 1, so they
   * are kept in the lanes ({@link #EARLY}) and the next row of the same chunk skips their loop.
   */
  private void rounds(int c0, int c1, int c3, int first, int blocks, int k0, int k1,
      long threshold, int form) {
    boolean whole = WIDE && blocks >= CHUNK;
    int count = whole ? STRIDE : Math.min(blocks, CHUNK);
    long c1Key = (c1 & LOW) ^ key(k0, Philox4x32.W0, 0);
    long earlyKey = (long) first << 32 | c1Key;
    if (this.earlyKey != earlyKey || earlyBlocks < count) {
      earlyProducts(lanes, count, first, c1Key);
      this.earlyKey = earlyKey;
      earlyBlocks = count;
    }
    // Rounds 2 and 3 take the products common to all blocks as constants.
    long p00 = (c0 & LOW) * Philox4x32.M0;
    long p21 = ((p00 >>> 32) ^ (c3 & LOW) ^ key(k1, Philox4x32.W1, 0)) * Philox4x32.M1;
    long hiP21Key = (p21 >>> 32) ^ key(k0, Philox4x32.W0, 1);
    long loP00Key = (p00 & LOW) ^ key(k1, Philox4x32.W1, 1);
    long loP21Key = (p21 & LOW) ^ key(k0, Philox4x32.W0, 2);
    if (whole) {
      wholeRounds(lanes, hiP21Key, loP00Key, loP21Key, k0, k1, threshold, form);
    } else {
      partRounds(lanes, count, hiP21Key, loP00Key, loP21Key, k0, k1, threshold, form);
    }
  }

  /** Rounds 0 and 1 of blocks {@code 0 .. count)}: their products that differ between blocks. */
  private static void earlyProducts(long[] lanes, int count, int first, long c1Key) {
    long firstP20 = first * Philox4x32.M1;
    for (int b = 0; b < Math.min(count, STRIDE); b++) { // never more, C2 must see it (see CHUNK)
      long p20 = BLOCK_PRODUCTS[b] + firstP20;
      lanes[EARLY + b] = p20;
      lanes[EARLY + STRIDE + b] = ((p20 >>> 32) ^ c1Key) * Philox4x32.M0;
    }
  }

  /** Rounds 2 to 9 of a whole chunk, over {@link #STRIDE} blocks, a constant count. */
  private static void wholeRounds(long[] lanes, long hiP21Key, long loP00Key, long loP21Key,
      int k0, int k1, long threshold, int form) {
    for (int b = 0; b < STRIDE; b++) {
      round2Block(lanes, b, hiP21Key, loP00Key);
    }
    long round2Key1 = key(k1, Philox4x32.W1, 2);
    for (int b = 0; b < STRIDE; b++) {
      round3Block(lanes, b, loP21Key, round2Key1);
    }
    for (int round = 4; round < Philox4x32.ROUNDS; round += 2) {
      long key0 = key(k0, Philox4x32.W0, round - 1);
      long key1 = key(k1, Philox4x32.W1, round - 1);
      for (int b = 0; b < STRIDE; b++) {
        productBlock(lanes, b, NEWER, OLDER, key0, key1);
      }
      key0 = key(k0, Philox4x32.W0, round);
      key1 = key(k1, Philox4x32.W1, round);
      for (int b = 0; b < STRIDE; b++) {
        productBlock(lanes, b, OLDER, NEWER, key0, key1);
      }
    }
    long key0 = key(k0, Philox4x32.W0, Philox4x32.ROUNDS - 1);
    long key1 = key(k1, Philox4x32.W1, Philox4x32.ROUNDS - 1);
    for (int b = 0; b < STRIDE; b++) {
      lastBlock(lanes, b, key0, key1, threshold, form);
    }
  }

  /**
   * Rounds 2 to 9 of blocks {@code 0 .. blocks)} of a chunk, at most {@link #CHUNK}: the loops of
   * {@link #wholeRounds} over another count. Written out twice because C2 unrolls a loop as far as
   * its profile asks, and a loop's profile belongs to its place in the bytecode: shared with whole
   * chunks, they left short rows much slower. Each block's arithmetic is written once, in the
   * methods the loops call.
   */
  private static void partRounds(long[] lanes, int blocks, long hiP21Key, long loP00Key,
      long loP21Key, int k0, int k1, long threshold, int form) {
    int count = Math.min(blocks, CHUNK); // never more, but C2 must see it (see CHUNK)
    for (int b = 0; b < count; b++) {
      round2Block(lanes, b, hiP21Key, loP00Key);
    }
    long round2Key1 = key(k1, Philox4x32.W1, 2);
    for (int b = 0; b < count; b++) {
      round3Block(lanes, b, loP21Key, round2Key1);
    }
    for (int round = 4; round < Philox4x32.ROUNDS; round += 2) {
      long key0 = key(k0, Philox4x32.W0, round - 1);
      long key1 = key(k1, Philox4x32.W1, round - 1);
      for (int b = 0; b < count; b++) {
        productBlock(lanes, b, NEWER, OLDER, key0, key1);
      }
      key0 = key(k0, Philox4x32.W0, round);
      key1 = key(k1, Philox4x32.W1, round);
      for (int b = 0; b < count; b++) {
        productBlock(lanes, b, OLDER, NEWER, key0, key1);
      }
    }
    long key0 = key(k0, Philox4x32.W0, Philox4x32.ROUNDS - 1);
    long key1 = key(k1, Philox4x32.W1, Philox4x32.ROUNDS - 1);
    for (int b = 0; b < count; b++) {
      lastBlock(lanes, b, key0, key1, threshold, form);
    }
  }

  /** Round 2 of block {@code b}. */
  private static void round2Block(long[] lanes, int b, long hiP21Key, long loP00Key) {
    long p20 = lanes[EARLY + b];
    long p01 = lanes[EARLY + STRIDE + b];
    lanes[OLDER + b] = ((p20 & LOW) ^ hiP21Key) * Philox4x32.M0;
    lanes[OLDER + STRIDE + b] = ((p01 >>> 32) ^ loP00Key) * Philox4x32.M1;
  }

  /** Round 3 of block {@code b}. */
  private static void round3Block(long[] lanes, int b, long loP21Key, long round2Key1) {
    long p02 = lanes[OLDER + b];
    long p22 = lanes[OLDER + STRIDE + b];
    long p01 = lanes[EARLY + STRIDE + b];
    lanes[NEWER + b] = ((p22 >>> 32) ^ loP21Key) * Philox4x32.M0;
    lanes[NEWER + STRIDE + b] = ((p02 >>> 32) ^ (p01 & LOW) ^ round2Key1) * Philox4x32.M1;
  }

  /**
   * One round of block {@code b} from the products of the two rounds before it, {@code newer} and
   * {@code older} (offsets of a generation: products of word 0, then of word 2), written over
   * {@code older}. The offsets are constants where C2 inlines it, which tells it that the rows do
   * not overlap.
   */
  private static void productBlock(long[] lanes, int b, int newer, int older, long key0,
      long key1) {
    long p0 = ((lanes[newer + STRIDE + b] >>> 32) ^ (lanes[older + STRIDE + b] & LOW) ^ key0)
        * Philox4x32.M0;
    long p2 = ((lanes[newer + b] >>> 32) ^ (lanes[older + b] & LOW) ^ key1) * Philox4x32.M1;
    lanes[older + b] = p0;
    lanes[older + STRIDE + b] = p2;
  }

  /**
   * Block {@code b}'s lanes in {@code form} from rounds 8 and 9's products (in OLDER and NEWER),
   * the counter after round 9: C2 compiles its loops once for each form, each vectorized.
   */
  private static void lastBlock(long[] lanes, int b, long key0, long key1, long threshold,
      int form) {
    long p08 = lanes[OLDER + b];
    long p28 = lanes[OLDER + STRIDE + b];
    long p09 = lanes[NEWER + b];
    long p29 = lanes[NEWER + STRIDE + b];
    put(lanes, b, (p29 >>> 32) ^ (p28 & LOW) ^ key0, p29 & LOW,
        (p09 >>> 32) ^ (p08 & LOW) ^ key1, p09 & LOW, threshold, form);
  }

  /** Key word {@code k} after {@code round} rounds, unsigned. */
  private static long key(int k, int increment, int round) {
    return (k + round * increment) & LOW;
  }
}
