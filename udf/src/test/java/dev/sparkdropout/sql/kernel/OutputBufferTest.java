package dev.sparkdropout.sql.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.core.DropoutSpec;
import dev.sparkdropout.core.KeptArrays;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.execution.vectorized.OnHeapColumnVector;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.vectorized.ColumnarArray;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/**
 * Rows written one after another into one buffer are byte for byte the arrays a new buffer gives,
 * whatever the row before left behind: Spark compares and hashes unsafe arrays by their bytes.
 */
class OutputBufferTest {

  private static final UTF8String COLUMN = UTF8String.fromString("x");
  // Alpha dropout writes no zeros, so a byte left over from the row before would show.
  private static final DropoutSpec ALPHA = DropoutSpec.of(DropoutMethod.ALPHA_DROPOUT, 0.5, 9, null);

  @Test
  void floatRowsMatchNewArraysWhateverCameBefore() {
    OutputBuffer buffer = new OutputBuffer();
    // Longest first, so later rows land on its bytes: an odd count leaves 4 bytes of padding,
    // and the 70-float row has NULLs in both words of its bitmap, whose bits must not reach the
    // rows after it, of the same length or shorter.
    UnsafeArrayData withNulls = floats(70);
    withNulls.setNullAt(3);
    withNulls.setNullAt(69);
    UnsafeArrayData[] rows = {floats(71), withNulls, floats(70), floats(3), floats(0), floats(1)};
    for (int r = 0; r < rows.length; r++) {
      ArrayData fresh = FlatArrays.applyFloats(ALPHA, COLUMN, r, 0, rows[r], null);
      ArrayData reused = FlatArrays.applyFloats(ALPHA, COLUMN, r, 0, rows[r], buffer);
      assertThat(reused).as("row %d", r).isEqualTo(fresh);
      assertThat(reused.hashCode()).as("row %d", r).isEqualTo(fresh.hashCode());
    }
  }

  @Test
  void masksMatchNewArraysWhateverCameBefore() {
    OutputBuffer buffer = new OutputBuffer();
    // A mask's padding after an odd count, and a NULL's slot, must be zero, as in a new array.
    UnsafeArrayData withNulls = floats(13);
    withNulls.setNullAt(0);
    withNulls.setNullAt(12);
    UnsafeArrayData[] rows = {floats(70), withNulls, floats(9), floats(13), floats(0), floats(3)};
    for (int r = 0; r < rows.length; r++) {
      ArrayData fresh = FlatArrays.mask(ALPHA, COLUMN, r, 0, rows[r], null);
      ArrayData reused = FlatArrays.mask(ALPHA, COLUMN, r, 0, rows[r], buffer);
      assertThat(reused).as("row %d", r).isEqualTo(fresh);
      assertThat(reused.hashCode()).as("row %d", r).isEqualTo(fresh.hashCode());
    }
  }

  @Test
  void doubleRowsMatchNewArraysWhateverCameBefore() {
    OutputBuffer buffer = new OutputBuffer();
    for (int n : new int[] {65, 2, 64, 1}) {
      double[] values = new double[n];
      for (int i = 0; i < n; i++) {
        values[i] = i * 0.25 - 3;
      }
      UnsafeArrayData x = UnsafeArrayData.fromPrimitiveArray(values).copy();
      assertThat(FlatArrays.applyDoubles(ALPHA, COLUMN, n, 1, x, buffer))
          .as("%d doubles", n).isEqualTo(FlatArrays.applyDoubles(ALPHA, COLUMN, n, 1, x, null));
    }
  }

  @Test
  void columnVectorRowsMatchTheirUnsafeCopiesWhateverCameBefore() {
    // Parquet and ORC reads give the kernels column vectors, whose values are copied into the
    // buffer, where dropout runs in place: the row before's NULL bits and values must not remain.
    OnHeapColumnVector floats = new OnHeapColumnVector(200, DataTypes.FloatType);
    OnHeapColumnVector doubles = new OnHeapColumnVector(200, DataTypes.DoubleType);
    for (int i = 0; i < 200; i++) {
      floats.putFloat(i, 0.5f * i - 7);
      doubles.putDouble(i, 0.25 * i - 9);
    }
    for (int i : new int[] {3, 130}) {
      floats.putNull(i);
      doubles.putNull(i);
    }
    OutputBuffer floatBuffer = new OutputBuffer();
    OutputBuffer doubleBuffer = new OutputBuffer();
    int[][] rows = {{0, 140}, {140, 60}, {5, 3}, {10, 131}, {0, 0}}; // offset, length
    for (int r = 0; r < rows.length; r++) {
      ColumnarArray x = new ColumnarArray(floats, rows[r][0], rows[r][1]);
      ArrayData fromUnsafe = FlatArrays.applyFloats(ALPHA, COLUMN, r, 0,
          withNulls(UnsafeArrayData.fromPrimitiveArray(x.toFloatArray()).copy(), x), null);
      ArrayData reused = FlatArrays.applyFloats(ALPHA, COLUMN, r, 0, x, floatBuffer);
      assertThat(reused).as("float row %d", r).isEqualTo(fromUnsafe);
      assertThat(reused.hashCode()).as("float row %d", r).isEqualTo(fromUnsafe.hashCode());
      ColumnarArray y = new ColumnarArray(doubles, rows[r][0], rows[r][1]);
      assertThat(FlatArrays.applyDoubles(ALPHA, COLUMN, r, 1, y, doubleBuffer))
          .as("double row %d", r).isEqualTo(FlatArrays.applyDoubles(ALPHA, COLUMN, r, 1,
              withNulls(UnsafeArrayData.fromPrimitiveArray(y.toDoubleArray()).copy(), y), null));
    }
  }

  /** {@code copy}, an unsafe array on a {@code byte[]}, with the NULLs of {@code x}. */
  private static UnsafeArrayData withNulls(UnsafeArrayData copy, ArrayData x) {
    for (int i = 0; i < x.numElements(); i++) {
      if (x.isNullAt(i)) {
        copy.setNullAt(i);
      }
    }
    return copy;
  }

  @Test
  void aRowIsWrittenIntoTheBufferUntilALongerOneNeedsMore() {
    OutputBuffer buffer = new OutputBuffer();
    UnsafeArrayData first = (UnsafeArrayData) FlatArrays.applyFloats(ALPHA, COLUMN, 1, 0,
        floats(8), buffer);
    UnsafeArrayData shorter = (UnsafeArrayData) FlatArrays.applyFloats(ALPHA, COLUMN, 2, 0,
        floats(5), buffer);
    UnsafeArrayData longer = (UnsafeArrayData) FlatArrays.applyFloats(ALPHA, COLUMN, 3, 0,
        floats(9), buffer);
    assertThat(shorter.getBaseObject()).isSameAs(first.getBaseObject());
    assertThat(longer.getBaseObject()).isNotSameAs(first.getBaseObject());
  }

  @Test
  void anOutsizeRowIsWrittenIntoBytesOfItsOwn() {
    OutputBuffer buffer = new OutputBuffer();
    UnsafeArrayData first = (UnsafeArrayData) FlatArrays.applyFloats(ALPHA, COLUMN, 1, 0,
        floats(8), buffer);
    // Its values alone are as many bytes as a buffer keeps; with its header, more.
    UnsafeArrayData large = floats(KeptArrays.MAX_BYTES / Float.BYTES);
    ArrayData outsize = FlatArrays.applyFloats(ALPHA, COLUMN, 2, 0, large, buffer);
    assertThat(((UnsafeArrayData) outsize).getBaseObject()).isNotSameAs(first.getBaseObject());
    assertThat(outsize).isEqualTo(FlatArrays.applyFloats(ALPHA, COLUMN, 2, 0, large, null));
    UnsafeArrayData after = (UnsafeArrayData) FlatArrays.applyFloats(ALPHA, COLUMN, 3, 0,
        floats(8), buffer);
    assertThat(after.getBaseObject()).isSameAs(first.getBaseObject());
  }

  @Test
  void scratchOfAnOutsizeRowIsItsOwn() {
    OutputBuffer buffer = new OutputBuffer();
    byte[] kept = OutputBuffer.scratch(buffer, KeptArrays.MAX_BYTES);
    byte[] outsize = OutputBuffer.scratch(buffer, KeptArrays.MAX_BYTES + 1);
    assertThat(outsize).hasSizeGreaterThan(KeptArrays.MAX_BYTES).isNotSameAs(kept);
    assertThat(OutputBuffer.scratch(buffer, 10)).isSameAs(kept);
  }

  private static UnsafeArrayData floats(int n) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = 1.5f + i;
    }
    // On a byte[], as the arrays of Spark's rows are, whose values the kernels read in place.
    return UnsafeArrayData.fromPrimitiveArray(values).copy();
  }
}
