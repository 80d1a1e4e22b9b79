package dev.sparkdropout.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The auto-vectorized loops give the scalar block's bits, in whole and partial chunks. */
class AutoVectorPhiloxTest {

  @ParameterizedTest
  @ValueSource(ints = {39, 40, 63, 64, 65, 103, 104, 128, 250})
  void chunksGiveTheBitsOfOneBlockAtATime(int blocks) {
    int[] counters = {0, 1, -1, 0x243f6a88, 0x85a308d3};
    int[] block = new int[4];
    for (int c : counters) {
      int[] words = new int[4 * blocks];
      int done = AutoVectorPhilox.fill(c, ~c, c * 31, 0xa4093822 ^ c, -c, words, blocks);
      // Whole chunks of 64 while 40 or more blocks remain; the rest is left to the pairs.
      int rest = blocks % 64;
      assertThat(done).isEqualTo(rest >= 40 ? blocks : blocks - rest);
      for (int j = 0; j < 4 * done; j++) {
        Philox4x32.block(c, ~c, j >>> 2, c * 31, 0xa4093822 ^ c, -c, block, 0);
        assertThat(words[j]).as("counter %d word %d", c, j).isEqualTo(block[j & 3]);
      }
    }
  }
}
