package dev.sparkdropout.core;

/**
 * The element loops of docs/SPEC.md §1 where decisions come from a keep array (noise shapes,
 * sparse vectors), in place; {@link WordTransforms} has those of independent elements. A dropped
 * element is selected, never multiplied, so it is exact whatever the input (NaN and infinities
 * included). The selection is done on the bits with a mask (all ones for a dropped element),
 * without a branch: a kept value's bits pass through unchanged. {@code index} maps an element to
 * its keep decision; {@code null} means the element's own position.
 */
final class ElementTransforms {

  private ElementTransforms() {}

  /** {@code keep ? a * x + b : dropped}, dropout included (see {@link DropoutSpec}). */
  static void affine(float[] x, byte[] keep, int[] index, float a, float b, float dropped) {
    int droppedBits = Float.floatToRawIntBits(dropped);
    for (int i = 0; i < x.length; i++) {
      int drop = keep[index == null ? i : index[i]] - 1;
      int bits = Float.floatToRawIntBits(a * x[i] + b) & ~drop | droppedBits & drop;
      x[i] = Float.intBitsToFloat(bits);
    }
  }

  /** {@code keep ? a * x + b : dropped}, dropout included (see {@link DropoutSpec}). */
  static void affine(double[] x, byte[] keep, int[] index, double a, double b, double dropped) {
    long droppedBits = Double.doubleToRawLongBits(dropped);
    for (int i = 0; i < x.length; i++) {
      long drop = keep[index == null ? i : index[i]] - 1;
      long bits = Double.doubleToRawLongBits(a * x[i] + b) & ~drop | droppedBits & drop;
      x[i] = Double.longBitsToDouble(bits);
    }
  }
}
