package dev.sparkdropout.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each form of the keep rule agrees with the comparison at the edges of words and thresholds. */
class KeepRuleTest {

  @Test
  void theRuleInEachFormAtTheEdgesOfWordsAndThresholds() {
    long[] thresholds = {0, 1, 1L << 31, 1288490188L, 0xFFFFFFFEL, 0xFFFFFFFFL};
    for (long threshold : thresholds) {
      long[] words = {0, 1, threshold - 1, threshold, threshold + 1, 1L << 31, 0xFFFFFFFFL};
      for (long word0 : words) {
        for (long word1 : words) {
          if (word0 < 0 || word0 > 0xFFFFFFFFL || word1 < 0 || word1 > 0xFFFFFFFFL) {
            continue;
          }
          long drop0 = word0 < threshold ? -1L : 0L;
          long drop1 = word1 < threshold ? -1L : 0L;
          assertThat(KeepRule.dropMask(word0, threshold)).isEqualTo(drop0);
          assertThat(KeepRule.keep(word0, threshold)).isEqualTo(1 + drop0);
          assertThat(KeepRule.dropPair(word0, word1, threshold))
              .isEqualTo(drop0 & 0xFFFFFFFFL | drop1 << 32);
          assertThat(KeepRule.keepQuad(word0, word1, word1, word0, threshold))
              .isEqualTo((1 + drop0) | (1 + drop1) << 8 | (1 + drop1) << 16 | (1 + drop0) << 24);
        }
      }
    }
  }
}
