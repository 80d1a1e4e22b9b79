package dev.sparkdropout.sql.kernel;

import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.array.ByteArrayMethods;

/**
 * Spark's unsafe array layout, as the kernels write it: an 8-byte element count, a NULL bitmap
 * of whole words, then the elements, padded with zeros to a multiple of 8 bytes.
 */
final class UnsafeLayout {

  private UnsafeLayout() {}

  /**
   * The bytes of an array of {@code count} elements of {@code elementSize} bytes: a long, since
   * a row's may be more than an array holds (see {@link RowTooLargeException}).
   */
  static long size(int count, int elementSize) {
    return UnsafeArrayData.calculateHeaderPortionInBytes((long) count)
        + ByteArrayMethods.roundNumberOfBytesToNearestWord((long) count * elementSize);
  }

  /**
   * Starts an array of {@code count} elements at {@code offset} (from the base) in {@code bytes}:
   * its count, and a NULL bitmap with no element NULL. Returns the header's size, where the
   * elements begin.
   */
  static int start(byte[] bytes, long offset, int count) {
    int header = UnsafeArrayData.calculateHeaderPortionInBytes(count);
    Platform.putLong(bytes, offset, count);
    zero(bytes, offset + Long.BYTES, header - Long.BYTES);
    return header;
  }

  /**
   * Zeroes {@code length} bytes at {@code offset} in {@code base}: a long at a time, then a byte.
   * Not {@code Platform.setMemory}: in Java 17 that is a call into the VM, which a row's few bytes
   * (its NULL bitmap, an element made NULL) do not repay (bench/README.md, the kernels).
   */
  static void zero(Object base, long offset, int length) {
    int i = 0;
    for (; i + Long.BYTES <= length; i += Long.BYTES) {
      Platform.putLong(base, offset + i, 0L);
    }
    for (; i < length; i++) {
      Platform.putByte(base, offset + i, (byte) 0);
    }
  }
}
