package dev.sparkdropout.sql.kernel;

import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.Platform;

/** A NULL element stays NULL (docs/SPEC.md §2): copies the input's NULL slots to the output. */
final class ArrayNulls {

  /** An unsafe array's NULL bitmap follows its 8-byte element count. */
  private static final int BITMAP_OFFSET = 8;

  private ArrayNulls() {}

  /**
   * Marks the output NULL wherever the input is, with the slot's bytes zeroed: Spark compares
   * and hashes unsafe arrays byte by byte, so a NULL must look like every other NULL. An unsafe
   * input's bitmap is read a word at a time, visiting only its set bits.
   */
  static UnsafeArrayData restore(ArrayData input, UnsafeArrayData output, int elementSize) {
    int n = input.numElements();
    long values = output.getBaseOffset() + UnsafeArrayData.calculateHeaderPortionInBytes(n);
    if (!(input instanceof UnsafeArrayData)) {
      for (int i = 0; i < n; i++) {
        if (input.isNullAt(i)) {
          setNull(output, values, i, elementSize);
        }
      }
      return output;
    }
    UnsafeArrayData unsafe = (UnsafeArrayData) input;
    long bitmap = unsafe.getBaseOffset() + BITMAP_OFFSET;
    for (int word = 0; word < (n + 63) / 64; word++) {
      long bits = Platform.getLong(unsafe.getBaseObject(), bitmap + word * 8L);
      for (; bits != 0; bits &= bits - 1) {
        setNull(output, values, word * 64 + Long.numberOfTrailingZeros(bits), elementSize);
      }
    }
    return output;
  }

  /** Element {@code i} NULL, its slot at {@code values + i * elementSize} zeroed. */
  private static void setNull(UnsafeArrayData output, long values, int i, int elementSize) {
    UnsafeLayout.zero(output.getBaseObject(), values + (long) i * elementSize, elementSize);
    output.setNullAt(i);
  }
}
