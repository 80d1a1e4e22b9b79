package dev.sparkdropout.udf.kernel;

import dev.sparkdropout.core.DropoutSpec;
import dev.sparkdropout.core.NoiseLayout;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Kernels for {@code array<float>} and {@code array<double>}, called from Spark's generated code.
 * Each reads the row once into a primitive array, applies the shared core in place and returns an
 * {@link UnsafeArrayData}.
 */
public final class FlatArrays {

  private FlatArrays() {}

  public static ArrayData applyFloats(DropoutSpec spec, UTF8String column, long stream, int copy,
      ArrayData x) {
    if (x == null || spec.isIdentity()) {
      return x;
    }
    float[] values = x.toFloatArray();
    RowShapes.apply(spec, column, values, stream, copy);
    return ArrayNulls.restore(x, UnsafeArrayData.fromPrimitiveArray(values), Float.BYTES);
  }

  public static ArrayData applyDoubles(DropoutSpec spec, UTF8String column, long stream, int copy,
      ArrayData x) {
    if (x == null || spec.isIdentity()) {
      return x;
    }
    double[] values = x.toDoubleArray();
    RowShapes.apply(spec, column, values, stream, copy);
    return ArrayNulls.restore(x, UnsafeArrayData.fromPrimitiveArray(values), Double.BYTES);
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
