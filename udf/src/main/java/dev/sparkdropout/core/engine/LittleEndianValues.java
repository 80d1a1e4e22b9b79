package dev.sparkdropout.core.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Floats and doubles stored little-endian in a byte array, the way Spark's unsafe arrays hold
 * their values: the element loops read and write them in place of Java arrays, so a kernel needs
 * no copy into a {@code float[]} and back.
 */
public final class LittleEndianValues {

  /** Float bits, four bytes each. */
  public static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  /** Double bits, eight bytes each. */
  public static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private LittleEndianValues() {}

  public static byte[] of(float[] values) {
    byte[] bytes = new byte[values.length * Float.BYTES];
    put(values, bytes, 0);
    return bytes;
  }

  public static byte[] of(double[] values) {
    byte[] bytes = new byte[values.length * Double.BYTES];
    put(values, bytes, 0);
    return bytes;
  }

  /** Reads {@code values.length} floats from {@code bytes} at {@code offset} into values. */
  public static void get(byte[] bytes, int offset, float[] values) {
    for (int i = 0; i < values.length; i++) {
      values[i] = Float.intBitsToFloat((int) INTS.get(bytes, offset + i * Float.BYTES));
    }
  }

  /** Reads {@code values.length} doubles from {@code bytes} at {@code offset} into values. */
  public static void get(byte[] bytes, int offset, double[] values) {
    for (int i = 0; i < values.length; i++) {
      values[i] = Double.longBitsToDouble((long) LONGS.get(bytes, offset + i * Double.BYTES));
    }
  }

  public static void put(float[] values, byte[] bytes, int offset) {
    for (int i = 0; i < values.length; i++) {
      INTS.set(bytes, offset + i * Float.BYTES, Float.floatToRawIntBits(values[i]));
    }
  }

  public static void put(double[] values, byte[] bytes, int offset) {
    for (int i = 0; i < values.length; i++) {
      LONGS.set(bytes, offset + i * Double.BYTES, Double.doubleToRawLongBits(values[i]));
    }
  }
}
