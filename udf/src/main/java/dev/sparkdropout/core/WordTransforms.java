package dev.sparkdropout.core;

import static dev.sparkdropout.core.LittleEndianValues.INTS;
import static dev.sparkdropout.core.LittleEndianValues.LONGS;

/**
 * The element loops of SPEC section 1 for independent elements: the decision of element i is
 * Philox word i itself, made inside the loop, so no keep array is built. Values are read
 * little-endian from {@code in} and written to {@code out} (which may be {@code in} at the same
 * offset). As in {@link ElementTransforms}, a dropped element is selected on the bits, never
 * multiplied. With the Vector API, {@link VectorWordTransforms} does the same a vector at a
 * time and these loops finish the last few elements.
 */
final class WordTransforms {

  private static final boolean VECTOR = Philox4x32.vectorized();

  private WordTransforms() {}

  /** Dropout: {@code keep ? x * s : +0.0}. */
  static void scaleFloats(byte[] in, int inOffset, byte[] out, int outOffset, int count,
      int[] words, long threshold, float s) {
    int i = VECTOR
        ? VectorWordTransforms.scaleFloats(in, inOffset, out, outOffset, count, words, threshold, s)
        : 0;
    for (; i < count; i++) {
      float x = Float.intBitsToFloat((int) INTS.get(in, inOffset + i * Float.BYTES));
      int kept = Float.floatToRawIntBits(x * s) & ~KeepMask.dropMask(words[i], threshold);
      INTS.set(out, outOffset + i * Float.BYTES, kept);
    }
  }

  /** Dropout: {@code keep ? x * s : +0.0}. */
  static void scaleDoubles(byte[] in, int inOffset, byte[] out, int outOffset, int count,
      int[] words, long threshold, double s) {
    int i = VECTOR
        ? VectorWordTransforms.scaleDoubles(in, inOffset, out, outOffset, count, words, threshold, s)
        : 0;
    for (; i < count; i++) {
      double x = Double.longBitsToDouble((long) LONGS.get(in, inOffset + i * Double.BYTES));
      long kept = Double.doubleToRawLongBits(x * s) & ~(long) KeepMask.dropMask(words[i], threshold);
      LONGS.set(out, outOffset + i * Double.BYTES, kept);
    }
  }

  /** Alpha dropout: {@code keep ? a * x + b : dropped}. */
  static void affineFloats(byte[] in, int inOffset, byte[] out, int outOffset, int count,
      int[] words, long threshold, float a, float b, float dropped) {
    int droppedBits = Float.floatToRawIntBits(dropped);
    int i = VECTOR ? VectorWordTransforms.affineFloats(in, inOffset, out, outOffset, count, words,
        threshold, a, b, dropped) : 0;
    for (; i < count; i++) {
      float x = Float.intBitsToFloat((int) INTS.get(in, inOffset + i * Float.BYTES));
      int drop = KeepMask.dropMask(words[i], threshold);
      INTS.set(out, outOffset + i * Float.BYTES,
          Float.floatToRawIntBits(a * x + b) & ~drop | droppedBits & drop);
    }
  }

  /** Alpha dropout: {@code keep ? a * x + b : dropped}. */
  static void affineDoubles(byte[] in, int inOffset, byte[] out, int outOffset, int count,
      int[] words, long threshold, double a, double b, double dropped) {
    long droppedBits = Double.doubleToRawLongBits(dropped);
    int i = VECTOR ? VectorWordTransforms.affineDoubles(in, inOffset, out, outOffset, count, words,
        threshold, a, b, dropped) : 0;
    for (; i < count; i++) {
      double x = Double.longBitsToDouble((long) LONGS.get(in, inOffset + i * Double.BYTES));
      long drop = KeepMask.dropMask(words[i], threshold);
      LONGS.set(out, outOffset + i * Double.BYTES,
          Double.doubleToRawLongBits(a * x + b) & ~drop | droppedBits & drop);
    }
  }
}
