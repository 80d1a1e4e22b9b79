package dev.sparkdropout.spark;

import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.core.DropoutSpec;
import dev.sparkdropout.core.NoiseShape;
import java.io.Serializable;
import java.util.Objects;

/**
 * What to do to one column: method, rate (or Gaussian noise's stddev), optional noise shape, and
 * optionally the name of a column to receive its binary mask. The seed and the row streams come from the transform; the
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
    this.rate = method.check(rate);
    if (method == DropoutMethod.SPATIAL_DROPOUT && noiseShape != null) {
      throw new IllegalArgumentException(column + ": spatial_dropout sets its own noise shape, "
          + "one decision per channel; for another one use dropout with a noise shape");
    }
    if (!method.hasMask() && maskColumn != null) {
      throw new IllegalArgumentException(column + ": " + method.sqlName()
          + " has no mask; masks are for dropout, alpha_dropout and spatial_dropout");
    }
    this.noiseShape = noiseShape;
    this.maskColumn = maskColumn;
  }

  /**
   * Noise of {@code column} with {@code method} at {@code rate} (Gaussian noise: its stddev),
   * replaced in place.
   *
   * @throws IllegalArgumentException when the rate or stddev is out of the method's range
   */
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

  /** The rate, or Gaussian noise's stddev. */
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
   * The spec this column applies in a pass with the given seed, to rows of {@code rank} axes:
   * under the column's own seed, {@code seed XOR xxhash64(column)} (docs/SPEC.md §3), which its
   * mask shares. Spatial dropout's channel axis is the last.
   *
   * @throws IllegalArgumentException for spatial dropout of rows of rank 1
   */
  public DropoutSpec spec(long seed, int rank) {
    NoiseShape shape = method == DropoutMethod.SPATIAL_DROPOUT
        ? NoiseShape.spatial(rank, false) : noiseShape;
    return DropoutSpec.of(method, rate, Seeds.column(seed, column), shape);
  }

  @Override
  public String toString() {
    return column + ": " + method.sqlName() + "(" + method.parameterName() + "=" + rate
        + (noiseShape == null ? "" : ", noise_shape=" + noiseShape)
        + (maskColumn == null ? "" : ", mask=" + maskColumn) + ")";
  }
}
