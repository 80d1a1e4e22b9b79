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

  // Independent elements: the decision of element i is word i itself, compared in the loop, so
  // no keep array is built. MIN_VALUE biasing makes the unsigned comparison one signed compare.

  /** Dropout with element i kept when {@code words[i]} reaches the threshold. */
  static void scale(float[] x, int[] words, int biased, float s) {
    for (int i = 0; i < x.length; i++) {
      x[i] = (words[i] ^ Integer.MIN_VALUE) >= biased ? x[i] * s : 0.0f;
    }
  }

  /** Dropout with element i kept when {@code words[i]} reaches the threshold. */
  static void scale(double[] x, int[] words, int biased, double s) {
    for (int i = 0; i < x.length; i++) {
      x[i] = (words[i] ^ Integer.MIN_VALUE) >= biased ? x[i] * s : 0.0;
    }
  }

  /** Alpha dropout with element i kept when {@code words[i]} reaches the threshold. */
  static void affine(float[] x, int[] words, int biased, float a, float b, float dropped) {
    for (int i = 0; i < x.length; i++) {
      x[i] = (words[i] ^ Integer.MIN_VALUE) >= biased ? a * x[i] + b : dropped;
    }
  }

  /** Alpha dropout with element i kept when {@code words[i]} reaches the threshold. */
  static void affine(double[] x, int[] words, int biased, double a, double b, double dropped) {
    for (int i = 0; i < x.length; i++) {
      x[i] = (words[i] ^ Integer.MIN_VALUE) >= biased ? a * x[i] + b : dropped;
    }
  }
}
