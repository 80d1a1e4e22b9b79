package dev.sparkdropout.udf.kernel;

import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.Platform;

/** A NULL element stays NULL (SPEC section 2): copies the input's NULL slots to the output. */
final class ArrayNulls {

  private ArrayNulls() {}

  /**
   * Marks the output NULL wherever the input is, with the slot's bytes zeroed: Spark compares
   * and hashes unsafe arrays byte by byte, so a NULL must look like every other NULL.
   */
  static UnsafeArrayData restore(ArrayData input, UnsafeArrayData output, int elementSize) {
    if (!mayContainNull(input)) {
      return output;
    }
    int n = input.numElements();
    long values = output.getBaseOffset() + UnsafeArrayData.calculateHeaderPortionInBytes(n);
    for (int i = 0; i < n; i++) {
      if (input.isNullAt(i)) {
        Platform.setMemory(output.getBaseObject(), values + (long) i * elementSize, elementSize,
            (byte) 0);
        output.setNullAt(i);
      }
    }
    return output;
  }

  /** False when an unsafe array's null bitmap is all zero, checked a word at a time. */
  private static boolean mayContainNull(ArrayData input) {
    if (!(input instanceof UnsafeArrayData)) {
      return true;
    }
    UnsafeArrayData unsafe = (UnsafeArrayData) input;
    int n = unsafe.numElements();
    long bitmap = unsafe.getBaseOffset() + 8; // after the element count
    for (int word = 0; word < (n + 63) / 64; word++) {
      if (Platform.getLong(unsafe.getBaseObject(), bitmap + word * 8L) != 0) {
        return true;
      }
    }
    return false;
  }
}
