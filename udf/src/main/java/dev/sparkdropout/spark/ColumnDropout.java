package dev.sparkdropout.spark;

import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.core.DropoutSpec;
import dev.sparkdropout.core.NoiseShape;
import java.io.Serializable;
import java.util.Objects;

/**
 * What to do to one column: method, rate, optional noise shape, and optionally the name of a
 * column to receive its binary mask. The seed and the row streams come from the transform; the
 * column's own seed is derived from the transform's and its name.
 */
public final class ColumnDropout implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String column;
  private final DropoutMethod method;
  private final double rate;
  private final NoiseShape noiseShape;
  private final String maskColumn;

  private ColumnDropout(String column, DropoutMethod method, double rate, NoiseShape noiseShape,
      String maskColumn) {
    this.column = Objects.requireNonNull(column, "column");
    this.method = Objects.requireNonNull(method, "method");
    DropoutSpec.checkRate(rate);
    this.rate = rate;
    this.noiseShape = noiseShape;
    this.maskColumn = maskColumn;
  }

  /** Dropout of {@code column} with {@code method} at {@code rate}, replaced in place. */
  public static ColumnDropout of(String column, DropoutMethod method, double rate) {
    return new ColumnDropout(column, method, rate, null, null);
  }

  /** The same with a noise shape ({@code null} for independent elements). */
  public ColumnDropout withNoiseShape(NoiseShape shape) {
    return new ColumnDropout(column, method, rate, shape, maskColumn);
  }

  /** The same, also writing the binary mask to a new column {@code name}. */
  public ColumnDropout withMask(String name) {
    return new ColumnDropout(column, method, rate, noiseShape, name);
  }

  public String column() {
    return column;
  }

  public DropoutMethod method() {
    return method;
  }

  public double rate() {
    return rate;
  }

  /** The noise shape, or {@code null}. */
  public NoiseShape noiseShape() {
    return noiseShape;
  }

  /** The mask column's name, or {@code null} for no mask. */
  public String maskColumn() {
    return maskColumn;
  }

  /**
   * The spec this column applies in a pass with the given seed: under the column's own seed,
   * {@code seed XOR xxhash64(column)} (docs/SPEC.md §3), which its mask shares.
   */
  public DropoutSpec spec(long seed) {
    return DropoutSpec.of(method, rate, Seeds.column(seed, column), noiseShape);
  }

  @Override
  public String toString() {
    return column + ": " + method.sqlName() + "(rate=" + rate
        + (noiseShape == null ? "" : ", noise_shape=" + noiseShape)
        + (maskColumn == null ? "" : ", mask=" + maskColumn) + ")";
  }
}
