package dev.sparkdropout.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkdropout.core.engine.Philox4x32;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class NormalVariatesTest {

  /** docs/SPEC.md §8, one element at a time, as its text reads. */
  private static double reference(long seed, long stream, int copy, int j) {
    int[] w = new int[4];
    Philox4x32.block((int) stream, (int) (stream >>> 32), j >>> 2, copy,
        (int) seed ^ 0x6A09E667, (int) (seed >>> 32) ^ 0xBB67AE85, w, 0);
    int h = (j >>> 1) & 1;
    double u1 = ((w[2 * h] & 0xFFFFFFFFL) + 1) * Math.pow(2, -32);
    double u2 = (w[2 * h + 1] & 0xFFFFFFFFL) * Math.pow(2, -32);
    double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
    double t = 6.283185307179586 * u2;
    return (j & 1) == 0 ? r * StrictMath.cos(t) : r * StrictMath.sin(t);
  }

  @Test
  void everyVariateIsTheSpecsBitForBit() {
    long[][] cases = {
        {0, 0, 0}, {42, 7, 0}, {-1, Long.MIN_VALUE, 3}, {0x123456789ABCDEFL, 1L << 33, 1}};
    for (long[] c : cases) {
      for (int size : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 63}) {
        double[] z = NormalVariates.generate(c[0], c[1], (int) c[2], size);
        for (int j = 0; j < size; j++) {
          assertThat(Double.doubleToRawLongBits(z[j])).as("seed %d stream %d copy %d j %d",
              c[0], c[1], c[2], j)
              .isEqualTo(Double.doubleToRawLongBits(reference(c[0], c[1], (int) c[2], j)));
        }
      }
    }
  }

  @Test
  void chosenIndicesGetTheirOwnVariates() {
    int[] noise = {0, 1, 3, 5, 6, 7, 12, 2, 2, 1000001};
    double[] at = NormalVariates.at(9, 11, 2, noise);
    for (int k = 0; k < noise.length; k++) {
      assertThat(at[k]).isEqualTo(reference(9, 11, 2, noise[k]));
    }
  }

  @Test
  void theyAreIndependentOfTheKeepDecisions() {
    // The same seed, stream and block under the keep key gives other words.
    int[] keepWords = new int[4];
    Philox4x32.block(5, 0, 0, 0, 42, 0, keepWords, 0);
    double[] z = NormalVariates.generate(42, 5, 0, 2);
    double u1 = ((keepWords[0] & 0xFFFFFFFFL) + 1) * Math.pow(2, -32);
    double u2 = (keepWords[1] & 0xFFFFFFFFL) * Math.pow(2, -32);
    assertThat(z[0]).isNotEqualTo(
        StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(6.283185307179586 * u2));
  }

  /**
   * 2^20 variates from 4096 rows of 256: mean, variance, skewness and excess kurtosis each within
   * five standard errors of N(0, 1)'s, and their histogram over 100 equally likely bins passes a
   * chi-square test at the 0.1% level.
   */
  @Test
  void theyAreStandardNormal() {
    int rows = 4096;
    int size = 256;
    double n = (double) rows * size;
    NormalDistribution normal = new NormalDistribution(0, 1);
    int bins = 100;
    long[] counts = new long[bins];
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    for (int row = 0; row < rows; row++) {
      for (double z : NormalVariates.generate(2026, RowStreams.partition(row % 7, row), 0, size)) {
        s1 += z;
        s2 += z * z;
        s3 += z * z * z;
        s4 += z * z * z * z;
        counts[Math.min(bins - 1, (int) (normal.cumulativeProbability(z) * bins))]++;
      }
    }
    double mean = s1 / n;
    double variance = s2 / n - mean * mean;
    double skewness = (s3 / n - 3 * mean * s2 / n + 2 * mean * mean * mean)
        / Math.pow(variance, 1.5);
    double m4 = s4 / n - 4 * mean * s3 / n + 6 * mean * mean * s2 / n - 3 * Math.pow(mean, 4);
    double kurtosis = m4 / (variance * variance) - 3;
    assertThat(Math.abs(mean)).isLessThan(5 * Math.sqrt(1 / n));
    assertThat(Math.abs(variance - 1)).isLessThan(5 * Math.sqrt(2 / n));
    assertThat(Math.abs(skewness)).isLessThan(5 * Math.sqrt(6 / n));
    assertThat(Math.abs(kurtosis)).isLessThan(5 * Math.sqrt(24 / n));
    double expected = n / bins;
    double chiSquare = 0;
    for (long count : counts) {
      chiSquare += (count - expected) * (count - expected) / expected;
    }
    double p = 1 - new ChiSquaredDistribution(bins - 1).cumulativeProbability(chiSquare);
    assertThat(p).as("chi-square %s", chiSquare).isGreaterThan(0.001);
  }
}
