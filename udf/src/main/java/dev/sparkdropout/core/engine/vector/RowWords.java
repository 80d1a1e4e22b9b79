package dev.sparkdropout.core.engine.vector;

import dev.sparkdropout.core.engine.Philox4x32;
import dev.sparkdropout.core.engine.RowArrays;

/**
 * A row's Philox words in element order, as the Vector API engine's loops read them: computed a
 * step of {@link VectorPhilox#BLOCKS} blocks at a time into an array of the thread's, reused row
 * after row (valid until the thread's next row).
 */
final class RowWords {

  private static final ThreadLocal<RowWords> CURRENT = ThreadLocal.withInitial(RowWords::new);

  private int[] words = new int[256];

  private RowWords() {}

  /** The calling thread's. */
  static RowWords get() {
    return CURRENT.get();
  }

  /**
   * The words of noise indices {@code 0 .. count)} of a row's stream (docs/SPEC.md §4), in an
   * array at least {@code count} long.
   */
  int[] of(long seed, long stream, int copy, int count) {
    int[] row = words(bufferLength(count));
    fill((int) stream, (int) (stream >>> 32), copy, (int) seed, (int) (seed >>> 32), row, count);
    return row;
  }

  /** At least {@code length} ints, kept for the next rows as {@link RowArrays} says. */
  int[] words(int length) {
    if (words.length >= length) {
      return words;
    }
    int[] grown = new int[RowArrays.grown(words.length, length, Integer.BYTES)];
    words = RowArrays.keep(length, Integer.BYTES) ? grown : words;
    return grown;
  }

  /** A length for {@code count} words that {@link #fill} fills in whole steps. */
  static int bufferLength(int count) {
    return (count + VectorPhilox.WORDS - 1) / VectorPhilox.WORDS * VectorPhilox.WORDS;
  }

  /**
   * As {@link dev.sparkdropout.core.engine.PhiloxEngine#fill}: whole steps where the array has
   * room, the rest in pairs of blocks, whose rounds are independent, so the CPU overlaps their
   * multiplies (four at once spill registers on x86-64 and measured slower).
   */
  static void fill(int c0, int c1, int c3, int k0, int k1, int[] words, int count) {
    int blocks = (count + Philox4x32.WORDS_PER_BLOCK - 1) / Philox4x32.WORDS_PER_BLOCK;
    int block = VectorPhilox.fill(c0, c1, c3, k0, k1, words, blocks);
    for (; block + 2 <= blocks; block += 2) {
      Philox4x32.twoBlocks(c0, c1, block, c3, k0, k1, words, block * Philox4x32.WORDS_PER_BLOCK);
    }
    if (block < blocks) {
      Philox4x32.block(c0, c1, block, c3, k0, k1, words, block * Philox4x32.WORDS_PER_BLOCK);
    }
  }
}
