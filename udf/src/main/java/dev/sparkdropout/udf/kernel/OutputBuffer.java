package dev.sparkdropout.udf.kernel;

import org.apache.spark.unsafe.Platform;

/**
 * The bytes one call of a kernel in Spark's generated code writes its result into, row after
 * row, so that a row allocates no new array: a new array of a row's size is much of what copying
 * it costs, as every row's array lands in memory the caches have not seen. A result is then valid
 * until the same call runs again, like an array read from one of Spark's rows, which points into
 * memory the next row reuses; so Spark copies any array it keeps longer (in its mutable rows,
 * sorts, caches, shuffles, and a lambda's results).
 */
public final class OutputBuffer {

  private byte[] bytes = new byte[0];

  /** Made by Spark's generated code, one for each call. */
  public OutputBuffer() {}

  /**
   * At least {@code size} bytes, a multiple of 8, with the last 8 of them zero: an unsafe array's
   * padding after an odd number of floats must be zero as in a new array, since unsafe arrays
   * compare and hash by their bytes.
   */
  byte[] bytes(int size) {
    if (bytes.length < size) {
      bytes = new byte[size];
    } else {
      Platform.putLong(bytes, Platform.BYTE_ARRAY_OFFSET + size - Long.BYTES, 0L);
    }
    return bytes;
  }
}
