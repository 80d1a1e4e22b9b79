package dev.sparkdropout.spark;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.UserDefinedType;

/**
 * What dropout sees in a column's type (docs/SPEC.md §2): {@code array<float>},
 * {@code array<double>}, nested arrays of those (rank = nesting depth), or a Spark ML / MLlib
 * {@code Vector} (rank 1). Anything else is not a tensor.
 */
public final class TensorType {

  /** The element kind of a tensor. */
  public enum Leaf { FLOAT, DOUBLE, VECTOR }

  private final DataType dataType;
  private final int rank;
  private final Leaf leaf;

  private TensorType(DataType dataType, int rank, Leaf leaf) {
    this.dataType = dataType;
    this.rank = rank;
    this.leaf = leaf;
  }

  /** The tensor view of {@code type}, or {@code null} when dropout does not apply to it. */
  public static TensorType of(DataType type) {
    if (isVector(type)) {
      return new TensorType(type, 1, Leaf.VECTOR);
    }
    int depth = 0;
    DataType element = type;
    while (element instanceof ArrayType) {
      depth++;
      element = ((ArrayType) element).elementType();
    }
    if (depth == 0) {
      return null;
    }
    if (DataTypes.FloatType.equals(element)) {
      return new TensorType(type, depth, Leaf.FLOAT);
    }
    if (DataTypes.DoubleType.equals(element)) {
      return new TensorType(type, depth, Leaf.DOUBLE);
    }
    return null;
  }

  private static boolean isVector(DataType type) {
    if (!(type instanceof UserDefinedType)) {
      return false;
    }
    Class<?> userClass = ((UserDefinedType<?>) type).userClass();
    return userClass == org.apache.spark.ml.linalg.Vector.class
        || userClass == org.apache.spark.mllib.linalg.Vector.class;
  }

  public DataType dataType() {
    return dataType;
  }

  public int rank() {
    return rank;
  }

  public Leaf leaf() {
    return leaf;
  }

  /** The mask's type: the same nesting with {@code tinyint} elements; vectors give an array. */
  public DataType maskType() {
    if (leaf == Leaf.VECTOR) {
      return DataTypes.createArrayType(DataTypes.ByteType, false);
    }
    return withByteLeaves(dataType);
  }

  /** What a column of an unsupported type is told: "has type string; expected ...". */
  public static String unsupported(DataType type) {
    return String.format(java.util.Locale.ROOT, "has type %s; expected array<float>, "
        + "array<double>, nested arrays of those, or a Spark ML vector", type.simpleString());
  }

  private static DataType withByteLeaves(DataType type) {
    if (type instanceof ArrayType) {
      ArrayType array = (ArrayType) type;
      return DataTypes.createArrayType(withByteLeaves(array.elementType()), array.containsNull());
    }
    return DataTypes.ByteType;
  }
}
