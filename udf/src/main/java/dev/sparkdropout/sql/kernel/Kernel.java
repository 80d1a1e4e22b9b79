package dev.sparkdropout.sql.kernel;

import dev.sparkdropout.core.DropoutSpec;
import dev.sparkdropout.spark.TensorType;
import java.io.Serializable;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The kernels for each kind of input: the static methods Spark's generated code calls (named
 * here for {@link KernelCall}), and the same methods called directly, by interpreted evaluation
 * and the mapPartitions transform. One table, so every path runs the same code.
 */
public enum Kernel {
  FLOATS(FlatArrays.class, "applyFloats", false),
  DOUBLES(FlatArrays.class, "applyDoubles", false),
  NESTED_FLOATS(NestedArrays.class, "applyFloats", true),
  NESTED_DOUBLES(NestedArrays.class, "applyDoubles", true),
  VECTORS(MlVectors.class, "apply", false);

  /** The kernel that handles a tensor type. */
  public static Kernel of(TensorType tensor) {
    switch (tensor.leaf()) {
      case VECTOR:
        return VECTORS;
      case FLOAT:
        return tensor.rank() == 1 ? FLOATS : NESTED_FLOATS;
      default:
        return tensor.rank() == 1 ? DOUBLES : NESTED_DOUBLES;
    }
  }

  /** The name of every kernel class's mask method. */
  static final String MASK_METHOD = "mask";

  private final Class<?> owner;
  private final String applyMethod;
  private final boolean takesRank;

  Kernel(Class<?> owner, String applyMethod, boolean takesRank) {
    this.owner = owner;
    this.applyMethod = applyMethod;
    this.takesRank = takesRank;
  }

  /** The class holding the static methods. */
  Class<?> owner() {
    return owner;
  }

  /** The static method returning the dropped-out values, or the mask. */
  String method(boolean mask) {
    return mask ? MASK_METHOD : applyMethod;
  }

  /** Whether the methods take the tensor's rank after the value. */
  public boolean takesRank() {
    return takesRank;
  }

  /**
   * One row through the method, as generated code calls it: {@code rank} is read only when
   * {@link #takesRank}. Every method takes an {@link OutputBuffer} last (NULL: new arrays).
   * NULL stays NULL.
   */
  Object call(boolean mask, DropoutSpec spec, UTF8String column, long stream, int copy,
      Object x, int rank, OutputBuffer buffer) {
    switch (this) {
      case FLOATS:
        return mask ? FlatArrays.mask(spec, column, stream, copy, (ArrayData) x, buffer)
            : FlatArrays.applyFloats(spec, column, stream, copy, (ArrayData) x, buffer);
      case DOUBLES:
        return mask ? FlatArrays.mask(spec, column, stream, copy, (ArrayData) x, buffer)
            : FlatArrays.applyDoubles(spec, column, stream, copy, (ArrayData) x, buffer);
      case NESTED_FLOATS:
        return mask ? NestedArrays.mask(spec, column, stream, copy, (ArrayData) x, rank, buffer)
            : NestedArrays.applyFloats(spec, column, stream, copy, (ArrayData) x, rank, buffer);
      case NESTED_DOUBLES:
        return mask ? NestedArrays.mask(spec, column, stream, copy, (ArrayData) x, rank, buffer)
            : NestedArrays.applyDoubles(spec, column, stream, copy, (ArrayData) x, rank, buffer);
      case VECTORS:
        return mask ? MlVectors.mask(spec, column, stream, copy, x, buffer)
            : MlVectors.apply(spec, column, stream, copy, x, buffer);
      default:
        throw new IllegalStateException("No kernel for " + this);
    }
  }

  /** One column's kernel, its arguments fixed: what runs per row. */
  @FunctionalInterface
  public interface Bound extends Serializable {
    /** The result for one row's Catalyst value, a new one for each call; NULL stays NULL. */
    Object apply(long stream, int copy, Object value);
  }

  /** Binds the values kernel (or the mask kernel) to a spec, a column name and a rank. */
  public Bound bind(DropoutSpec spec, String columnName, int rank, boolean mask) {
    UTF8String column = UTF8String.fromString(columnName);
    return (stream, copy, x) -> call(mask, spec, column, stream, copy, x, rank, null);
  }
}
