package dev.sparkdropout.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Vector API loops give, element for element, the bits of the keep rule and arithmetic of
 * SPEC section 1, computed here one element at a time: words on both sides of the threshold
 * and at it, special values, every rate's extreme thresholds.
 */
class VectorTransformsTest {

  private static final long[] THRESHOLDS = {0L, 1L, KeepMask.threshold(0.3), 1L << 31,
      0xFFFFFFFEL, 0xFFFFFFFFL};
  private static final float[] SPECIAL_FLOATS = {Float.NaN, -0.0f, 0.0f,
      Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE};
  private static final double[] SPECIAL_DOUBLES = {Double.NaN, -0.0, 0.0,
      Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE};

  private static int[] words(SplittableRandom random, int n, long threshold) {
    int[] words = new int[n];
    int[] edges = {(int) threshold, (int) threshold - 1, (int) threshold + 1, 0, -1,
        Integer.MIN_VALUE, Integer.MAX_VALUE};
    for (int i = 0; i < n; i++) {
      words[i] = i % 3 == 0 ? edges[i / 3 % edges.length] : random.nextInt();
    }
    return words;
  }

  private static boolean kept(int word, long threshold) {
    return Integer.toUnsignedLong(word) >= threshold;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 7, 16, 37, 256})
  void floatLoopsMatchTheRule(int n) {
    SplittableRandom random = new SplittableRandom(n);
    for (long threshold : THRESHOLDS) {
      int[] words = words(random, n, threshold);
      float[] x = new float[n];
      for (int i = 0; i < n; i++) {
        x[i] = i < SPECIAL_FLOATS.length ? SPECIAL_FLOATS[i] : (float) random.nextGaussian();
      }
      float[] scaled = x.clone();
      float[] affine = x.clone();
      int done = VectorTransforms.scale(scaled, words, threshold, 1.4285715f);
      assertThat(VectorTransforms.affine(affine, words, threshold, 0.8f, 0.3f, -1.2f))
          .isEqualTo(done).isEqualTo(n / 16 * 16);
      for (int i = 0; i < done; i++) {
        boolean keep = kept(words[i], threshold);
        assertThat(Float.floatToRawIntBits(scaled[i])).as("scale %d", i)
            .isEqualTo(Float.floatToRawIntBits(keep ? x[i] * 1.4285715f : 0.0f));
        assertThat(Float.floatToRawIntBits(affine[i])).as("affine %d", i)
            .isEqualTo(Float.floatToRawIntBits(keep ? 0.8f * x[i] + 0.3f : -1.2f));
      }
      for (int i = done; i < n; i++) {
        assertThat(Float.floatToRawIntBits(scaled[i])).as("untouched %d", i)
            .isEqualTo(Float.floatToRawIntBits(x[i]));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 7, 8, 37, 256})
  void doubleLoopsMatchTheRule(int n) {
    SplittableRandom random = new SplittableRandom(n);
    for (long threshold : THRESHOLDS) {
      int[] words = words(random, n, threshold);
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = i < SPECIAL_DOUBLES.length ? SPECIAL_DOUBLES[i] : random.nextGaussian();
      }
      double[] scaled = x.clone();
      double[] affine = x.clone();
      int done = VectorTransforms.scale(scaled, words, threshold, 1 / 0.7);
      assertThat(VectorTransforms.affine(affine, words, threshold, 0.8, 0.3, -1.2))
          .isEqualTo(done).isEqualTo(n / 8 * 8);
      for (int i = 0; i < done; i++) {
        boolean keep = kept(words[i], threshold);
        assertThat(Double.doubleToRawLongBits(scaled[i])).as("scale %d", i)
            .isEqualTo(Double.doubleToRawLongBits(keep ? x[i] * (1 / 0.7) : 0.0));
        assertThat(Double.doubleToRawLongBits(affine[i])).as("affine %d", i)
            .isEqualTo(Double.doubleToRawLongBits(keep ? 0.8 * x[i] + 0.3 : -1.2));
      }
      for (int i = done; i < n; i++) {
        assertThat(Double.doubleToRawLongBits(scaled[i])).as("untouched %d", i)
            .isEqualTo(Double.doubleToRawLongBits(x[i]));
      }
    }
  }
}
