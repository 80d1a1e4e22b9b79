package dev.sparkdropout.core.engine.plain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkdropout.core.engine.Philox4x32;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The lanes hold the scalar block's bits, whether the vectorized loops compute a chunk, whole or
 * in part, or its blocks go in pairs: few and many words, from a chunk's start or its middle.
 */
class AutoVectorPhiloxTest {

  private static final int[] COUNTERS = {0, 1, -1, 0x243f6a88, 0x85a308d3};

  @ParameterizedTest
  // 7 blocks (28 words) go in pairs; from 8 (MIN_BLOCKS) the loops compute the blocks up to the
  // last one wanted, a whole chunk or part of one, also when the first is past the chunk's start.
  @CsvSource({"0, 1", "0, 4", "0, 7", "0, 28", "0, 29", "0, 32", "0, 37", "0, 60", "0, 100",
      "0, 256", "4, 9", "16, 176", "16, 256", "64, 100", "196, 256", "192, 256", "256, 300",
      "256, 420", "512, 768", "1028, 1030"})
  void lanesHoldTheWordsOfOneBlockAtATime(int from, int to) {
    int[] block = new int[4];
    AutoVectorPhilox philox = AutoVectorPhilox.get();
    for (int c : COUNTERS) {
      long[] lanes = philox.lanes(c, ~c, c * 31, 0xa4093822 ^ c, -c, from, to);
      for (int j = from; j < to; j++) {
        Philox4x32.block(c, ~c, j >>> 2, c * 31, 0xa4093822 ^ c, -c, block, 0);
        assertThat(lanes[AutoVectorPhilox.lane(j)]).as("counter %d word %d", c, j)
            .isEqualTo(Integer.toUnsignedLong(block[j & 3]));
      }
    }
  }

  @Test
  void productsKeptFromTheRowBeforeServeOnlyTheSameChunkCounterAndKey() {
    // Rows of counter words 0 and 1, key word 0 and words from .. to), in turn: each either may
    // use the first rounds' products kept from the row before, or differs from it in just one of
    // what they depend on.
    int[][] rows = {
        {5, 7, 11, 0, 40},
        {6, 7, 11, 0, 40}, // the same chunk, counter word 1 and key word 0
        {6, 7, 11, 0, 256}, // more blocks than were computed
        {7, 7, 11, 36, 100}, // fewer
        {8, 8, 11, 0, 256}, // another counter word 1
        {9, 8, 12, 0, 256}, // another key word 0
        {9, 8 ^ 3, 12 ^ 3, 0, 256}, // both, with the same xor
        {10, 8, 12, 256, 512}, // the next chunk
        {10, 8, 12, 0, 256}};
    AutoVectorPhilox philox = AutoVectorPhilox.get();
    int[] block = new int[4];
    for (int[] row : rows) {
      long[] lanes = philox.lanes(row[0], row[1], 3, row[2], 13, row[3],
          row[4]);
      for (int j = row[3]; j < row[4]; j++) {
        Philox4x32.block(row[0], row[1], j >>> 2, 3, row[2], 13, block, 0);
        assertThat(lanes[AutoVectorPhilox.lane(j)]).as("row %s word %d", Arrays.toString(row), j)
            .isEqualTo(Integer.toUnsignedLong(block[j & 3]));
      }
    }
  }

  @ParameterizedTest
  // Pairs, parts of chunks and whole chunks; thresholds that keep all, drop 3 in 10, 2 in 10 or
  // half, and drop all.
  @CsvSource({"0, 28, 1288490188", "0, 100, 1288490188", "0, 256, 1288490188", "16, 176, 0",
      "256, 420, 4294967296", "196, 256, 2147483648", "4, 9, 2147483648", "0, 30, 858993459"})
  void decisionsAreTheWordsAgainstTheThreshold(int from, int to, long threshold) {
    AutoVectorPhilox philox = AutoVectorPhilox.get();
    for (int c : COUNTERS) {
      long[] words = words(philox, c, from, to);
      long[] masks = philox.dropMasks(seed(c), stream(c), c * 31, from, to,
          threshold).clone();
      long[] pairs = philox.dropPairs(seed(c), stream(c), c * 31, from, to,
          threshold).clone();
      long[] quads = philox.keepQuads(seed(c), stream(c), c * 31, from, to,
          threshold);
      for (int j = from; j < to; j++) {
        boolean dropped = words[AutoVectorPhilox.lane(j)] < threshold;
        // A lane holds its word's mask.
        assertThat(masks[AutoVectorPhilox.lane(j)]).as("mask, counter %d word %d", c, j)
            .isEqualTo(dropped ? -1L : 0L);
        // The low half of a pair is the even word's mask, the high half the odd word's.
        assertThat((int) (pairs[AutoVectorPhilox.pair(j)] >>> 32 * (j & 1)))
            .as("pair, counter %d word %d", c, j).isEqualTo(dropped ? -1 : 0);
        // Byte j & 3 of a block's long is word j's keep decision; the high half is clear.
        long quad = quads[(j >>> 2) % AutoVectorPhilox.CHUNK];
        assertThat(quad >>> 32).as("quad, counter %d block %d", c, j >>> 2).isZero();
        assertThat((quad >>> 8 * (j & 3)) & 0xFF).as("quad, counter %d word %d", c, j)
            .isEqualTo(dropped ? 0L : 1L);
      }
    }
  }

  /** The words of counter {@code c}'s blocks in their lanes, copied. */
  private static long[] words(AutoVectorPhilox philox, int c, int from, int to) {
    return philox.lanes(c, ~c, c * 31, 0xa4093822 ^ c, -c, from, to).clone();
  }

  /** The seed whose halves are the key words the tests above give {@code lanes}. */
  private static long seed(int c) {
    return Integer.toUnsignedLong(0xa4093822 ^ c) | (long) -c << 32;
  }

  /** The stream whose halves are the counter words 0 and 1 the tests above give {@code lanes}. */
  private static long stream(int c) {
    return Integer.toUnsignedLong(c) | (long) ~c << 32;
  }

  @Test
  void chunksEndEvery256Words() {
    assertThat(AutoVectorPhilox.chunkEnd(0, 1000)).isEqualTo(256);
    assertThat(AutoVectorPhilox.chunkEnd(255, 1000)).isEqualTo(256);
    assertThat(AutoVectorPhilox.chunkEnd(256, 1000)).isEqualTo(512);
    assertThat(AutoVectorPhilox.chunkEnd(900, 1000)).isEqualTo(1000);
    assertThat(AutoVectorPhilox.chunkEnd(0, 7)).isEqualTo(7);
  }

  @Test
  void pairsHoldTwoAdjacentWordsOfABlock() {
    for (int j = 512; j < 512 + AutoVectorPhilox.CHUNK_WORDS; j += 2) {
      assertThat(AutoVectorPhilox.pair(j + 1)).as("word %d", j + 1)
          .isEqualTo(AutoVectorPhilox.pair(j));
      assertThat(AutoVectorPhilox.pair(j + 2)).as("word %d", j + 2)
          .isNotEqualTo(AutoVectorPhilox.pair(j));
    }
  }

  @Test
  void everyWordOfAChunkHasItsOwnLane() {
    boolean[] taken = new boolean[AutoVectorPhilox.LENGTH];
    for (int j = 512; j < 512 + AutoVectorPhilox.CHUNK_WORDS; j++) {
      int lane = AutoVectorPhilox.lane(j);
      assertThat(taken[lane]).as("word %d", j).isFalse();
      taken[lane] = true;
    }
  }

  @Test
  void eachThreadHasItsOwn() throws Exception {
    AutoVectorPhilox mine = AutoVectorPhilox.get();
    assertThat(AutoVectorPhilox.get()).isSameAs(mine);
    AutoVectorPhilox other = CompletableFuture.supplyAsync(AutoVectorPhilox::get).get();
    assertThat(other).isNotSameAs(mine);
    assertThat(other.lanes(0, 0, 0, 0, 0, 0, 4)).isNotSameAs(mine.lanes(0, 0, 0, 0, 0, 0, 4));
  }
}
