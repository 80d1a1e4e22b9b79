package dev.sparkdropout.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.sparkdropout.core.engine.LittleEndianValues;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class DropoutSpecTest {

  private static final byte[] WOLFRAM_ALPHA_MASK = {1, 1, 0, 1, 0, 0, 0};

  /** 004_7ba7ee341b07fb51.txt: alpha dropout at 0.5 of {1..7}, printed to six digits. */
  @Test
  void alphaDropoutReproducesTheWolframExample() {
    double[] x = {1, 2, 3, 4, 5, 6, 7};
    DropoutSpec.of(DropoutMethod.ALPHA_DROPOUT, 0.5, 0, null).apply(x, WOLFRAM_ALPHA_MASK, null);
    double[] wolfram = {1.6656, 2.552, -0.779194, 4.32481, -0.779194, -0.779194, -0.779194};
    for (int i = 0; i < x.length; i++) {
      assertThat(x[i]).as("element %d", i).isCloseTo(wolfram[i], offset(5e-6 * Math.abs(x[i])));
    }
    assertThat(x[2]).isEqualTo(-0.7791939305180317);
  }

  /** 004_7ba7ee341b07fb51.txt: DropoutLayer[] with its BinaryMask output {1,1,0,1,1,0,1,1,0,1}. */
  @Test
  void dropoutReproducesTheWolframMaskExample() {
    double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    byte[] mask = {1, 1, 0, 1, 1, 0, 1, 1, 0, 1};
    DropoutSpec.of(DropoutMethod.DROPOUT, 0.5, 0, null).apply(x, mask, null);
    assertThat(x).containsExactly(2, 4, 0, 8, 10, 0, 14, 16, 0, 20);
  }

  @Test
  void floatDropoutCastsTheDoubleScaleOnceAndMultipliesInFloat() {
    float[] x = {1.1f, 3.3f};
    DropoutSpec.of(DropoutMethod.DROPOUT, 0.3, 0, null).apply(x, new byte[] {1, 1}, null);
    float scale = (float) (1.0 / (1.0 - 0.3));
    assertThat(x).containsExactly(1.1f * scale, 3.3f * scale);
  }

  @Test
  void floatAlphaDropoutUsesFloatCoefficientsAndTheDroppedValueCastOnce() {
    float[] x = {0.25f, 0.25f};
    DropoutSpec.of(DropoutMethod.ALPHA_DROPOUT, 0.2, 0, null).apply(x, new byte[] {1, 0}, null);
    float a = (float) AlphaDropout.a(0.2);
    float b = (float) AlphaDropout.b(0.2);
    assertThat(x[0]).isEqualTo(a * 0.25f + b);
    assertThat(x[1]).isEqualTo((float) -1.2361598485763778);
  }

  @Test
  void droppedElementsArePositiveZeroWhateverTheInput() {
    double[] x = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, -5};
    DropoutSpec.of(DropoutMethod.DROPOUT, 0.5, 0, null).apply(x, new byte[5], null);
    for (double v : x) {
      assertThat(Double.doubleToRawLongBits(v)).isZero();
    }
  }

  @Test
  void keptSpecialValuesFollowIeeeArithmetic() {
    float[] x = {Float.NaN, Float.POSITIVE_INFINITY, -0.0f, Float.NEGATIVE_INFINITY};
    DropoutSpec.of(DropoutMethod.DROPOUT, 0.5, 0, null).apply(x, new byte[] {1, 1, 1, 1}, null);
    assertThat(x[0]).isNaN();
    assertThat(x[1]).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(Float.floatToRawIntBits(x[2])).isEqualTo(Float.floatToRawIntBits(-0.0f));
    assertThat(x[3]).isEqualTo(Float.NEGATIVE_INFINITY);
  }

  @Test
  void rateZeroLeavesEveryBitAlone() {
    float payloadNaN = Float.intBitsToFloat(0x7fc00123);
    float[] x = {payloadNaN, -0.0f, 1.5f};
    float[] before = x.clone();
    DropoutSpec.of(DropoutMethod.ALPHA_DROPOUT, 0.0, 9, null).apply(x, 1L, 0);
    for (int i = 0; i < x.length; i++) {
      assertThat(Float.floatToRawIntBits(x[i])).isEqualTo(Float.floatToRawIntBits(before[i]));
    }
  }

  @Test
  void littleEndianBytesGiveTheBitsOfJavaArrays() {
    // The kernels' byte form and the float[]/double[] form, with and without a noise shape,
    // into another array at an offset and in place.
    Random random = new Random(3);
    for (NoiseShape shape : new NoiseShape[] {null, NoiseShape.of(1)}) {
      for (DropoutMethod method : DropoutMethod.values()) {
        if (method == DropoutMethod.SPATIAL_DROPOUT) {
          continue; // dropout with a noise shape of rank 2 or more
        }
        DropoutSpec spec = DropoutSpec.of(method, 0.3, 11, shape);
        float[] floats = new float[53];
        double[] doubles = new double[53];
        for (int i = 0; i < floats.length; i++) {
          floats[i] = (float) random.nextGaussian();
          doubles[i] = random.nextGaussian();
        }
        byte[] floatBytes = LittleEndianValues.of(floats);
        byte[] doubleBytes = LittleEndianValues.of(doubles);
        byte[] floatOut = new byte[5 + floatBytes.length];
        spec.applyFloats(floatBytes, 0, floatOut, 5, floats.length, 77L, 2);
        spec.applyDoubles(doubleBytes, 0, doubleBytes, 0, doubles.length, 77L, 2);
        spec.apply(floats, 77L, 2);
        spec.apply(doubles, 77L, 2);
        float[] floatsFromBytes = new float[floats.length];
        double[] doublesFromBytes = new double[doubles.length];
        LittleEndianValues.get(floatOut, 5, floatsFromBytes);
        LittleEndianValues.get(doubleBytes, 0, doublesFromBytes);
        assertThat(floatsFromBytes).as("%s %s", method, shape).containsExactly(floats);
        assertThat(doublesFromBytes).as("%s %s", method, shape).containsExactly(doubles);
      }
    }
  }

  @Test
  void noiseIndexSharesDecisions() {
    // A 2x3 row with noise_shape (1, -1): both rows of the tensor use decisions 0..2.
    DropoutSpec spec = DropoutSpec.of(DropoutMethod.DROPOUT, 0.5, 0, NoiseShape.of(1, -1));
    NoiseLayout layout = spec.layout(2, 3);
    float[] x = {1, 2, 3, 4, 5, 6};
    spec.apply(x, new byte[] {1, 0, 1}, layout.index());
    assertThat(x).containsExactly(2, 0, 6, 8, 0, 12);
  }

  @Test
  void decisionsAtPositionsAreThoseOfTheWholeRow() {
    int size = 40;
    int[] positions = {0, 2, 3, 17, 18, 39};
    for (NoiseShape shape : new NoiseShape[] {null, NoiseShape.of(-1), NoiseShape.of(1),
        NoiseShape.of(size)}) {
      DropoutSpec spec = DropoutSpec.of(DropoutMethod.DROPOUT, 0.5, 5, shape);
      NoiseLayout layout = spec.layout(size);
      byte[] row = spec.keepMask(9L, 1, layout.noiseSize());
      byte[] keep = spec.keepAt(9L, 1, size, positions);
      for (int k = 0; k < positions.length; k++) {
        int p = positions[k];
        int j = layout.index() == null ? p : layout.index()[p];
        assertThat(keep[k]).as("%s at %d", shape, p).isEqualTo(row[j]);
      }
    }
  }

  @Test
  void decisionsAtPositionsOfTheLargestRowNeedNoArrayOfItsSize() {
    int[] positions = {5, 6, Integer.MAX_VALUE - 1};
    long threshold = KeepMask.threshold(0.5);
    byte[] decisionZero = KeepMask.generate(5, 3L, 0, threshold, 1);
    DropoutSpec shared = DropoutSpec.of(DropoutMethod.DROPOUT, 0.5, 5, NoiseShape.of(1));
    assertThat(shared.keepAt(3L, 0, Integer.MAX_VALUE, positions))
        .containsExactly(decisionZero[0], decisionZero[0], decisionZero[0]);
    // KeepMaskTest checks the decisions at indices against the Philox blocks.
    byte[] ownIndices = KeepMask.at(5, 3L, 0, threshold, positions);
    for (NoiseShape shape : new NoiseShape[] {null, NoiseShape.of(-1)}) {
      DropoutSpec spec = DropoutSpec.of(DropoutMethod.DROPOUT, 0.5, 5, shape);
      assertThat(spec.keepAt(3L, 0, Integer.MAX_VALUE, positions)).isEqualTo(ownIndices);
    }
  }

  @Test
  void decisionsAtPositionsNeedTheNoiseShapesSize() {
    DropoutSpec spec = DropoutSpec.of(DropoutMethod.DROPOUT, 0.5, 5, NoiseShape.of(4));
    assertThatThrownBy(() -> spec.keepAt(3L, 0, 5, new int[] {1}))
        .isInstanceOf(NoiseShapeException.class)
        .hasMessage("noise_shape (4) expects size 4 on axis 1, but the row has size 5");
  }

  @ParameterizedTest
  @ValueSource(doubles = {1.5, -0.1, Double.NaN, Double.POSITIVE_INFINITY})
  void rejectsRatesOutsideZeroToOne(double rate) {
    assertThatThrownBy(() -> DropoutSpec.of(DropoutMethod.DROPOUT, rate, 0, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("rate must be a number in [0, 1], got ");
    assertThatThrownBy(() -> DropoutSpec.of(DropoutMethod.GAUSSIAN_NOISE, rate > 0 ? -rate : rate, 0, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("stddev must be a finite number >= 0, got ");
  }

  @ParameterizedTest
  @EnumSource(value = DropoutMethod.class, names = {"ALPHA_DROPOUT", "GAUSSIAN_DROPOUT"})
  void rateOneIsOnlyForMethodsThatDrop(DropoutMethod method) {
    assertThatThrownBy(() -> DropoutSpec.of(method, 1.0, 0, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rate must be a number in [0, 1), got 1.0");
  }

  @Test
  void rateOneDropsEveryElementOnEveryPath() {
    DropoutSpec spec = DropoutSpec.of(DropoutMethod.DROPOUT, 1.0, 5, null);
    double[] x = {1.0, Double.NaN, -0.0, Double.NEGATIVE_INFINITY, 3.5};
    spec.apply(x, 7L, 0);
    assertThat(x).containsExactly(0.0, 0.0, 0.0, 0.0, 0.0);
    for (double value : x) {
      assertThat(Double.doubleToRawLongBits(value)).isZero(); // +0.0, never -0.0
    }
    float[] f = {2f, -1f, 4f};
    DropoutSpec.of(DropoutMethod.SPATIAL_DROPOUT, 1.0, 5, NoiseShape.of(1)).apply(f, 7L, 0);
    assertThat(f).containsExactly(0f, 0f, 0f);
    assertThat(spec.keepMask(7L, 0, 9)).containsOnly(0);
    assertThat(spec.keepAt(7L, 0, 100, new int[] {3, 50, 99})).containsOnly(0);
    byte[] mask = new byte[12];
    java.util.Arrays.fill(mask, (byte) 7);
    spec.writeMask(NoiseLayout.independent(10), 7L, 0, mask, 1);
    assertThat(mask).containsExactly(7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7);
  }

  @Test
  void alphaDropoutKeepsMeanZeroAndVarianceOneOnStandardNormalData() {
    double[] x = standardNormal(200_000);
    DropoutSpec.of(DropoutMethod.ALPHA_DROPOUT, 0.5, 11, null).apply(x, 3L, 0);
    assertThat(mean(x)).isCloseTo(0.0, offset(0.01));
    assertThat(variance(x)).isCloseTo(1.0, offset(0.02));
  }

  @Test
  void dropoutAtHalfDoublesTheVariance() {
    double[] x = standardNormal(200_000);
    DropoutSpec.of(DropoutMethod.DROPOUT, 0.5, 11, null).apply(x, 3L, 0);
    assertThat(mean(x)).isCloseTo(0.0, offset(0.015));
    assertThat(variance(x)).isCloseTo(2.0, offset(0.04));
  }

  @Test
  void describesItselfForExplain() {
    assertThat(DropoutSpec.of(DropoutMethod.ALPHA_DROPOUT, 0.25, -3, NoiseShape.of(1, null)))
        .hasToString("alpha_dropout(rate=0.25, seed=-3, noise_shape=(1, -1))");
  }

  static double[] standardNormal(int n) {
    Random random = new Random(20261122L);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = random.nextGaussian();
    }
    return x;
  }

  static double mean(double[] x) {
    double sum = 0;
    for (double v : x) {
      sum += v;
    }
    return sum / x.length;
  }

  static double variance(double[] x) {
    double m = mean(x);
    double sum = 0;
    for (double v : x) {
      sum += (v - m) * (v - m);
    }
    return sum / (x.length - 1);
  }
}
