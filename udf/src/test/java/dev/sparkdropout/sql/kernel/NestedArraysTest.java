package dev.sparkdropout.sql.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.core.DropoutSpec;
import dev.sparkdropout.core.NoiseShape;
import java.util.Arrays;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/**
 * Nested rows as Spark's rows hold them (unsafe arrays on a {@code byte[]}) are worked on in a
 * copy of their bytes; other nested rows are written out in the unsafe layout first. Both must
 * give the same bytes, and those Spark writes for the result's values, whatever an earlier row
 * left in the buffer.
 */
class NestedArraysTest {

  private static final UTF8String COLUMN = UTF8String.fromString("x");
  private static final DataType FLOAT_ROWS =
      DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType));
  private static final DataType DOUBLE_CUBES = DataTypes.createArrayType(
      DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.DoubleType)));

  @Test
  void unsafeRowsOfFloatsMatchRowsOfObjectsWhateverCameBefore() {
    // Alpha dropout writes no zeros, so a NULL slot or a byte left over from a row before shows.
    for (NoiseShape shape : new NoiseShape[] {null, NoiseShape.of(1, -1), NoiseShape.of(-1, 1)}) {
      DropoutSpec spec = DropoutSpec.of(DropoutMethod.ALPHA_DROPOUT, 0.4, 9, shape);
      OutputBuffer buffer = new OutputBuffer();
      // Longest first, so later rows land on its bytes; NULL inner arrays and elements between.
      GenericArrayData[] rows = {
          floatRows(6, 70, -1, -1), floatRows(3, 5, 1, 4), floatRows(2, 3, -1, 2),
          floatRows(4, 17, 2, -1), floatRows(0, 0, -1, -1)};
      for (int r = 0; r < rows.length; r++) {
        UnsafeArrayData expected = unsafe(FLOAT_ROWS,
            NestedArrays.applyFloats(spec, COLUMN, r, 1, rows[r], 2, null));
        ArrayData x = unsafe(FLOAT_ROWS, rows[r]);
        ArrayData fresh = NestedArrays.applyFloats(spec, COLUMN, r, 1, x, 2, null);
        ArrayData reused = NestedArrays.applyFloats(spec, COLUMN, r, 1, x, 2, buffer);
        assertThat(fresh).as("row %d, noise shape %s", r, shape).isEqualTo(expected);
        assertThat(reused).as("row %d, noise shape %s", r, shape).isEqualTo(expected);
        assertThat(reused.hashCode()).as("row %d", r).isEqualTo(expected.hashCode());
        assertThat(expected).as("row %d", r).isEqualTo(asSparkWritesIt(FLOAT_ROWS, expected));
      }
    }
  }

  @Test
  void unsafeCubesOfDoublesMatchCubesOfObjects() {
    OutputBuffer buffer = new OutputBuffer();
    for (NoiseShape shape : new NoiseShape[] {null, NoiseShape.of(1, -1, 1)}) {
      DropoutSpec spec = DropoutSpec.of(DropoutMethod.ALPHA_DROPOUT, 0.3, -2, shape);
      for (int r = 0; r < 3; r++) {
        Object[] planes = new Object[3];
        for (int p = 0; p < planes.length; p++) {
          planes[p] = p == r ? null : doubleRows(4, 3, p, r);
        }
        GenericArrayData cube = new GenericArrayData(planes);
        UnsafeArrayData expected = unsafe(DOUBLE_CUBES,
            NestedArrays.applyDoubles(spec, COLUMN, r, 0, cube, 3, null));
        ArrayData reused = NestedArrays.applyDoubles(spec, COLUMN, r, 0,
            unsafe(DOUBLE_CUBES, cube), 3, buffer);
        assertThat(reused).as("cube %d, noise shape %s", r, shape).isEqualTo(expected);
        assertThat(expected).as("cube %d", r).isEqualTo(asSparkWritesIt(DOUBLE_CUBES, expected));
      }
    }
  }

  @Test
  void masksOfRowsOfObjectsAndOfUnsafeRowsAreWhatSparkWrites() {
    DataType maskRows =
        DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.ByteType));
    for (NoiseShape shape : new NoiseShape[] {null, NoiseShape.of(1, -1)}) {
      DropoutSpec spec = DropoutSpec.of(DropoutMethod.DROPOUT, 0.5, 4, shape);
      OutputBuffer buffer = new OutputBuffer();
      // Longest first, rows of 1, 6 and 9 bytes (padded to 8 and 16) after it.
      GenericArrayData[] rows = {
          floatRows(4, 70, 1, 5), floatRows(3, 1, -1, -1), floatRows(2, 6, 0, 3),
          floatRows(5, 9, 4, -1)};
      for (int r = 0; r < rows.length; r++) {
        ArrayData objects = NestedArrays.mask(spec, COLUMN, r, 0, rows[r], 2, buffer).copy();
        ArrayData unsafe =
            NestedArrays.mask(spec, COLUMN, r, 0, unsafe(FLOAT_ROWS, rows[r]), 2, buffer);
        assertThat(unsafe).as("row %d, noise shape %s", r, shape).isEqualTo(objects);
        assertThat(objects).as("row %d, noise shape %s", r, shape)
            .isEqualTo(asSparkWritesIt(maskRows, objects));
      }
    }
  }

  /**
   * {@code rows} arrays of {@code width} floats; the array at {@code nullRow} is NULL, and each
   * array's element at {@code nullElement} too (-1: none).
   */
  private static GenericArrayData floatRows(int rows, int width, int nullRow, int nullElement) {
    Object[] outer = new Object[rows];
    for (int r = 0; r < rows; r++) {
      if (r == nullRow) {
        continue;
      }
      Object[] inner = new Object[width];
      for (int i = 0; i < width; i++) {
        inner[i] = i == nullElement ? null : (Object) (0.75f * i - r);
      }
      outer[r] = new GenericArrayData(inner);
    }
    return new GenericArrayData(outer);
  }

  private static GenericArrayData doubleRows(int rows, int width, int plane, int nullRow) {
    Object[] outer = new Object[rows];
    for (int r = 0; r < rows; r++) {
      Object[] inner = new Object[width];
      for (int i = 0; i < width; i++) {
        inner[i] = r == nullRow && i == 1 ? null : (Object) (0.5 * i - r + plane);
      }
      outer[r] = new GenericArrayData(inner);
    }
    return new GenericArrayData(outer);
  }

  /**
   * The unsafe bytes Spark writes for {@code value}'s elements: {@code value} copied into arrays
   * of objects, then written as below.
   */
  private static UnsafeArrayData asSparkWritesIt(DataType type, ArrayData value) {
    return unsafe(type, objects(value, ((ArrayType) type).elementType()));
  }

  private static GenericArrayData objects(ArrayData array, DataType elementType) {
    Object[] elements = array.toObjectArray(elementType);
    if (elementType instanceof ArrayType) {
      for (int i = 0; i < elements.length; i++) {
        if (elements[i] != null) {
          elements[i] = objects((ArrayData) elements[i], ((ArrayType) elementType).elementType());
        }
      }
    }
    return new GenericArrayData(elements);
  }

  /** {@code value} as Spark writes it into a row, an unsafe array on a {@code byte[]} alone. */
  private static UnsafeArrayData unsafe(DataType type, ArrayData value) {
    InternalRow row = new GenericInternalRow(new Object[] {value});
    return UnsafeProjection.create(new DataType[] {type}).apply(row).getArray(0).copy();
  }

  @Test
  void rowsTooLargeForOneArrayNameColumnSizeAndLimit() {
    // 100000 references to one leaf of 100000 floats: 10^10 elements in a few hundred KB.
    ArrayData leaf = UnsafeArrayData.fromPrimitiveArray(new float[100_000]);
    Object[] leaves = new Object[100_000];
    Arrays.fill(leaves, leaf);
    DropoutSpec spec = DropoutSpec.of(DropoutMethod.DROPOUT, 0.3, 1, null);
    assertThatThrownBy(() -> NestedArrays.applyFloats(spec, COLUMN, 0, 0,
        new GenericArrayData(leaves), 2, null))
        .isInstanceOf(RowTooLargeException.class)
        .hasMessage("Column `x`: a row of 10000000000 elements of 4 bytes needs more than "
            + "2147483632 bytes, the most one Spark array holds");
    // With a noise shape, a NULL leaf stands for the leaf's 100000 positions.
    Object[] mostlyNull = new Object[100_000];
    mostlyNull[0] = leaf;
    DropoutSpec shaped = DropoutSpec.of(DropoutMethod.DROPOUT, 0.3, 1, NoiseShape.of(-1, -1));
    assertThatThrownBy(() -> NestedArrays.mask(shaped, COLUMN, 0, 0,
        new GenericArrayData(mostlyNull), 2, null))
        .isInstanceOf(RowTooLargeException.class)
        .hasMessage("Column `x`: a row of 100000 x 100000 elements of 1 byte needs more than "
            + "2147483632 bytes, the most one Spark array holds");
  }
}
