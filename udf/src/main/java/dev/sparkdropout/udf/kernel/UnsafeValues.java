package dev.sparkdropout.udf.kernel;

import dev.sparkdropout.core.DropoutSpec;
import dev.sparkdropout.core.NoiseShapeException;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Dropout of a flat array of floats or doubles straight from Spark's unsafe layout: the core
 * reads the input's little-endian values where they are and writes the result, after the input's
 * header, into the call's {@link OutputBuffer} (a new array without one): no copy into Java
 * arrays.
 */
final class UnsafeValues {

  private UnsafeValues() {}

  /**
   * {@code x}'s dropout; {@code elementSize} is 4 for floats and 8 for doubles. The result is
   * written into {@code buffer}, or a new array when it is NULL.
   */
  static UnsafeArrayData dropout(DropoutSpec spec, UTF8String column, ArrayData x,
      int elementSize, long stream, int copy, OutputBuffer buffer) {
    UnsafeArrayData in = onHeap(x, elementSize);
    int n = in.numElements();
    int header = UnsafeArrayData.calculateHeaderPortionInBytes(n);
    int size = in.getSizeInBytes();
    byte[] out = buffer == null ? new byte[size] : buffer.bytes(size);
    // The element count and the NULL bits.
    Platform.copyMemory(in.getBaseObject(), in.getBaseOffset(), out, Platform.BYTE_ARRAY_OFFSET,
        header);
    byte[] inBytes = (byte[]) in.getBaseObject();
    int inOffset = Math.toIntExact(in.getBaseOffset() - Platform.BYTE_ARRAY_OFFSET) + header;
    try {
      if (elementSize == Float.BYTES) {
        spec.applyFloats(inBytes, inOffset, out, header, n, stream, copy);
      } else {
        spec.applyDoubles(inBytes, inOffset, out, header, n, stream, copy);
      }
    } catch (NoiseShapeException e) {
      throw RowShapes.rowError(column, e.getMessage());
    }
    UnsafeArrayData result = new UnsafeArrayData();
    result.pointTo(out, Platform.BYTE_ARRAY_OFFSET, size);
    return ArrayNulls.restore(x, result, elementSize);
  }

  /**
   * {@code x} as an unsafe array on a {@code byte[]}: itself when it is one (rows read from
   * files, caches and shuffles are), else a copy.
   */
  private static UnsafeArrayData onHeap(ArrayData x, int elementSize) {
    if (x instanceof UnsafeArrayData && ((UnsafeArrayData) x).getBaseObject() instanceof byte[]) {
      return (UnsafeArrayData) x;
    }
    UnsafeArrayData unsafe = x instanceof UnsafeArrayData ? (UnsafeArrayData) x
        : elementSize == Float.BYTES ? UnsafeArrayData.fromPrimitiveArray(x.toFloatArray())
        : UnsafeArrayData.fromPrimitiveArray(x.toDoubleArray());
    return unsafe.copy(); // always onto a byte[]
  }
}
