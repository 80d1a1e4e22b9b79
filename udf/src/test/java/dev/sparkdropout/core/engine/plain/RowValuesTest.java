package dev.sparkdropout.core.engine.plain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkdropout.core.engine.LittleEndianValues;
import dev.sparkdropout.core.engine.RowArrays;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Values come out of their little-endian bytes bit for bit, from any offset, in a buffer that
 * grows with the row; a pair of floats reads as the long their bytes make; a row that does not
 * fit its bytes is refused before anything is copied. The arrays are reused row after row and
 * grow as rows need, up to what {@link RowArrays} keeps: a larger row's are its own; other
 * threads have their own.
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
      float[] read = RowValues.get().floats(bytes, 5, count);
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
    double[] read = RowValues.get().doubles(bytes, 3, values.length);
    for (int i = 0; i < values.length; i++) {
      assertThat(Double.doubleToRawLongBits(read[i])).as("double %d", i)
          .isEqualTo(Double.doubleToRawLongBits(values[i]));
    }
  }

  @Test
  void aRowPastItsBytesIsRefused() {
    byte[] bytes = new byte[40];
    assertThatThrownBy(() -> RowValues.get().floats(bytes, 8, 9))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> RowValues.get().doubles(bytes, 1, 5))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void arraysAreReusedAndGrowAsRowsNeed() {
    RowValues values = RowValues.get();
    assertThat(RowValues.get()).isSameAs(values);
    float[] floats = values.floats(10);
    assertThat(values.floats(floats.length)).isSameAs(floats);
    assertThat(values.floats(floats.length + 1)).hasSizeGreaterThan(floats.length);
    assertThat(values.doubles(5000)).hasSizeGreaterThanOrEqualTo(5000);
  }

  @Test
  void anOutsizeRowsArraysAreItsOwnAndTheNextRowsReuseTheKeptOnes() {
    RowValues values = RowValues.get();
    int floats = RowArrays.MAX_BYTES / Float.BYTES;
    int doubles = RowArrays.MAX_BYTES / Double.BYTES;
    float[] keptFloats = values.floats(floats);
    double[] keptDoubles = values.doubles(doubles);
    assertThat(values.floats(floats + 1)).isNotSameAs(keptFloats);
    assertThat(values.doubles(doubles + 1)).isNotSameAs(keptDoubles);
    assertThat(values.floats(1000)).isSameAs(keptFloats).hasSize(floats);
    assertThat(values.doubles(1000)).isSameAs(keptDoubles).hasSize(doubles);
  }

  @Test
  void keptArraysDoubleNoFurtherThanTheBound() throws Exception {
    // A thread of its own, whose arrays no other test has grown.
    float[] grown = CompletableFuture.supplyAsync(() -> {
      RowValues values = RowValues.get();
      values.floats(RowArrays.MAX_BYTES / Float.BYTES * 3 / 4);
      return values.floats(RowArrays.MAX_BYTES / Float.BYTES * 3 / 4 + 1);
    }, runnable -> new Thread(runnable).start()).get();
    assertThat(grown).hasSize(RowArrays.MAX_BYTES / Float.BYTES);
  }

  @Test
  void eachThreadHasItsOwn() throws Exception {
    RowValues mine = RowValues.get();
    RowValues other = CompletableFuture.supplyAsync(RowValues::get).get();
    assertThat(other).isNotSameAs(mine);
    assertThat(other.floats(1)).isNotSameAs(mine.floats(1));
  }
}
