package dev.sparkdropout.sql.kernel;

import dev.sparkdropout.core.KeptArrays;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The bytes one call of a kernel in Spark's generated code writes its result into, row after
 * row, so that a row allocates no new array: a new array of a row's size is much of what copying
 * it costs, as every row's array lands in memory the caches have not seen. A result is then valid
 * until the same call runs again, like an array read from one of Spark's rows, which points into
 * memory the next row reuses; so Spark copies any array it keeps longer (in its mutable rows,
 * sorts, caches, shuffles, and a lambda's results). A row too large for {@link KeptArrays} is
 * written into bytes of its own, which the buffer does not keep.
 */
public final class OutputBuffer {

  private byte[] bytes = new byte[0];
  private byte[] scratch = new byte[0];

  /** Made by Spark's generated code, one for each call. */
  public OutputBuffer() {}

  /**
   * An unsafe array of {@code count} elements of {@code elementSize} bytes, its count written and
   * no element NULL, for a kernel to write the values of: in {@code buffer}, or new where that is
   * NULL.
   *
   * @throws RowTooLargeException naming {@code column} when one array cannot hold them
   */
  static UnsafeArrayData array(OutputBuffer buffer, UTF8String column, int count,
      int elementSize) {
    int size = RowTooLargeException.bytes(column, UnsafeLayout.size(count, elementSize), count,
        elementSize);
    byte[] bytes = bytes(buffer, size);
    UnsafeLayout.start(bytes, Platform.BYTE_ARRAY_OFFSET, count);
    UnsafeArrayData array = new UnsafeArrayData();
    array.pointTo(bytes, Platform.BYTE_ARRAY_OFFSET, size);
    return array;
  }

  /**
   * At least {@code size} bytes for a result, a multiple of 8, with the last 8 of them zero: in
   * {@code buffer}, or new where that is NULL or they are more than it keeps. An unsafe array's
   * padding after an odd number of floats must be zero as in a new array, since unsafe arrays
   * compare and hash by their bytes.
   */
  static byte[] bytes(OutputBuffer buffer, int size) {
    if (buffer == null) {
      return new byte[size];
    }
    if (buffer.bytes.length < size) {
      if (!KeptArrays.keep(size, Byte.BYTES)) {
        return new byte[size];
      }
      buffer.bytes = new byte[size];
    } else {
      Platform.putLong(buffer.bytes, Platform.BYTE_ARRAY_OFFSET + size - Long.BYTES, 0L);
    }
    return buffer.bytes;
  }

  /**
   * At least {@code size} bytes for a kernel's work on one row, apart from its result: in
   * {@code buffer}, where what they held before is left, or new where that is NULL or they are
   * more than it keeps.
   */
  static byte[] scratch(OutputBuffer buffer, int size) {
    if (buffer == null) {
      return new byte[size];
    }
    if (buffer.scratch.length < size) {
      if (!KeptArrays.keep(size, Byte.BYTES)) {
        return new byte[size];
      }
      buffer.scratch = new byte[size];
    }
    return buffer.scratch;
  }
}
