package dev.sparkdropout.core;

/**
 * The element loops of SPEC section 1, in place. A dropped element is selected, never
 * multiplied, so it is exact whatever the input (NaN and infinities included). The selection is
 * done on the bits with a mask (all ones for a dropped element), without a branch: a kept
 * value's bits pass through unchanged. {@code index} maps an element to its keep decision;
 * {@code null} means the element's own position.
 */
final class ElementTransforms {

  private static final boolean VECTOR = Philox4x32.vectorized();

  private ElementTransforms() {}

  /** Dropout: {@code keep ? x * s : +0.0}. */
  static void scale(float[] x, byte[] keep, int[] index, float s) {
    for (int i = 0; i < x.length; i++) {
      int drop = keep[index == null ? i : index[i]] - 1;
      x[i] = Float.intBitsToFloat(Float.floatToRawIntBits(x[i] * s) & ~drop);
    }
  }

  /** Dropout: {@code keep ? x * s : +0.0}. */
  static void scale(double[] x, byte[] keep, int[] index, double s) {
    for (int i = 0; i < x.length; i++) {
      long drop = keep[index == null ? i : index[i]] - 1;
      x[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(x[i] * s) & ~drop);
    }
  }

  /** Alpha dropout: {@code keep ? a * x + b : dropped}. */
  static void affine(float[] x, byte[] keep, int[] index, float a, float b, float dropped) {
    int droppedBits = Float.floatToRawIntBits(dropped);
    for (int i = 0; i < x.length; i++) {
      int drop = keep[index == null ? i : index[i]] - 1;
      int bits = Float.floatToRawIntBits(a * x[i] + b) & ~drop | droppedBits & drop;
      x[i] = Float.intBitsToFloat(bits);
    }
  }

  /** Alpha dropout: {@code keep ? a * x + b : dropped}. */
  static void affine(double[] x, byte[] keep, int[] index, double a, double b, double dropped) {
    long droppedBits = Double.doubleToRawLongBits(dropped);
    for (int i = 0; i < x.length; i++) {
      long drop = keep[index == null ? i : index[i]] - 1;
      long bits = Double.doubleToRawLongBits(a * x[i] + b) & ~drop | droppedBits & drop;
      x[i] = Double.longBitsToDouble(bits);
    }
  }

  // Independent elements: the decision of element i is word i itself, made inside the loop, so
  // no keep array is built. With the Vector API, VectorTransforms does the same a vector at a
  // time and these loops finish the last few elements.

  /** Dropout with element i kept when {@code words[i]} reaches the threshold. */
  static void scale(float[] x, int[] words, long threshold, float s) {
    int i = VECTOR ? VectorTransforms.scale(x, words, threshold, s) : 0;
    for (; i < x.length; i++) {
      int kept = Float.floatToRawIntBits(x[i] * s) & ~KeepMask.dropMask(words[i], threshold);
      x[i] = Float.intBitsToFloat(kept);
    }
  }

  /** Dropout with element i kept when {@code words[i]} reaches the threshold. */
  static void scale(double[] x, int[] words, long threshold, double s) {
    int i = VECTOR ? VectorTransforms.scale(x, words, threshold, s) : 0;
    for (; i < x.length; i++) {
      long kept = Double.doubleToRawLongBits(x[i] * s) & ~(long) KeepMask.dropMask(words[i], threshold);
      x[i] = Double.longBitsToDouble(kept);
    }
  }

  /** Alpha dropout with element i kept when {@code words[i]} reaches the threshold. */
  static void affine(float[] x, int[] words, long threshold, float a, float b, float dropped) {
    int droppedBits = Float.floatToRawIntBits(dropped);
    int i = VECTOR ? VectorTransforms.affine(x, words, threshold, a, b, dropped) : 0;
    for (; i < x.length; i++) {
      int drop = KeepMask.dropMask(words[i], threshold);
      int bits = Float.floatToRawIntBits(a * x[i] + b) & ~drop | droppedBits & drop;
      x[i] = Float.intBitsToFloat(bits);
    }
  }

  /** Alpha dropout with element i kept when {@code words[i]} reaches the threshold. */
  static void affine(double[] x, int[] words, long threshold, double a, double b,
      double dropped) {
    long droppedBits = Double.doubleToRawLongBits(dropped);
    int i = VECTOR ? VectorTransforms.affine(x, words, threshold, a, b, dropped) : 0;
    for (; i < x.length; i++) {
      long drop = KeepMask.dropMask(words[i], threshold);
      long bits = Double.doubleToRawLongBits(a * x[i] + b) & ~drop | droppedBits & drop;
      x[i] = Double.longBitsToDouble(bits);
    }
  }
}
