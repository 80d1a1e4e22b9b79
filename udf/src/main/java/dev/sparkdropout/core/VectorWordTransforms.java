package dev.sparkdropout.core;

import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The loops of {@link WordTransforms} with the JDK Vector API: the same arithmetic (one float or
 * double multiply, then a bit select) on a whole row, a vector of floats or doubles at a time,
 * then the last few elements one at a time, all reading the row's words in element order. The
 * last few read the words already computed: recomputing their blocks cost rows whose length is
 * not a multiple of the vector a quarter of their time. Loaded only when
 * {@link Philox4x32#vectorized()}.
 */
final class VectorWordTransforms {

  private static final VectorShape SHAPE = VectorPhilox.SHAPE;
  private static final VectorSpecies<Float> FLOATS = VectorSpecies.of(float.class, SHAPE);
  private static final VectorSpecies<Double> DOUBLES = VectorSpecies.of(double.class, SHAPE);
  private static final VectorSpecies<Integer> WORDS = VectorSpecies.of(int.class, SHAPE);
  // As many words as a double vector has lanes, widened to its long lanes.
  private static final VectorSpecies<Integer> HALF_WORDS =
      VectorSpecies.of(int.class, VectorShape.forBitSize(SHAPE.vectorBitSize() / 2));
  private static final VectorSpecies<Long> LONGS = VectorSpecies.of(long.class, SHAPE);
  private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
  private static final VarHandle FLOAT_BITS = LittleEndianValues.INTS;
  private static final VarHandle DOUBLE_BITS = LittleEndianValues.LONGS;

  private VectorWordTransforms() {}

  /**
   * The keep rule (word read unsigned below the threshold: dropped) as a signed comparison:
   * flipping the sign bit of both sides maps unsigned order onto signed order.
   */
  private static int flip(long threshold) {
    return (int) threshold ^ Integer.MIN_VALUE;
  }

  /** The tail's rule, one element at a time: all ones when dropped. */
  private static int drop(int word, long threshold) {
    return KeepMask.dropMask(Integer.toUnsignedLong(word), threshold);
  }

  private static VectorMask<Integer> dropped(int[] words, int i, int flipped) {
    return IntVector.fromArray(WORDS, words, i).lanewise(VectorOperators.XOR, Integer.MIN_VALUE)
        .compare(VectorOperators.LT, flipped);
  }

  private static VectorMask<Long> droppedWide(int[] words, int i, int flipped) {
    IntVector flippedWords = IntVector.fromArray(HALF_WORDS, words, i)
        .lanewise(VectorOperators.XOR, Integer.MIN_VALUE);
    return ((LongVector) flippedWords.convertShape(VectorOperators.I2L, LONGS, 0))
        .compare(VectorOperators.LT, flipped);
  }

  static void scaleFloats(byte[] in, int inOffset, byte[] out, int outOffset, int count,
      int[] words, long threshold, float s) {
    int flipped = flip(threshold);
    int i = 0;
    for (; i + FLOATS.length() <= count; i += FLOATS.length()) {
      FloatVector.fromByteArray(FLOATS, in, inOffset + i * Float.BYTES, ORDER).mul(s)
          .reinterpretAsInts().blend(0, dropped(words, i, flipped))
          .intoByteArray(out, outOffset + i * Float.BYTES, ORDER);
    }
    for (; i < count; i++) {
      int at = i * Float.BYTES;
      float x = Float.intBitsToFloat((int) FLOAT_BITS.get(in, inOffset + at));
      FLOAT_BITS.set(out, outOffset + at,
          Float.floatToRawIntBits(x * s) & ~drop(words[i], threshold));
    }
  }

  static void scaleDoubles(byte[] in, int inOffset, byte[] out, int outOffset, int count,
      int[] words, long threshold, double s) {
    int flipped = flip(threshold);
    int i = 0;
    for (; i + DOUBLES.length() <= count; i += DOUBLES.length()) {
      DoubleVector.fromByteArray(DOUBLES, in, inOffset + i * Double.BYTES, ORDER).mul(s)
          .reinterpretAsLongs().blend(0L, droppedWide(words, i, flipped))
          .intoByteArray(out, outOffset + i * Double.BYTES, ORDER);
    }
    for (; i < count; i++) {
      int at = i * Double.BYTES;
      double x = Double.longBitsToDouble((long) DOUBLE_BITS.get(in, inOffset + at));
      DOUBLE_BITS.set(out, outOffset + at,
          Double.doubleToRawLongBits(x * s) & ~(long) drop(words[i], threshold));
    }
  }

  static void affineFloats(byte[] in, int inOffset, byte[] out, int outOffset, int count,
      int[] words, long threshold, float a, float b, float dropped) {
    int flipped = flip(threshold);
    int droppedBits = Float.floatToRawIntBits(dropped);
    int i = 0;
    for (; i + FLOATS.length() <= count; i += FLOATS.length()) {
      FloatVector.fromByteArray(FLOATS, in, inOffset + i * Float.BYTES, ORDER).mul(a).add(b)
          .reinterpretAsInts().blend(droppedBits, dropped(words, i, flipped))
          .intoByteArray(out, outOffset + i * Float.BYTES, ORDER);
    }
    for (; i < count; i++) {
      int at = i * Float.BYTES;
      float x = Float.intBitsToFloat((int) FLOAT_BITS.get(in, inOffset + at));
      int drop = drop(words[i], threshold);
      FLOAT_BITS.set(out, outOffset + at,
          Float.floatToRawIntBits(a * x + b) & ~drop | droppedBits & drop);
    }
  }

  static void affineDoubles(byte[] in, int inOffset, byte[] out, int outOffset, int count,
      int[] words, long threshold, double a, double b, double dropped) {
    int flipped = flip(threshold);
    long droppedBits = Double.doubleToRawLongBits(dropped);
    int i = 0;
    for (; i + DOUBLES.length() <= count; i += DOUBLES.length()) {
      DoubleVector.fromByteArray(DOUBLES, in, inOffset + i * Double.BYTES, ORDER).mul(a).add(b)
          .reinterpretAsLongs().blend(droppedBits, droppedWide(words, i, flipped))
          .intoByteArray(out, outOffset + i * Double.BYTES, ORDER);
    }
    for (; i < count; i++) {
      int at = i * Double.BYTES;
      double x = Double.longBitsToDouble((long) DOUBLE_BITS.get(in, inOffset + at));
      long drop = drop(words[i], threshold);
      DOUBLE_BITS.set(out, outOffset + at,
          Double.doubleToRawLongBits(a * x + b) & ~drop | droppedBits & drop);
    }
  }
}
