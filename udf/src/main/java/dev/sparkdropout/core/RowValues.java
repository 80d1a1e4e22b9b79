package dev.sparkdropout.core;

import java.lang.reflect.Field;
import java.util.Objects;
import sun.misc.Unsafe;

/**
 * A row's values copied from little-endian bytes into a {@code float[]} or {@code double[]} that
 * the calling thread owns (valid until its next call), for the plain-Java element loops of
 * {@link WordTransforms}: C2 vectorizes arithmetic over a Java array, but not over values read
 * from bytes, whose bits go through {@code intBitsToFloat}, which its auto-vectorizer cannot do
 * in JDK 17. The copies are raw memory copies, in the machine's byte order: the core, like
 * Spark's unsafe arrays on x86-64 and AArch64, assumes little-endian. They measured a tenth
 * faster than copies through byte-buffer views.
 */
final class RowValues {

  private static final Unsafe UNSAFE = unsafe();
  private static final long BYTES_BASE = Unsafe.ARRAY_BYTE_BASE_OFFSET;
  private static final long FLOATS_BASE = Unsafe.ARRAY_FLOAT_BASE_OFFSET;
  private static final long DOUBLES_BASE = Unsafe.ARRAY_DOUBLE_BASE_OFFSET;

  private static final class Buffers {
    float[] floats = new float[256];
    double[] doubles = new double[256];
  }

  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

  private RowValues() {}

  /** Floats {@code 0 .. count)} of {@code bytes} from {@code offset}, in the thread's buffer. */
  static float[] floats(byte[] bytes, int offset, int count) {
    Buffers buffers = BUFFERS.get();
    if (buffers.floats.length < count) {
      buffers.floats = new float[Math.max(count, 2 * buffers.floats.length)];
    }
    copy(bytes, offset, buffers.floats, FLOATS_BASE, count * Float.BYTES);
    return buffers.floats;
  }

  /** Doubles {@code 0 .. count)} of {@code bytes} from {@code offset}, in the thread's buffer. */
  static double[] doubles(byte[] bytes, int offset, int count) {
    Buffers buffers = BUFFERS.get();
    if (buffers.doubles.length < count) {
      buffers.doubles = new double[Math.max(count, 2 * buffers.doubles.length)];
    }
    copy(bytes, offset, buffers.doubles, DOUBLES_BASE, count * Double.BYTES);
    return buffers.doubles;
  }

  /** Bytes {@code offset .. offset + length)} into {@code values}, refused if out of range. */
  private static void copy(byte[] bytes, int offset, Object values, long valuesBase,
      int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    UNSAFE.copyMemory(bytes, BYTES_BASE + offset, values, valuesBase, length);
  }

  /**
   * The bits of {@code values[i]} and {@code values[i + 1]} in one long, {@code i}'s in the low
   * half, as a little-endian long over their bytes holds them. One load, where reading the two
   * floats' bits and joining them measured a third slower in dropout's select. Unchecked: the
   * caller keeps {@code i + 1} within the values it asked {@link #floats} for.
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
