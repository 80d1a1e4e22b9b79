package dev.sparkdropout.udf.kernel;

import dev.sparkdropout.core.DropoutSpec;
import dev.sparkdropout.core.NoiseLayout;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Kernels for {@code array<float>} and {@code array<double>}, called from Spark's generated code.
 * Each returns an {@link UnsafeArrayData}; values go through {@link UnsafeValues}, into the
 * call's {@link OutputBuffer} when it has one.
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

  /** The binary mask, {@code array<tinyint>}: 1 kept, 0 dropped, NULL where the element is. */
  public static ArrayData mask(DropoutSpec spec, UTF8String column, long stream, int copy,
      ArrayData x) {
    if (x == null) {
      return null;
    }
    int n = x.numElements();
    NoiseLayout layout = RowShapes.layout(spec, column, n);
    byte[] mask = DropoutSpec.expand(spec.keepMask(stream, copy, layout.noiseSize()), layout, n);
    return ArrayNulls.restore(x, UnsafeArrayData.fromPrimitiveArray(mask), Byte.BYTES);
  }
}
