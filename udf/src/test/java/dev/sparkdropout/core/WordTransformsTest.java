package dev.sparkdropout.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The word loops give, element for element, the bits of the keep rule and arithmetic of SPEC
 * section 1, computed here one element at a time: words on both sides of the threshold and at
 * it, special values, every rate's extreme thresholds, values at odd offsets of their byte
 * arrays, in place and into another array. {@link WordTransforms} is checked on whichever path
 * this JVM takes (surefire runs the tests with and without the Vector API), and
 * {@link VectorWordTransforms} directly.
 */
class WordTransformsTest {

  private static final long[] THRESHOLDS = {0L, 1L, KeepMask.threshold(0.3), 1L << 31,
      0xFFFFFFFEL, 0xFFFFFFFFL};
  private static final float[] SPECIAL_FLOATS = {Float.NaN, -0.0f, 0.0f,
      Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE};
  private static final double[] SPECIAL_DOUBLES = {Double.NaN, -0.0, 0.0,
      Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE};
  private static final int IN_OFFSET = 3;
  private static final int OUT_OFFSET = 13;

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

  private static byte[] floatBytes(float[] x) {
    byte[] bytes = new byte[IN_OFFSET + x.length * Float.BYTES];
    LittleEndianValues.put(x, bytes, IN_OFFSET);
    return bytes;
  }

  private static float[] floatsAt(byte[] bytes, int offset, int n) {
    float[] values = new float[n];
    LittleEndianValues.get(bytes, offset, values);
    return values;
  }

  private static byte[] doubleBytes(double[] x) {
    byte[] bytes = new byte[IN_OFFSET + x.length * Double.BYTES];
    LittleEndianValues.put(x, bytes, IN_OFFSET);
    return bytes;
  }

  private static double[] doublesAt(byte[] bytes, int offset, int n) {
    double[] values = new double[n];
    LittleEndianValues.get(bytes, offset, values);
    return values;
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
      byte[] in = floatBytes(x);
      byte[] scaled = new byte[OUT_OFFSET + n * Float.BYTES];
      WordTransforms.scaleFloats(in, IN_OFFSET, scaled, OUT_OFFSET, n, words, threshold,
          1.4285715f);
      byte[] affine = in.clone();
      WordTransforms.affineFloats(affine, IN_OFFSET, affine, IN_OFFSET, n, words, threshold,
          0.8f, 0.3f, -1.2f);
      byte[] vectorScaled = in.clone();
      int done = VectorWordTransforms.scaleFloats(in, IN_OFFSET, vectorScaled, IN_OFFSET, n,
          words, threshold, 1.4285715f);
      int width = VectorPhilox.SHAPE.vectorBitSize() / Float.SIZE;
      assertThat(done).isEqualTo(n / width * width);
      float[] scaledValues = floatsAt(scaled, OUT_OFFSET, n);
      float[] affineValues = floatsAt(affine, IN_OFFSET, n);
      float[] vectorValues = floatsAt(vectorScaled, IN_OFFSET, n);
      for (int i = 0; i < n; i++) {
        boolean keep = kept(words[i], threshold);
        int expected = Float.floatToRawIntBits(keep ? x[i] * 1.4285715f : 0.0f);
        assertThat(Float.floatToRawIntBits(scaledValues[i])).as("scale %d", i)
            .isEqualTo(expected);
        assertThat(Float.floatToRawIntBits(affineValues[i])).as("affine %d", i)
            .isEqualTo(Float.floatToRawIntBits(keep ? 0.8f * x[i] + 0.3f : -1.2f));
        assertThat(Float.floatToRawIntBits(vectorValues[i])).as("vector %d", i)
            .isEqualTo(i < done ? expected : Float.floatToRawIntBits(x[i]));
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
      byte[] in = doubleBytes(x);
      byte[] scaled = new byte[OUT_OFFSET + n * Double.BYTES];
      WordTransforms.scaleDoubles(in, IN_OFFSET, scaled, OUT_OFFSET, n, words, threshold,
          1 / 0.7);
      byte[] affine = in.clone();
      WordTransforms.affineDoubles(affine, IN_OFFSET, affine, IN_OFFSET, n, words, threshold,
          0.8, 0.3, -1.2);
      byte[] vectorAffine = in.clone();
      int done = VectorWordTransforms.affineDoubles(in, IN_OFFSET, vectorAffine, IN_OFFSET, n,
          words, threshold, 0.8, 0.3, -1.2);
      int width = VectorPhilox.SHAPE.vectorBitSize() / Double.SIZE;
      assertThat(done).isEqualTo(n / width * width);
      double[] scaledValues = doublesAt(scaled, OUT_OFFSET, n);
      double[] affineValues = doublesAt(affine, IN_OFFSET, n);
      double[] vectorValues = doublesAt(vectorAffine, IN_OFFSET, n);
      for (int i = 0; i < n; i++) {
        boolean keep = kept(words[i], threshold);
        long expectedAffine = Double.doubleToRawLongBits(keep ? 0.8 * x[i] + 0.3 : -1.2);
        assertThat(Double.doubleToRawLongBits(scaledValues[i])).as("scale %d", i)
            .isEqualTo(Double.doubleToRawLongBits(keep ? x[i] * (1 / 0.7) : 0.0));
        assertThat(Double.doubleToRawLongBits(affineValues[i])).as("affine %d", i)
            .isEqualTo(expectedAffine);
        assertThat(Double.doubleToRawLongBits(vectorValues[i])).as("vector %d", i)
            .isEqualTo(i < done ? expectedAffine : Double.doubleToRawLongBits(x[i]));
      }
    }
  }
}
