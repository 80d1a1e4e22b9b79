package dev.sparkdropout.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Vector API path gives the scalar block's bits (it runs, slowly, even without 512-bit CPUs). */
class VectorPhiloxTest {

  @Test
  void sixteenBlocksAtOnceEqualOneBlockAtATime() {
    int[] counters = {0, 1, -1, 0x243f6a88, 0x85a308d3};
    int[] block = new int[4];
    for (int c : counters) {
      int[] words = new int[4 * 24];
      int done = VectorPhilox.fill(c, ~c, c * 31, 0xa4093822 ^ c, 0x299f31d0, words, 21);
      assertThat(done).isEqualTo(16);
      for (int j = 0; j < 4 * done; j++) {
        Philox4x32.block(c, ~c, j >>> 2, c * 31, 0xa4093822 ^ c, 0x299f31d0, block, 0);
        assertThat(words[j]).as("counter %d word %d", c, j).isEqualTo(block[j & 3]);
      }
    }
  }

  @Test
  void fillsAWholeLastStepWhenTheArrayHasRoom() {
    int[] words = new int[VectorPhilox.WORDS * 2];
    assertThat(VectorPhilox.fill(7, 8, 9, 10, 11, words, 21)).isEqualTo(21);
    int[] block = new int[4];
    for (int j = 0; j < words.length; j++) {
      Philox4x32.block(7, 8, j >>> 2, 9, 10, 11, block, 0);
      assertThat(words[j]).as("word %d", j).isEqualTo(block[j & 3]);
    }
  }

  @Test
  void theVectorPathRunsUnlessTurnedOff() {
    // Surefire adds the module; where the CPU lacks 512-bit vectors the scalar path runs instead.
    // A second surefire run turns the Vector API off, so the scalar path is tested too.
    boolean off = "false".equals(System.getProperty("spark.dropout.vector"));
    PhiloxEngine expected = off ? PhiloxEngine.SCALAR_TURNED_OFF
        : VectorPhilox.fast() ? PhiloxEngine.VECTOR_API : PhiloxEngine.SCALAR_NO_512_BIT_VECTORS;
    assertThat(Philox4x32.engine()).isEqualTo(expected);
    assertThat(Philox4x32.vectorized()).isEqualTo(expected == PhiloxEngine.VECTOR_API);
  }
}
