package dev.sparkdropout.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Philox4x32Test {

  /**
   * The known answers of docs/SPEC.md §4, which are the Philox4x32-10 test vectors published with
   * the Random123 library (kat_vectors): counter, key, expected output.
   */
  static Stream<Arguments> knownAnswers() {
    return Stream.of(
        Arguments.of(new int[] {0, 0, 0, 0}, new int[] {0, 0},
            new int[] {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}),
        Arguments.of(new int[] {-1, -1, -1, -1}, new int[] {-1, -1},
            new int[] {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}),
        Arguments.of(new int[] {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344},
            new int[] {0xa4093822, 0x299f31d0},
            new int[] {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}));
  }

  @ParameterizedTest
  @MethodSource("knownAnswers")
  void blockMatchesPublishedKnownAnswers(int[] counter, int[] key, int[] expected) {
    int[] out = new int[4];
    Philox4x32.block(counter[0], counter[1], counter[2], counter[3], key[0], key[1], out, 0);
    assertThat(out).containsExactly(expected);
  }

  @Test
  void blockWritesAtTheOffset() {
    int[] out = new int[6];
    Philox4x32.block(0, 0, 0, 0, 0, 0, out, 2);
    assertThat(out).containsExactly(0, 0, 0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8);
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      ints = {0, 1, 4, 5, 8, 10, 16, 17, 70, 160, 256, 300, 420})
  void fillEqualsOneBlockAtATime(int count) {
    int[] words = new int[(count + 3) & -4];
    Engines.engine().fill(0x243f6a88, 0x85a308d3, 0x03707344, 0xa4093822, 0x299f31d0, words, count);
    int[] block = new int[4];
    for (int j = 0; j < count; j++) {
      Philox4x32.block(0x243f6a88, 0x85a308d3, j >>> 2, 0x03707344, 0xa4093822, 0x299f31d0,
          block, 0);
      assertThat(words[j]).as("word %d of %d", j, count).isEqualTo(block[j & 3]);
    }
  }

  @Test
  void everyCounterWordAndKeyWordChangesEveryOutputWord() {
    int[] base = new int[4];
    Philox4x32.block(0, 0, 0, 0, 0, 0, base, 0);
    for (int input = 0; input < 6; input++) {
      int[] in = new int[6];
      in[input] = 1;
      int[] out = new int[4];
      Philox4x32.block(in[0], in[1], in[2], in[3], in[4], in[5], out, 0);
      for (int w = 0; w < 4; w++) {
        assertThat(out[w]).as("input word %d, output word %d", input, w).isNotEqualTo(base[w]);
      }
    }
  }
}
