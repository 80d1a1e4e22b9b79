package dev.sparkdropout.sql.kernel;

import dev.sparkdropout.core.DropoutSpec;
import dev.sparkdropout.core.NoiseShapeException;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Dropout of a flat array of floats or doubles into Spark's unsafe layout: the core reads an
 * unsafe input's little-endian values where they are and writes the result, after the input's
 * header, into the call's {@link OutputBuffer} (a new array without one): no copy into Java
 * arrays. Other inputs, such as the column vectors of Parquet and ORC reads, are copied into the
 * result once.
 */
final class UnsafeValues {

  private UnsafeValues() {}

  /**
   * {@code x}'s dropout; {@code elementSize} is 4 for floats and 8 for doubles. The result is
   * written into {@code buffer}, or a new array when it is NULL.
   */
  static UnsafeArrayData dropout(DropoutSpec spec, UTF8String column, ArrayData x,
      int elementSize, long stream, int copy, OutputBuffer buffer) {
    int n = x.numElements();
    int header = UnsafeArrayData.calculateHeaderPortionInBytes(n);
    UnsafeArrayData result = OutputBuffer.array(buffer, column, n, elementSize);
    byte[] out = (byte[]) result.getBaseObject();
    byte[] in;
    int inOffset;
    if (onHeap(x)) {
      // Rows read from caches, shuffles and row-based files: the values are read where they are.
      UnsafeArrayData unsafe = (UnsafeArrayData) x;
      in = (byte[]) unsafe.getBaseObject();
      inOffset = Math.toIntExact(unsafe.getBaseOffset() - Platform.BYTE_ARRAY_OFFSET) + header;
    } else {
      // Column vectors (Parquet and ORC reads) and other arrays: their values are copied into the
      // result once, and dropout runs there in place.
      in = out;
      inOffset = header;
      if (elementSize == Float.BYTES) {
        Platform.copyMemory(x.toFloatArray(), Platform.FLOAT_ARRAY_OFFSET, out,
            Platform.BYTE_ARRAY_OFFSET + header, (long) n * Float.BYTES);
      } else {
        Platform.copyMemory(x.toDoubleArray(), Platform.DOUBLE_ARRAY_OFFSET, out,
            Platform.BYTE_ARRAY_OFFSET + header, (long) n * Double.BYTES);
      }
    }
    try {
      if (elementSize == Float.BYTES) {
        spec.applyFloats(in, inOffset, out, header, n, stream, copy);
      } else {
        spec.applyDoubles(in, inOffset, out, header, n, stream, copy);
      }
    } catch (NoiseShapeException e) {
      throw RowShapes.rowError(column, e.getMessage());
    }
    return ArrayNulls.restore(x, result, elementSize);
  }

  /** Whether {@code x} is an unsafe array on a {@code byte[]}, whose bytes can be read directly. */
  static boolean onHeap(ArrayData x) {
    return x instanceof UnsafeArrayData && ((UnsafeArrayData) x).getBaseObject() instanceof byte[];
  }
}
