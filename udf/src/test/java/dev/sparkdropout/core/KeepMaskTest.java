package dev.sparkdropout.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkdropout.core.engine.Philox4x32;
import org.junit.jupiter.api.Test;

class KeepMaskTest {

  @Test
  void thresholdIsFloorOfRateTimesTwoToThe32() {
    assertThat(KeepMask.threshold(0.0)).isZero();
    assertThat(KeepMask.threshold(0.5)).isEqualTo(1L << 31);
    assertThat(KeepMask.threshold(0.3)).isEqualTo(1288490188L); // 0.3 * 2^32 = 1288490188.8
    assertThat(KeepMask.threshold(Math.nextDown(1.0))).isEqualTo(0xFFFFFFFFL);
  }

  @Test
  void keepsExactlyTheWordsAtOrAboveTheThresholdReadUnsigned() {
    long seed = 0x299f31d0a4093822L;
    long stream = 0x85a308d3243f6a88L;
    int copy = 3;
    int size = 1001;
    int[] words = new int[1004];
    for (int block = 0; block < words.length / 4; block++) {
      Philox4x32.block((int) stream, (int) (stream >>> 32), block, copy, (int) seed,
          (int) (seed >>> 32), words, 4 * block);
    }
    // Word 2 makes one element sit exactly on the threshold.
    long threshold = Integer.toUnsignedLong(words[2]);
    // Blocks in pairs, part of a chunk, whole chunks and a partial block after them.
    for (int n : new int[] {3, 7, 30, 33, 100, 256, size}) {
      byte[] keep = KeepMask.generate(seed, stream, copy, threshold, n);
      assertThat(keep).hasSize(n);
      for (int j = 0; j < n; j++) {
        boolean expected = Integer.compareUnsigned(words[j], (int) threshold) >= 0;
        assertThat(keep[j] == 1).as("decision %d of %d", j, n).isEqualTo(expected);
      }
      assertThat(keep[2]).isEqualTo((byte) 1);
    }
  }

  @Test
  void decisionsAtIndicesAreTheRowsDecisionsThere() {
    long seed = -7;
    long stream = 0x123456789L;
    long threshold = KeepMask.threshold(0.5);
    byte[] row = KeepMask.generate(seed, stream, 2, threshold, 300);
    // Ascending with runs in one block, then out of order and repeated: each gives its own.
    int[] indices = {0, 1, 3, 4, 7, 64, 65, 66, 67, 299, 5, 2, 299, 0, 0};
    byte[] keep = KeepMask.at(seed, stream, 2, threshold, indices);
    assertThat(keep).hasSize(indices.length);
    for (int k = 0; k < indices.length; k++) {
      assertThat(keep[k]).as("index %d", indices[k]).isEqualTo(row[indices[k]]);
    }
    assertThat(KeepMask.at(seed, stream, 2, threshold, new int[0])).isEmpty();
  }

  @Test
  void decisionsAtTheLargestIndicesUseTheirOwnBlocks() {
    long seed = 0x299f31d0a4093822L;
    long stream = -2;
    long threshold = 0x9000_0000L;
    int[] indices = {Integer.MAX_VALUE - 5, Integer.MAX_VALUE - 1, Integer.MAX_VALUE};
    byte[] keep = KeepMask.at(seed, stream, 1, threshold, indices);
    int[] words = new int[4];
    for (int k = 0; k < indices.length; k++) {
      int j = indices[k];
      Philox4x32.block((int) stream, (int) (stream >>> 32), j >>> 2, 1, (int) seed,
          (int) (seed >>> 32), words, 0);
      boolean kept = Integer.toUnsignedLong(words[j & 3]) >= threshold;
      assertThat(keep[k] == 1).as("index %d", j).isEqualTo(kept);
    }
  }

  @Test
  void rateZeroKeepsEverything() {
    byte[] keep = KeepMask.generate(42, 7, 0, KeepMask.threshold(0.0), 4096);
    for (byte k : keep) {
      assertThat(k).isEqualTo((byte) 1);
    }
  }

  @Test
  void copiesUseTheFourthCounterWord() {
    long threshold = KeepMask.threshold(0.5);
    byte[] copy0 = KeepMask.generate(42, 7, 0, threshold, 256);
    byte[] copy1 = KeepMask.generate(42, 7, 1, threshold, 256);
    assertThat(copy0).isNotEqualTo(copy1);
    assertThat(KeepMask.generate(42, 7, 1, threshold, 256)).isEqualTo(copy1);
  }

  @Test
  void keptFractionIsOneMinusRate() {
    byte[] keep = KeepMask.generate(1, 2, 0, KeepMask.threshold(0.3), 200_000);
    int kept = 0;
    for (byte k : keep) {
      kept += k;
    }
    // 5 standard deviations of a binomial(200000, 0.7) proportion is about 0.005.
    assertThat(kept / 200_000.0).isCloseTo(0.7, org.assertj.core.data.Offset.offset(0.005));
  }
}
