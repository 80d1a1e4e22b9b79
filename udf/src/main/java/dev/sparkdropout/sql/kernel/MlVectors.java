package dev.sparkdropout.sql.kernel;

import dev.sparkdropout.core.DropoutSpec;
import dev.sparkdropout.core.NoiseShapeException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Kernels for Spark ML (and MLlib) vectors, in their Catalyst form
 * {@code struct<type: tinyint, size: int, indices: array<int>, values: array<double>>}.
 * A vector is a rank-1 tensor; a sparse entry uses its dense index, so a sparse vector gets the
 * same mask as its dense twin (docs/SPEC.md §5). Dropout and Gaussian dropout keep a sparse
 * vector sparse (implicit zeros stay zero) and draw only for its stored entries, so a vector of
 * size 2^24 with 100 entries costs what 100 elements do; alpha dropout and Gaussian noise move
 * every element, so their result is dense.
 */
public final class MlVectors {

  private static final int TYPE = 0;
  private static final int SIZE = 1;
  private static final int INDICES = 2;
  private static final int VALUES = 3;
  private static final byte SPARSE = 0;
  private static final byte DENSE = 1;

  private MlVectors() {}

  /**
   * The Catalyst value is passed as {@code Object}: that is the Java class Spark uses for a UDT.
   * A dense vector's values go into {@code buffer} when there is one (see {@link OutputBuffer}).
   */
  public static InternalRow apply(DropoutSpec spec, UTF8String column, long stream, int copy,
      Object vector, OutputBuffer buffer) {
    InternalRow row = (InternalRow) vector;
    if (row == null || spec.isIdentity()) {
      return row;
    }
    if (row.getByte(TYPE) == DENSE) {
      return dense(UnsafeValues.dropout(spec, column, row.getArray(VALUES), Double.BYTES, stream,
          copy, buffer));
    }
    int size = row.getInt(SIZE);
    ArrayData indices = row.getArray(INDICES);
    double[] values = row.getArray(VALUES).toDoubleArray();
    if (!spec.method().keepsSparse()) {
      // Before any array of the vector's size: the result must fit one Spark array.
      RowTooLargeException.bytes(column, UnsafeLayout.size(size, Double.BYTES), size,
          Double.BYTES);
      double[] dense = new double[size];
      for (int k = 0; k < values.length; k++) {
        dense[indices.getInt(k)] = values[k];
      }
      return dense(UnsafeValues.dropout(spec, column, UnsafeArrayData.fromPrimitiveArray(dense),
          Double.BYTES, stream, copy, buffer));
    }
    try {
      spec.applyAt(values, stream, copy, size, indices.toIntArray());
    } catch (NoiseShapeException e) {
      throw RowShapes.rowError(column, e.getMessage());
    }
    GenericInternalRow sparse = new GenericInternalRow(4);
    sparse.setByte(TYPE, SPARSE);
    sparse.setInt(SIZE, size);
    sparse.update(INDICES, indices.copy());
    sparse.update(VALUES, UnsafeArrayData.fromPrimitiveArray(values));
    return sparse;
  }

  /**
   * The binary mask of the vector's dense form, {@code array<tinyint>} of its size, written into
   * {@code buffer} when there is one.
   */
  public static ArrayData mask(DropoutSpec spec, UTF8String column, long stream, int copy,
      Object vector, OutputBuffer buffer) {
    InternalRow row = (InternalRow) vector;
    if (row == null) {
      return null;
    }
    int size = row.getByte(TYPE) == DENSE ? row.getArray(VALUES).numElements() : row.getInt(SIZE);
    UnsafeArrayData mask = OutputBuffer.array(buffer, column, size, Byte.BYTES);
    spec.writeMask(RowShapes.layout(spec, column, size), stream, copy,
        (byte[]) mask.getBaseObject(), UnsafeArrayData.calculateHeaderPortionInBytes(size));
    return mask;
  }

  private static InternalRow dense(UnsafeArrayData values) {
    GenericInternalRow dense = new GenericInternalRow(4);
    dense.setByte(TYPE, DENSE);
    dense.setNullAt(SIZE);
    dense.setNullAt(INDICES);
    dense.update(VALUES, values);
    return dense;
  }
}
