package dev.sparkdropout.core;

/**
 * The element loops of SPEC section 1, in place. A dropped element is selected, never
 * multiplied, so it is exact whatever the input (NaN and infinities included). {@code index}
 * maps an element to its keep decision; {@code null} means the element's own position.
 */
final class ElementTransforms {

  private ElementTransforms() {}

  /** Dropout: {@code keep ? x * s : +0.0}. */
  static void scale(float[] x, byte[] keep, int[] index, float s) {
    if (index == null) {
      for (int i = 0; i < x.length; i++) {
        x[i] = keep[i] != 0 ? x[i] * s : 0.0f;
      }
    } else {
      for (int i = 0; i < x.length; i++) {
        x[i] = keep[index[i]] != 0 ? x[i] * s : 0.0f;
      }
    }
  }

  /** Dropout: {@code keep ? x * s : +0.0}. */
  static void scale(double[] x, byte[] keep, int[] index, double s) {
    if (index == null) {
      for (int i = 0; i < x.length; i++) {
        x[i] = keep[i] != 0 ? x[i] * s : 0.0;
      }
    } else {
      for (int i = 0; i < x.length; i++) {
        x[i] = keep[index[i]] != 0 ? x[i] * s : 0.0;
      }
    }
  }

  /** Alpha dropout: {@code keep ? a * x + b : dropped}. */
  static void affine(float[] x, byte[] keep, int[] index, float a, float b, float dropped) {
    if (index == null) {
      for (int i = 0; i < x.length; i++) {
        x[i] = keep[i] != 0 ? a * x[i] + b : dropped;
      }
    } else {
      for (int i = 0; i < x.length; i++) {
        x[i] = keep[index[i]] != 0 ? a * x[i] + b : dropped;
      }
    }
  }

  /** Alpha dropout: {@code keep ? a * x + b : dropped}. */
  static void affine(double[] x, byte[] keep, int[] index, double a, double b, double dropped) {
    if (index == null) {
      for (int i = 0; i < x.length; i++) {
        x[i] = keep[i] != 0 ? a * x[i] + b : dropped;
      }
    } else {
      for (int i = 0; i < x.length; i++) {
        x[i] = keep[index[i]] != 0 ? a * x[i] + b : dropped;
      }
    }
  }
}
