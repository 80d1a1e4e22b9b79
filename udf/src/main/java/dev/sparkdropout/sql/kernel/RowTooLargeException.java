package dev.sparkdropout.sql.kernel;

import java.util.Locale;
import org.apache.spark.unsafe.array.ByteArrayMethods;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A row whose result, or the values a kernel works on, would need more bytes than one Spark
 * array holds: the kernels write a row into one array. One line naming the column and the row's
 * size, where int arithmetic would overflow.
 */
public final class RowTooLargeException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** The most bytes one Spark array holds. */
  static final int MAX_BYTES = ByteArrayMethods.MAX_ROUNDED_ARRAY_LENGTH;

  /** @param elements the row's size, such as {@code 2147483647} or {@code 1000 x 1000 x 5000} */
  RowTooLargeException(UTF8String column, String elements, int elementSize) {
    super(String.format(Locale.ROOT,
        "Column `%s`: a row of %s elements of %d %s needs more than %d bytes, the most one "
            + "Spark array holds",
        column, elements, elementSize, elementSize == 1 ? "byte" : "bytes", MAX_BYTES));
  }

  /**
   * {@code bytes}, what a row of {@code elements} elements of {@code elementSize} bytes needs,
   * as an int; this error when one Spark array cannot hold them.
   */
  static int bytes(UTF8String column, long bytes, long elements, int elementSize) {
    if (bytes > MAX_BYTES) {
      throw new RowTooLargeException(column, Long.toString(elements), elementSize);
    }
    return (int) bytes;
  }
}
