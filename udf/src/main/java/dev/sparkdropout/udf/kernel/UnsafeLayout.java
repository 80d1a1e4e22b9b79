package dev.sparkdropout.udf.kernel;

import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.array.ByteArrayMethods;

/**
 * Spark's unsafe array layout, as the kernels write it: an 8-byte element count, a NULL bitmap
 * of whole words, then the elements, padded with zeros to a multiple of 8 bytes.
 */
final class UnsafeLayout {

  private UnsafeLayout() {}

  /** The bytes of an array of {@code count} elements of {@code elementSize} bytes. */
  static int size(int count, int elementSize) {
    return Math.addExact(UnsafeArrayData.calculateHeaderPortionInBytes(count),
        ByteArrayMethods.roundNumberOfBytesToNearestWord(Math.multiplyExact(count, elementSize)));
  }

  /**
   * Starts an array of {@code count} elements at {@code offset} (from the base) in {@code bytes}:
   * its count, and a NULL bitmap with no element NULL. Returns the header's size, where the
   * elements begin.
   */
  static int start(byte[] bytes, long offset, int count) {
    int header = UnsafeArrayData.calculateHeaderPortionInBytes(count);
    Platform.putLong(bytes, offset, count);
    Platform.setMemory(bytes, offset + Long.BYTES, header - Long.BYTES, (byte) 0);
    return header;
  }
}
