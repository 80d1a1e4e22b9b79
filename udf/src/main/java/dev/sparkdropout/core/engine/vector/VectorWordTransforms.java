package dev.sparkdropout.core.engine.vector;

import dev.sparkdropout.core.engine.KeepRule;
import dev.sparkdropout.core.engine.LittleEndianValues;
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
 * The element loops of the Vector API engine: the arithmetic (a float or double multiply and
 * add, then a bit select) a vector of values at a time, then the last few elements one at a time,
 * all reading the row's words in element order; the last few read the words already computed
 * rather than recompute their blocks. Loaded only when {@link VectorEngine} is.
 */
final class VectorWordTransforms {

  private static final VectorShape SHAPE = VectorPhilox.SHAPE;
  private static final VectorSpecies<Float> FLOATS = VectorSpecies.of(float.class, SHAPE);
  private static final VectorSpecies<Double> DOUBLES = VectorSpecies.of(double.class, SHAPE);
  private static final VectorSpecies<Integer> WORDS = VectorPhilox.INTS;
  // As many words as a double vector has lanes, widened to its long lanes.
  private static final VectorSpecies<Integer> HALF_WORDS =
      VectorSpecies.of(int.class, VectorShape.forBitSize(SHAPE.vectorBitSize() / 2));
  private static final VectorSpecies<Long> LONGS = VectorSpecies.of(long.class, SHAPE);
  private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
  // The sign bit as vectors: an int operand of lanewise() is broadcast through code that C2
  // compiles from the call's profile, which int vectors of the other width spoil.
  private static final IntVector SIGN = IntVector.broadcast(WORDS, Integer.MIN_VALUE);
  private static final IntVector HALF_SIGN = IntVector.broadcast(HALF_WORDS, Integer.MIN_VALUE);

  private VectorWordTransforms() {}

  /**
   * The keep rule (word read unsigned below the threshold: dropped) as a signed comparison:
   * flipping the sign bit of both sides maps unsigned order onto signed order.
   */
  private static int flip(long threshold) {
    return (int) threshold ^ Integer.MIN_VALUE;
  }

  /** A word's drop mask, for the one-element methods (widened again for doubles). */
  private static int drop(int word, long threshold) {
    return (int) KeepRule.dropMask(Integer.toUnsignedLong(word), threshold);
  }

  private static VectorMask<Integer> dropped(int[] words, int i, int flipped) {
    return IntVector.fromArray(WORDS, words, i).lanewise(VectorOperators.XOR, SIGN)
        .compare(VectorOperators.LT, flipped);
  }

  private static VectorMask<Long> droppedWide(int[] words, int i, int flipped) {
    IntVector flippedWords =
        IntVector.fromArray(HALF_WORDS, words, i).lanewise(VectorOperators.XOR, HALF_SIGN);
    return ((LongVector) flippedWords.convertShape(VectorOperators.I2L, LONGS, 0))
        .compare(VectorOperators.LT, flipped);
  }

  // The values' bits, to a constant species (see VectorPhilox.INTS).

  private static IntVector bits(FloatVector x) {
    return (IntVector) x.reinterpretShape(WORDS, 0);
  }

  private static LongVector bits(DoubleVector x) {
    return (LongVector) x.reinterpretShape(LONGS, 0);
  }

  static void affineFloats(byte[] in, int inOffset, byte[] out, int outOffset, int count,
      int[] words, long threshold, float a, float b, float dropped) {
    int flipped = flip(threshold);
    int droppedBits = Float.floatToRawIntBits(dropped);
    int i = 0;
    for (; i + FLOATS.length() <= count; i += FLOATS.length()) {
      FloatVector x = FloatVector.fromByteArray(FLOATS, in, inOffset + i * Float.BYTES, ORDER);
      bits(x.mul(a).add(b)).blend(droppedBits, dropped(words, i, flipped))
          .intoByteArray(out, outOffset + i * Float.BYTES, ORDER);
    }
    for (; i < count; i++) {
      affineFloat(in, inOffset, out, outOffset, i, drop(words[i], threshold), a, b,
          droppedBits);
    }
  }

  static void affineDoubles(byte[] in, int inOffset, byte[] out, int outOffset, int count,
      int[] words, long threshold, double a, double b, double dropped) {
    int flipped = flip(threshold);
    long droppedBits = Double.doubleToRawLongBits(dropped);
    int i = 0;
    for (; i + DOUBLES.length() <= count; i += DOUBLES.length()) {
      DoubleVector x = DoubleVector.fromByteArray(DOUBLES, in, inOffset + i * Double.BYTES, ORDER);
      bits(x.mul(a).add(b)).blend(droppedBits, droppedWide(words, i, flipped))
          .intoByteArray(out, outOffset + i * Double.BYTES, ORDER);
    }
    for (; i < count; i++) {
      affineDouble(in, inOffset, out, outOffset, i, drop(words[i], threshold), a, b,
          droppedBits);
    }
  }

  // One element each, for the rows' last few, given the element's drop mask (see drop).

  private static void affineFloat(byte[] in, int inOffset, byte[] out, int outOffset, int i,
      int drop, float a, float b, int droppedBits) {
    int at = i * Float.BYTES;
    float x = Float.intBitsToFloat((int) LittleEndianValues.INTS.get(in, inOffset + at));
    LittleEndianValues.INTS.set(out, outOffset + at,
        Float.floatToRawIntBits(a * x + b) & ~drop | droppedBits & drop);
  }

  private static void affineDouble(byte[] in, int inOffset, byte[] out, int outOffset, int i,
      long drop, double a, double b, long droppedBits) {
    int at = i * Double.BYTES;
    double x = Double.longBitsToDouble((long) LittleEndianValues.LONGS.get(in, inOffset + at));
    LittleEndianValues.LONGS.set(out, outOffset + at,
        Double.doubleToRawLongBits(a * x + b) & ~drop | droppedBits & drop);
  }
}
