package dev.sparkdropout.core;

import dev.sparkdropout.core.engine.LittleEndianValues;

/**
 * The element arithmetic of docs/SPEC.md §8: Gaussian dropout {@code x * (1 + scale * z)} and
 * Gaussian noise {@code x + scale * z}, in double and rounded once to the element type. Element
 * {@code i} takes variate {@code z[index[i]]}, or {@code z[i]} where {@code index} is null.
 */
final class GaussianNoise {

  private GaussianNoise() {}

  /** In place, on doubles. */
  static void apply(double[] x, double[] z, int[] index, boolean multiply, double scale) {
    for (int i = 0; i < x.length; i++) {
      x[i] = noisy(x[i], z[index == null ? i : index[i]], multiply, scale);
    }
  }

  /** Little-endian floats from {@code in} at {@code inOffset} to {@code out} at outOffset. */
  static void floats(byte[] in, int inOffset, byte[] out, int outOffset, NoiseLayout layout,
      double[] z, boolean multiply, double scale) {
    int[] index = layout.index();
    for (int i = 0; i < layout.elements(); i++) {
      float x = Float.intBitsToFloat((int) LittleEndianValues.INTS.get(in, inOffset + i * 4));
      float y = (float) noisy(x, z[index == null ? i : index[i]], multiply, scale);
      LittleEndianValues.INTS.set(out, outOffset + i * 4, Float.floatToRawIntBits(y));
    }
  }

  /** Little-endian doubles from {@code in} at {@code inOffset} to {@code out} at outOffset. */
  static void doubles(byte[] in, int inOffset, byte[] out, int outOffset, NoiseLayout layout,
      double[] z, boolean multiply, double scale) {
    int[] index = layout.index();
    for (int i = 0; i < layout.elements(); i++) {
      double x = Double.longBitsToDouble((long) LittleEndianValues.LONGS.get(in, inOffset + i * 8));
      double y = noisy(x, z[index == null ? i : index[i]], multiply, scale);
      LittleEndianValues.LONGS.set(out, outOffset + i * 8, Double.doubleToRawLongBits(y));
    }
  }

  private static double noisy(double x, double z, boolean multiply, double scale) {
    return multiply ? x * (1 + scale * z) : x + scale * z;
  }
}
