package dev.sparkdropout.core.engine.vector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkdropout.core.engine.Cpu;
import dev.sparkdropout.core.engine.EngineChoice;
import dev.sparkdropout.core.engine.Engines;
import dev.sparkdropout.core.engine.Philox4x32;
import org.junit.jupiter.api.Test;

/**
 * The Vector API path gives the scalar block's bits, in whatever vector shape the CPU has (it
 * runs, slowly, on any CPU); the build runs it with AVX-512 and again with AVX2 only. The engine
 * uses it only where it pays.
 */
class VectorPhiloxTest {

  @Test
  void stepsOfBlocksEqualOneBlockAtATime() {
    // Keys that wrap as the schedule adds to them; counters whose rounds 0 and 1 the step
    // computes once for all its lanes.
    int[] counters = {0, 1, -1, 0x243f6a88, 0x85a308d3};
    int[] block = new int[4];
    for (int c : counters) {
      // Room for three steps and a half: three are written, the rest is left to scalar code.
      int[] words = new int[3 * VectorPhilox.WORDS + VectorPhilox.WORDS / 2];
      int done = VectorPhilox.fill(c, ~c, c * 31, 0xa4093822 ^ c, -c, words,
          3 * VectorPhilox.BLOCKS + 5);
      assertThat(done).isEqualTo(3 * VectorPhilox.BLOCKS);
      for (int j = 0; j < 4 * done; j++) {
        Philox4x32.block(c, ~c, j >>> 2, c * 31, 0xa4093822 ^ c, -c, block, 0);
        assertThat(words[j]).as("counter %d word %d", c, j).isEqualTo(block[j & 3]);
      }
    }
  }

  @Test
  void fillsAWholeLastStepWhenTheArrayHasRoom() {
    int[] words = new int[VectorPhilox.WORDS * 2];
    int blocks = VectorPhilox.BLOCKS + 5;
    assertThat(VectorPhilox.fill(7, 8, 9, 10, 11, words, blocks)).isEqualTo(blocks);
    int[] block = new int[4];
    for (int j = 0; j < words.length; j++) {
      Philox4x32.block(7, 8, j >>> 2, 9, 10, 11, block, 0);
      assertThat(words[j]).as("word %d", j).isEqualTo(block[j & 3]);
    }
  }

  @Test
  void theVectorPathRunsWhereItPaysUnlessTurnedOff() {
    // Surefire adds the module; where C2 has no 512-bit vectors the plain Java path runs instead.
    // A second surefire run turns the Vector API off, so that path is tested.
    boolean off = "false".equals(System.getProperty("spark.dropout.vector"));
    EngineChoice expected = off ? EngineChoice.PLAIN_JAVA_TURNED_OFF
        : VectorPhilox.fast() ? EngineChoice.VECTOR_API : EngineChoice.PLAIN_JAVA_NO_WIDE_VECTORS;
    assertThat(Engines.choice()).isEqualTo(expected);
    assertThat(Engines.engine() instanceof VectorEngine)
        .isEqualTo(expected == EngineChoice.VECTOR_API);
    // What a JVM without the module is told agrees with what this one, which has it, finds.
    assertThat(Cpu.wideVectors()).isEqualTo(VectorPhilox.fast());
    // The avx2 run (-XX:UseAVX=2) has 256-bit vectors, where plain Java is the faster path.
    Integer asked = Integer.getInteger("spark.dropout.test.vectorBits");
    if (asked != null && Cpu.x86()) {
      assertThat(VectorPhilox.SHAPE.vectorBitSize()).isEqualTo(asked);
      assertThat(Engines.choice()).isNotEqualTo(EngineChoice.VECTOR_API);
    }
  }
}
