package dev.sparkdropout.sql.kernel;

import dev.sparkdropout.core.DropoutSpec;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Kernels for {@code array<float>} and {@code array<double>}, called from Spark's generated code.
 * Each returns an {@link UnsafeArrayData}, written into the call's {@link OutputBuffer} when it
 * has one; values go through {@link UnsafeValues}.
 */
public final class FlatArrays {

  private FlatArrays() {}

  public static ArrayData applyFloats(DropoutSpec spec, UTF8String column, long stream, int copy,
      ArrayData x, OutputBuffer buffer) {
    if (x == null || spec.isIdentity()) {
      return x;
    }
    return UnsafeValues.dropout(spec, column, x, Float.BYTES, stream, copy, buffer);
  }

  public static ArrayData applyDoubles(DropoutSpec spec, UTF8String column, long stream, int copy,
      ArrayData x, OutputBuffer buffer) {
    if (x == null || spec.isIdentity()) {
      return x;
    }
    return UnsafeValues.dropout(spec, column, x, Double.BYTES, stream, copy, buffer);
  }

  /**
   * The binary mask, {@code array<tinyint>}: 1 kept, 0 dropped, NULL where the element is;
   * written into {@code buffer} when there is one.
   */
  public static ArrayData mask(DropoutSpec spec, UTF8String column, long stream, int copy,
      ArrayData x, OutputBuffer buffer) {
    if (x == null) {
      return null;
    }
    int n = x.numElements();
    UnsafeArrayData mask = OutputBuffer.array(buffer, column, n, Byte.BYTES);
    spec.writeMask(RowShapes.layout(spec, column, n), stream, copy,
        (byte[]) mask.getBaseObject(), UnsafeArrayData.calculateHeaderPortionInBytes(n));
    return ArrayNulls.restore(x, mask, Byte.BYTES);
  }
}
