package dev.sparkdropout.udf.kernel;

import dev.sparkdropout.core.DropoutSpec;
import java.io.Serializable;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The kernels for each kind of input: the static methods Spark's generated code calls (named
 * here for {@code StaticInvoke}), and the same methods bound to a column for direct calls by the
 * mapPartitions transform. One table, so every path runs the same code.
 */
public enum Kernel {
  FLOATS(FlatArrays.class, "applyFloats", false),
  DOUBLES(FlatArrays.class, "applyDoubles", false),
  NESTED_FLOATS(NestedArrays.class, "applyFloats", true),
  NESTED_DOUBLES(NestedArrays.class, "applyDoubles", true),
  VECTORS(Vectors.class, "apply", false);

  /** The name of every kernel class's mask method. */
  public static final String MASK_METHOD = "mask";

  private final Class<?> owner;
  private final String applyMethod;
  private final boolean takesRank;

  Kernel(Class<?> owner, String applyMethod, boolean takesRank) {
    this.owner = owner;
    this.applyMethod = applyMethod;
    this.takesRank = takesRank;
  }

  /** The class holding the static methods. */
  public Class<?> owner() {
    return owner;
  }

  /** The method returning the dropped-out values. */
  public String applyMethod() {
    return applyMethod;
  }

  /** Whether the methods take the tensor's rank after the value. */
  public boolean takesRank() {
    return takesRank;
  }

  /** One column's kernel, its arguments fixed: what runs per row. */
  @FunctionalInterface
  public interface Bound extends Serializable {
    /** The result for one row's Catalyst value; NULL stays NULL. */
    Object apply(long stream, int copy, Object value);
  }

  /** Binds the values kernel (or the mask kernel) to a spec, a column name and a rank. */
  public Bound bind(DropoutSpec spec, String columnName, int rank, boolean mask) {
    UTF8String column = UTF8String.fromString(columnName);
    switch (this) {
      case FLOATS:
        return mask ? (stream, copy, x) -> FlatArrays.mask(spec, column, stream, copy, (ArrayData) x)
            : (stream, copy, x) -> FlatArrays.applyFloats(spec, column, stream, copy, (ArrayData) x);
      case DOUBLES:
        return mask ? (stream, copy, x) -> FlatArrays.mask(spec, column, stream, copy, (ArrayData) x)
            : (stream, copy, x) -> FlatArrays.applyDoubles(spec, column, stream, copy, (ArrayData) x);
      case NESTED_FLOATS:
        return mask
            ? (stream, copy, x) -> NestedArrays.mask(spec, column, stream, copy, (ArrayData) x, rank)
            : (stream, copy, x) ->
                NestedArrays.applyFloats(spec, column, stream, copy, (ArrayData) x, rank);
      case NESTED_DOUBLES:
        return mask
            ? (stream, copy, x) -> NestedArrays.mask(spec, column, stream, copy, (ArrayData) x, rank)
            : (stream, copy, x) ->
                NestedArrays.applyDoubles(spec, column, stream, copy, (ArrayData) x, rank);
      case VECTORS:
        return mask ? (stream, copy, x) -> Vectors.mask(spec, column, stream, copy, x)
            : (stream, copy, x) -> Vectors.apply(spec, column, stream, copy, x);
      default:
        throw new IllegalStateException("No kernel for " + this);
    }
  }
}
