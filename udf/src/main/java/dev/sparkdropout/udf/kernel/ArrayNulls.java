package dev.sparkdropout.udf.kernel;

import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;

/** A NULL element stays NULL (SPEC section 2): copies the input's NULL slots to the output. */
final class ArrayNulls {

  private ArrayNulls() {}

  static UnsafeArrayData restore(ArrayData input, UnsafeArrayData output) {
    int n = input.numElements();
    for (int i = 0; i < n; i++) {
      if (input.isNullAt(i)) {
        output.setNullAt(i);
      }
    }
    return output;
  }
}
