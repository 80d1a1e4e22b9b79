package dev.sparkdropout.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link StrictSineCosine} and {@link StrictLog} against {@code StrictMath} itself, bit for bit,
 * on the arguments the normal variates give them ({@code 2 pi * w 2^-32} and
 * {@code (w + 1) 2^-32} for a word {@code w}): every word near each of their branches and a
 * million more at random. The run over all 2^32 words each is in bench/README.md.
 */
class StrictFunctionsTest {

  private static final double TWO_PI = 6.283185307179586;
  private static final long WORDS = 1L << 32;
  private static final int WINDOW = 1 << 15;
  private static final int RANDOM = 1 << 20;

  private static void assertSineCosine(long word) {
    double t = TWO_PI * (word * 0x1p-32);
    double[] out = new double[2];
    StrictSineCosine.of(t, out);
    assertThat(Double.doubleToRawLongBits(out[0])).as("cos(%s)", t)
        .isEqualTo(Double.doubleToRawLongBits(StrictMath.cos(t)));
    assertThat(Double.doubleToRawLongBits(out[1])).as("sin(%s)", t)
        .isEqualTo(Double.doubleToRawLongBits(StrictMath.sin(t)));
  }

  private static void assertLog(long word) {
    double u = (word + 1) * 0x1p-32;
    assertThat(Double.doubleToRawLongBits(StrictLog.of(u))).as("log(%s)", u)
        .isEqualTo(Double.doubleToRawLongBits(StrictMath.log(u)));
  }

  @Test
  void sineAndCosineAreStrictMathsNearEveryMultipleOfAnEighthTurn() {
    // pi/4, 3pi/4 and pi/2's multiples are where the reduction and the quadrant change.
    for (long eighth = 0; eighth <= 8; eighth++) {
      long center = eighth * (WORDS / 8);
      for (long word = Math.max(0, center - WINDOW); word < Math.min(WORDS, center + WINDOW);
          word++) {
        assertSineCosine(word);
      }
    }
  }

  @Test
  void sineAndCosineAreStrictMathsOnRandomAngles() {
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < RANDOM; i++) {
      assertSineCosine(random.nextLong(WORDS));
    }
  }

  @Test
  void logIsStrictMathsNearPowersOfTwoAndTheMantissasBranches() {
    // Powers of two (f = 0 and |f| < 2^-20), and the mantissas where the polynomial's form and
    // the halving at sqrt(2) change, for every exponent u takes.
    long[] mantissas = {0, 0x6147AL << 32, 0x6B851L << 32, 0x6A09EL << 32, 0x95F64L << 32};
    for (int exponent = -32; exponent <= 0; exponent++) {
      for (long mantissa : mantissas) {
        double u = Double.longBitsToDouble(Double.doubleToRawLongBits(Math.scalb(1.0, exponent))
            | mantissa);
        long center = (long) (u * 0x1p32) - 1;
        for (long word = Math.max(0, center - WINDOW / 8);
            word < Math.min(WORDS, center + WINDOW / 8); word++) {
          assertLog(word);
        }
      }
    }
  }

  @Test
  void logIsStrictMathsOnRandomArguments() {
    SplittableRandom random = new SplittableRandom(2);
    for (int i = 0; i < RANDOM; i++) {
      assertLog(random.nextLong(WORDS));
    }
  }
}
