package dev.sparkdropout.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Values come out of their little-endian bytes bit for bit, from any offset, in a buffer that
 * grows with the row; a pair of floats reads as the long their bytes make; a row that does not
 * fit its bytes is refused before anything is copied.
 */
class RowValuesTest {

  @Test
  void floatsAreTheirBytesValues() {
    float[] x = {Float.NaN, Float.intBitsToFloat(0x7fc00001), -0.0f, 1.5f, -3e38f};
    for (int count : new int[] {x.length, 700}) {
      float[] values = new float[count];
      for (int i = 0; i < count; i++) {
        values[i] = i < x.length ? x[i] : i * 0.25f;
      }
      byte[] bytes = new byte[5 + count * Float.BYTES];
      LittleEndianValues.put(values, bytes, 5);
      float[] read = RowValues.floats(ThreadBuffers.get(), bytes, 5, count);
      assertThat(read.length).isGreaterThanOrEqualTo(count);
      for (int i = 0; i < count; i++) {
        assertThat(Float.floatToRawIntBits(read[i])).as("float %d", i)
            .isEqualTo(Float.floatToRawIntBits(values[i]));
      }
      for (int i = 0; i + 1 < count; i += 2) {
        assertThat(RowValues.floatPair(read, i)).as("pair %d", i)
            .isEqualTo((long) LittleEndianValues.LONGS.get(bytes, 5 + i * Float.BYTES));
      }
    }
  }

  @Test
  void doublesAreTheirBytesValues() {
    double[] values = {Double.NaN, Double.longBitsToDouble(0x7ff8000000000001L), -0.0, 1.5,
        Double.MIN_VALUE, -1e300};
    byte[] bytes = new byte[3 + values.length * Double.BYTES];
    LittleEndianValues.put(values, bytes, 3);
    double[] read = RowValues.doubles(ThreadBuffers.get(), bytes, 3, values.length);
    for (int i = 0; i < values.length; i++) {
      assertThat(Double.doubleToRawLongBits(read[i])).as("double %d", i)
          .isEqualTo(Double.doubleToRawLongBits(values[i]));
    }
  }

  @Test
  void aRowPastItsBytesIsRefused() {
    byte[] bytes = new byte[40];
    assertThatThrownBy(() -> RowValues.floats(ThreadBuffers.get(), bytes, 8, 9))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> RowValues.doubles(ThreadBuffers.get(), bytes, 1, 5))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
