package dev.sparkdropout.core.engine.plain;

import dev.sparkdropout.core.engine.RowArrays;
import java.lang.reflect.Field;
import java.util.Objects;
import sun.misc.Unsafe;

/**
 * A row's values copied from little-endian bytes into a {@code float[]} or {@code double[]} of the
 * thread's (valid until its next row), for the loops of {@link PlainEngine}: C2 vectorizes
 * arithmetic over a Java array, but not over values read from bytes, whose bits go through
 * {@code intBitsToFloat}, which its auto-vectorizer cannot do in JDK 17. The copies are raw memory
 * copies, in the machine's byte order: the core, like Spark's unsafe arrays on x86-64 and
 * AArch64, assumes little-endian.
 */
final class RowValues {

  private static final Unsafe UNSAFE = unsafe();
  private static final long BYTES_BASE = Unsafe.ARRAY_BYTE_BASE_OFFSET;
  private static final long FLOATS_BASE = Unsafe.ARRAY_FLOAT_BASE_OFFSET;
  private static final long DOUBLES_BASE = Unsafe.ARRAY_DOUBLE_BASE_OFFSET;

  private static final ThreadLocal<RowValues> CURRENT = ThreadLocal.withInitial(RowValues::new);

  private float[] floats = new float[256];
  private double[] doubles = new double[256];

  private RowValues() {}

  /** The calling thread's. */
  static RowValues get() {
    return CURRENT.get();
  }

  /** Floats {@code 0 .. count)} of {@code bytes} from {@code offset}. */
  float[] floats(byte[] bytes, int offset, int count) {
    float[] values = floats(count);
    copy(bytes, offset, values, FLOATS_BASE, count * Float.BYTES);
    return values;
  }

  /** Doubles {@code 0 .. count)} of {@code bytes} from {@code offset}. */
  double[] doubles(byte[] bytes, int offset, int count) {
    double[] values = doubles(count);
    copy(bytes, offset, values, DOUBLES_BASE, count * Double.BYTES);
    return values;
  }

  /** At least {@code length} floats, kept for the next rows as {@link RowArrays} says. */
  float[] floats(int length) {
    if (floats.length >= length) {
      return floats;
    }
    float[] grown = new float[RowArrays.grown(floats.length, length, Float.BYTES)];
    floats = RowArrays.keep(length, Float.BYTES) ? grown : floats;
    return grown;
  }

  /** At least {@code length} doubles, kept for the next rows as {@link RowArrays} says. */
  double[] doubles(int length) {
    if (doubles.length >= length) {
      return doubles;
    }
    double[] grown = new double[RowArrays.grown(doubles.length, length, Double.BYTES)];
    doubles = RowArrays.keep(length, Double.BYTES) ? grown : doubles;
    return grown;
  }

  /** Bytes {@code offset .. offset + length)} into {@code values}, refused if out of range. */
  private static void copy(byte[] bytes, int offset, Object values, long valuesBase,
      int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    UNSAFE.copyMemory(bytes, BYTES_BASE + offset, values, valuesBase, length);
  }

  /**
   * The bits of {@code values[i]} and {@code values[i + 1]} in one long, {@code i}'s in the low
   * half, as a little-endian long over their bytes holds them: one load where the select would
   * otherwise read and join two. Unchecked: the caller keeps {@code i + 1} within the values it
   * asked {@link #floats} for.
   */
  static long floatPair(float[] values, int i) {
    return UNSAFE.getLong(values, FLOATS_BASE + (long) i * Float.BYTES);
  }

  private static Unsafe unsafe() {
    try {
      Field field = Unsafe.class.getDeclaredField("theUnsafe");
      field.setAccessible(true);
      return (Unsafe) field.get(null);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
