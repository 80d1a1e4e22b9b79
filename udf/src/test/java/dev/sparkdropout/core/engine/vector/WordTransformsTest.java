package dev.sparkdropout.core.engine.vector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkdropout.core.KeepMask;
import dev.sparkdropout.core.engine.Engines;
import dev.sparkdropout.core.engine.LittleEndianValues;
import dev.sparkdropout.core.engine.Philox4x32;
import dev.sparkdropout.core.engine.PhiloxEngine;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The word loops give, element for element, the bits of the keep rule and arithmetic of
 * docs/SPEC.md §1, computed here one element at a time: words on both sides of the threshold and
 * at it, special values, every rate's extreme thresholds, values at odd offsets of their byte
 * arrays, in place and into another array. {@link VectorWordTransforms} is checked directly on
 * given words, rows shorter than a vector and with a tail past the last whole vector;
 * this JVM's engine on whole rows with their own Philox words, on whichever path this JVM
 * takes (surefire runs the tests with and without the Vector API): short rows, across chunk
 * ends, and with vector tails.
 */
class WordTransformsTest {

  private static final PhiloxEngine ENGINE = Engines.engine();
  private static final long[] THRESHOLDS = {0L, 1L, KeepMask.threshold(0.3), 1L << 31,
      0xFFFFFFFEL, 0xFFFFFFFFL};
  private static final float[] SPECIAL_FLOATS = {Float.NaN, -0.0f, 0.0f,
      Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE};
  private static final double[] SPECIAL_DOUBLES = {Double.NaN, -0.0, 0.0,
      Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE};
  private static final int IN_OFFSET = 3;
  private static final int OUT_OFFSET = 13;
  private static final int COPY = 2;

  private static int[] words(SplittableRandom random, int n, long threshold) {
    int[] words = new int[n];
    int[] edges = {(int) threshold, (int) threshold - 1, (int) threshold + 1, 0, -1,
        Integer.MIN_VALUE, Integer.MAX_VALUE};
    for (int i = 0; i < n; i++) {
      words[i] = i % 3 == 0 ? edges[i / 3 % edges.length] : random.nextInt();
    }
    return words;
  }

  /** Word {@code j} of the row's stream, one block at a time. */
  private static int word(long seed, long stream, int j) {
    int[] block = new int[4];
    Philox4x32.block((int) stream, (int) (stream >>> 32), j >>> 2, COPY, (int) seed,
        (int) (seed >>> 32), block, 0);
    return block[j & 3];
  }

  private static boolean kept(int word, long threshold) {
    return Integer.toUnsignedLong(word) >= threshold;
  }

  private static float[] floats(SplittableRandom random, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = i < SPECIAL_FLOATS.length ? SPECIAL_FLOATS[i] : (float) random.nextGaussian();
    }
    return x;
  }

  private static double[] doubles(SplittableRandom random, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i < SPECIAL_DOUBLES.length ? SPECIAL_DOUBLES[i] : random.nextGaussian();
    }
    return x;
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
  void vectorFloatLoopsMatchTheRule(int n) {
    SplittableRandom random = new SplittableRandom(n);
    for (long threshold : THRESHOLDS) {
      int[] words = words(random, n, threshold);
      float[] x = floats(random, n);
      byte[] in = floatBytes(x);
      byte[] scaled = in.clone();
      VectorWordTransforms.affineFloats(in, IN_OFFSET, scaled, IN_OFFSET, n, words, threshold,
          1.4285715f, -0.0f, 0.0f);
      byte[] affine = new byte[OUT_OFFSET + n * Float.BYTES];
      VectorWordTransforms.affineFloats(in, IN_OFFSET, affine, OUT_OFFSET, n, words, threshold,
          0.8f, 0.3f, -1.2f);
      float[] scaledValues = floatsAt(scaled, IN_OFFSET, n);
      float[] affineValues = floatsAt(affine, OUT_OFFSET, n);
      for (int i = 0; i < n; i++) {
        boolean keep = kept(words[i], threshold);
        assertThat(Float.floatToRawIntBits(scaledValues[i])).as("scale %d", i)
            .isEqualTo(Float.floatToRawIntBits(keep ? x[i] * 1.4285715f : 0.0f));
        assertThat(Float.floatToRawIntBits(affineValues[i])).as("affine %d", i)
            .isEqualTo(Float.floatToRawIntBits(keep ? 0.8f * x[i] + 0.3f : -1.2f));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 7, 8, 37, 256})
  void vectorDoubleLoopsMatchTheRule(int n) {
    SplittableRandom random = new SplittableRandom(n);
    for (long threshold : THRESHOLDS) {
      int[] words = words(random, n, threshold);
      double[] x = doubles(random, n);
      byte[] in = doubleBytes(x);
      byte[] scaled = new byte[OUT_OFFSET + n * Double.BYTES];
      VectorWordTransforms.affineDoubles(in, IN_OFFSET, scaled, OUT_OFFSET, n, words, threshold,
          1 / 0.7, -0.0, 0.0);
      byte[] affine = in.clone();
      VectorWordTransforms.affineDoubles(in, IN_OFFSET, affine, IN_OFFSET, n, words, threshold,
          0.8, 0.3, -1.2);
      double[] scaledValues = doublesAt(scaled, OUT_OFFSET, n);
      double[] affineValues = doublesAt(affine, IN_OFFSET, n);
      for (int i = 0; i < n; i++) {
        boolean keep = kept(words[i], threshold);
        assertThat(Double.doubleToRawLongBits(scaledValues[i])).as("scale %d", i)
            .isEqualTo(Double.doubleToRawLongBits(keep ? x[i] * (1 / 0.7) : 0.0));
        assertThat(Double.doubleToRawLongBits(affineValues[i])).as("affine %d", i)
            .isEqualTo(Double.doubleToRawLongBits(keep ? 0.8 * x[i] + 0.3 : -1.2));
      }
    }
  }

  /**
   * The row's fixed thresholds, and its middle word and the value just above it, so that one
   * element sits exactly on the threshold (kept) and then just below it (dropped).
   */
  private static long[] rowThresholds(long seed, long stream, int n) {
    long middle = Integer.toUnsignedLong(word(seed, stream, n / 2));
    long[] thresholds = Arrays.copyOf(THRESHOLDS, THRESHOLDS.length + 2);
    thresholds[THRESHOLDS.length] = middle;
    thresholds[THRESHOLDS.length + 1] = Math.min(middle + 1, 0xFFFFFFFFL);
    return thresholds;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 5, 7, 37, 63, 159, 160, 255, 256, 257, 263, 300, 519, 700})
  void floatRowsUseTheirOwnWordsOnThisJvmsPath(int n) {
    SplittableRandom random = new SplittableRandom(n);
    long seed = random.nextLong();
    long stream = random.nextLong();
    float[] x = floats(random, n);
    for (long threshold : rowThresholds(seed, stream, n)) {
      byte[] scaled = floatBytes(x);
      ENGINE.affineFloats(scaled, IN_OFFSET, scaled, IN_OFFSET, n, seed, stream, COPY,
          threshold, 1.4285715f, -0.0f, 0.0f);
      byte[] affine = new byte[OUT_OFFSET + n * Float.BYTES];
      ENGINE.affineFloats(floatBytes(x), IN_OFFSET, affine, OUT_OFFSET, n, seed, stream,
          COPY, threshold, 0.8f, 0.3f, -1.2f);
      float[] scaledValues = floatsAt(scaled, IN_OFFSET, n);
      float[] affineValues = floatsAt(affine, OUT_OFFSET, n);
      for (int i = 0; i < n; i++) {
        boolean keep = kept(word(seed, stream, i), threshold);
        assertThat(Float.floatToRawIntBits(scaledValues[i])).as("scale %d", i)
            .isEqualTo(Float.floatToRawIntBits(keep ? x[i] * 1.4285715f : 0.0f));
        assertThat(Float.floatToRawIntBits(affineValues[i])).as("affine %d", i)
            .isEqualTo(Float.floatToRawIntBits(keep ? 0.8f * x[i] + 0.3f : -1.2f));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 5, 7, 37, 63, 159, 160, 255, 256, 257, 263, 300, 519, 700})
  void doubleRowsUseTheirOwnWordsOnThisJvmsPath(int n) {
    SplittableRandom random = new SplittableRandom(n);
    long seed = random.nextLong();
    long stream = random.nextLong();
    double[] x = doubles(random, n);
    for (long threshold : rowThresholds(seed, stream, n)) {
      byte[] scaled = new byte[OUT_OFFSET + n * Double.BYTES];
      ENGINE.affineDoubles(doubleBytes(x), IN_OFFSET, scaled, OUT_OFFSET, n, seed, stream,
          COPY, threshold, 1 / 0.7, -0.0, 0.0);
      byte[] affine = doubleBytes(x);
      ENGINE.affineDoubles(affine, IN_OFFSET, affine, IN_OFFSET, n, seed, stream, COPY,
          threshold, 0.8, 0.3, -1.2);
      double[] scaledValues = doublesAt(scaled, OUT_OFFSET, n);
      double[] affineValues = doublesAt(affine, IN_OFFSET, n);
      for (int i = 0; i < n; i++) {
        boolean keep = kept(word(seed, stream, i), threshold);
        assertThat(Double.doubleToRawLongBits(scaledValues[i])).as("scale %d", i)
            .isEqualTo(Double.doubleToRawLongBits(keep ? x[i] * (1 / 0.7) : 0.0));
        assertThat(Double.doubleToRawLongBits(affineValues[i])).as("affine %d", i)
            .isEqualTo(Double.doubleToRawLongBits(keep ? 0.8 * x[i] + 0.3 : -1.2));
      }
    }
  }
}
