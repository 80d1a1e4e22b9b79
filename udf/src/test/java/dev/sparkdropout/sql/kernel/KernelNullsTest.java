package dev.sparkdropout.sql.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.core.DropoutSpec;
import java.util.Arrays;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/** NULL elements come out NULL with zeroed bytes, from generic and unsafe inputs alike. */
class KernelNullsTest {

  private static final UTF8String COLUMN = UTF8String.fromString("x");
  private static final DropoutSpec ALPHA = DropoutSpec.of(DropoutMethod.ALPHA_DROPOUT, 0.5, 1, null);

  @Test
  void floatNullSlotsAreNullAndZero() {
    ArrayData x = new GenericArrayData(new Object[] {1.0f, null, 3.0f});
    ArrayData y = FlatArrays.applyFloats(ALPHA, COLUMN, 7, 0, x, null);
    assertThat(y.isNullAt(1)).isTrue();
    assertThat(Float.floatToRawIntBits(y.toFloatArray()[1])).isZero();
    assertThat(y.isNullAt(0) || y.isNullAt(2)).isFalse();
    // A NULL must be byte-identical to any other NULL, or unsafe equality breaks.
    UnsafeArrayData fromUnsafe = (UnsafeArrayData) FlatArrays.applyFloats(ALPHA, COLUMN, 7, 0,
        UnsafeArrayData.fromPrimitiveArray(new float[] {1.0f, 0.0f, 3.0f}), null);
    assertThat(y).isEqualTo(withNull(fromUnsafe, 1));
  }

  @Test
  void doubleAndMaskNullSlotsAreNullAndZero() {
    ArrayData x = new GenericArrayData(new Object[] {null, 2.0, null});
    ArrayData y = FlatArrays.applyDoubles(ALPHA, COLUMN, 3, 0, x, null);
    assertThat(y.isNullAt(0) && y.isNullAt(2)).isTrue();
    assertThat(Double.doubleToRawLongBits(y.toDoubleArray()[0])).isZero();
    ArrayData mask = FlatArrays.mask(ALPHA, COLUMN, 3, 0, x, null);
    assertThat(mask.isNullAt(0) && mask.isNullAt(2) && !mask.isNullAt(1)).isTrue();
    assertThat(mask.toByteArray()[0]).isZero();
  }

  @Test
  void unsafeInputWithoutNullsGivesNoNulls() {
    ArrayData y = FlatArrays.applyFloats(ALPHA, COLUMN, 3, 0,
        UnsafeArrayData.fromPrimitiveArray(new float[130]), null);
    for (int i = 0; i < y.numElements(); i++) {
      assertThat(y.isNullAt(i)).isFalse();
    }
  }

  @Test
  void unsafeInputWithANullBeyondTheFirstBitmapWord() {
    UnsafeArrayData x = UnsafeArrayData.fromPrimitiveArray(new double[130]);
    x.setNullAt(129);
    ArrayData y = FlatArrays.applyDoubles(ALPHA, COLUMN, 3, 0, x, null);
    assertThat(y.isNullAt(129)).isTrue();
    assertThat(y.isNullAt(128)).isFalse();
  }

  @Test
  void unsafeInputNullsInEveryBitmapWordAndAtItsTopBit() {
    int[] nulls = {0, 1, 63, 64, 127, 190, 199};
    float[] values = new float[200];
    Arrays.fill(values, 2.5f);
    UnsafeArrayData x = UnsafeArrayData.fromPrimitiveArray(values);
    for (int i : nulls) {
      x.setNullAt(i);
    }
    ArrayData y = FlatArrays.applyFloats(ALPHA, COLUMN, 3, 0, x, null);
    ArrayData mask = FlatArrays.mask(ALPHA, COLUMN, 3, 0, x, null);
    for (int i = 0; i < values.length; i++) {
      boolean isNull = Arrays.binarySearch(nulls, i) >= 0;
      assertThat(y.isNullAt(i)).as("value %d", i).isEqualTo(isNull);
      assertThat(mask.isNullAt(i)).as("mask %d", i).isEqualTo(isNull);
      if (isNull) {
        assertThat(Float.floatToRawIntBits(y.getFloat(i))).as("value bytes %d", i).isZero();
        assertThat(mask.getByte(i)).as("mask byte %d", i).isZero();
      }
    }
  }

  private static UnsafeArrayData withNull(UnsafeArrayData array, int ordinal) {
    UnsafeArrayData copy = array.copy();
    copy.setFloat(ordinal, 0.0f);
    copy.setNullAt(ordinal);
    return copy;
  }
}
