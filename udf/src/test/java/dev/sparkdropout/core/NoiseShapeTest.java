package dev.sparkdropout.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NoiseShapeTest {

  /**
   * docs/SPEC.md §5: j = sum over axes of (ni == 1 ? 0 : ii) * prod over later b of
   * (nb == 1 ? 1 : db).
   */
  private static int specIndex(int[] position, int[] dims, NoiseShape shape) {
    int j = 0;
    for (int i = 0; i < dims.length; i++) {
      int stride = 1;
      for (int b = i + 1; b < dims.length; b++) {
        stride *= shape.entry(b) == 1 ? 1 : dims[b];
      }
      j += (shape.entry(i) == 1 ? 0 : position[i]) * stride;
    }
    return j;
  }

  @Test
  void layoutFollowsTheSpecFormulaForEveryCombinationOfSharedAxes() {
    int[] dims = {2, 3, 4};
    for (int bits = 0; bits < 8; bits++) {
      Integer[] entries = new Integer[3];
      for (int axis = 0; axis < 3; axis++) {
        entries[axis] = (bits >> axis & 1) == 1 ? Integer.valueOf(1)
            : (axis == 1 ? null : Integer.valueOf(-1));
      }
      NoiseShape shape = NoiseShape.of(entries);
      NoiseLayout layout = shape.layout(dims);
      int expectedSize = 1;
      for (int axis = 0; axis < 3; axis++) {
        expectedSize *= shape.entry(axis) == 1 ? 1 : dims[axis];
      }
      assertThat(layout.noiseSize()).as("noise size of %s", shape).isEqualTo(expectedSize);
      int position = 0;
      for (int i0 = 0; i0 < 2; i0++) {
        for (int i1 = 0; i1 < 3; i1++) {
          for (int i2 = 0; i2 < 4; i2++) {
            int j = layout.index() == null ? position : layout.index()[position];
            position++;
            assertThat(j).as("%s at (%d,%d,%d)", shape, i0, i1, i2)
                .isEqualTo(specIndex(new int[] {i0, i1, i2}, dims, shape));
          }
        }
      }
    }
  }

  @Test
  void fixedSizesMustMatchTheRow() {
    assertThat(NoiseShape.of(2, 1).layout(new int[] {2, 5}).noiseSize()).isEqualTo(2);
    assertThatThrownBy(() -> NoiseShape.of(3, 1).layout(new int[] {2, 5}))
        .isInstanceOf(NoiseShapeException.class)
        .hasMessage("noise_shape (3, 1) expects size 3 on axis 1, but the row has size 2");
  }

  @Test
  void independentLayoutNeedsNoIndex() {
    assertThat(NoiseShape.of(-1, null).layout(new int[] {2, 2}).index()).isNull();
    assertThat(NoiseShape.of(1).layout(new int[] {1}).index()).isNull();
    assertThat(NoiseShape.of(1).layout(new int[] {3}).index()).containsExactly(0, 0, 0);
  }

  @Test
  void rejectsZeroAndOtherNegativeEntries() {
    assertThatThrownBy(() -> NoiseShape.of(1, 0))
        .hasMessage("noise_shape entry 0 (axis 2) must be 1, -1, NULL or a size above 1");
    assertThatThrownBy(() -> NoiseShape.of(-2))
        .hasMessage("noise_shape entry -2 (axis 1) must be 1, -1, NULL or a size above 1");
  }

  @Test
  void parsesKerasAndCommaForms() {
    assertThat(NoiseShape.parse("1,-1")).isEqualTo(NoiseShape.of(1, -1));
    assertThat(NoiseShape.parse("(1, None)")).isEqualTo(NoiseShape.of(1, null));
    assertThat(NoiseShape.parse("[4, null, 1]")).hasToString("(4, -1, 1)");
    assertThatThrownBy(() -> NoiseShape.parse("1,x"))
        .hasMessage("noise_shape entry 'x' is not an integer, -1 or null");
  }
}
