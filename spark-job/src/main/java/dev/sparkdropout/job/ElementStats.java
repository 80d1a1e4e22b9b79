package dev.sparkdropout.job;

import dev.sparkdropout.spark.TensorType;
import dev.sparkdropout.spark.line.SparkInternals;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Per-row element statistics for the summary, {@code struct<count, sum, sumsq>} over the non-NULL
 * elements of an array (of any nesting, float, double or tinyint leaves) or a vector. A static
 * method called from generated code, so the summary costs one pass of simple loops rather than
 * interpreted higher-order functions.
 */
public final class ElementStats {

  static final StructType TYPE = new StructType()
      .add("count", DataTypes.LongType, false)
      .add("sum", DataTypes.DoubleType, false)
      .add("sumsq", DataTypes.DoubleType, false);

  private static final int VALUES = 3;
  private static final byte DENSE = 1;

  private ElementStats() {}

  /** Leaf kinds, passed as a constant so the loops need no type test. */
  private static final int FLOAT = 0;
  private static final int DOUBLE = 1;
  private static final int BYTE = 2;

  /** The statistics column of {@code x}, whose type is {@code type}. */
  static Column of(Column x, DataType type) {
    TensorType tensor = TensorType.of(type);
    List<Expression> args;
    String method;
    if (tensor != null && tensor.leaf() == TensorType.Leaf.VECTOR) {
      args = List.of(SparkInternals.expression(x));
      method = "ofVector";
    } else {
      DataType leaf = type;
      int depth = 0;
      while (leaf instanceof ArrayType) {
        depth++;
        leaf = ((ArrayType) leaf).elementType();
      }
      int kind = DataTypes.FloatType.equals(leaf) ? FLOAT
          : DataTypes.DoubleType.equals(leaf) ? DOUBLE : BYTE;
      args = List.of(SparkInternals.expression(x), Literal.create(depth, DataTypes.IntegerType),
          Literal.create(kind, DataTypes.IntegerType));
      method = "ofArray";
    }
    return SparkInternals.column(SparkInternals.staticInvoke(ElementStats.class, TYPE, method,
        args));
  }

  public static InternalRow ofArray(ArrayData x, int depth, int kind) {
    double[] acc = new double[3];
    if (x != null) {
      accumulate(x, depth, kind, acc);
    }
    return row(acc);
  }

  /** Vectors arrive as Catalyst structs; a sparse one's implicit zeros count but add nothing. */
  public static InternalRow ofVector(Object vector) {
    double[] acc = new double[3];
    InternalRow row = (InternalRow) vector;
    if (row != null) {
      accumulate(row.getArray(VALUES), 1, DOUBLE, acc);
      if (row.getByte(0) != DENSE) {
        acc[0] = row.getInt(1);
      }
    }
    return row(acc);
  }

  private static void accumulate(ArrayData x, int depth, int kind, double[] acc) {
    int n = x.numElements();
    if (depth > 1) {
      for (int i = 0; i < n; i++) {
        if (!x.isNullAt(i)) {
          accumulate(x.getArray(i), depth - 1, kind, acc);
        }
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      if (!x.isNullAt(i)) {
        double v = kind == FLOAT ? x.getFloat(i) : kind == DOUBLE ? x.getDouble(i) : x.getByte(i);
        acc[0] += 1;
        acc[1] += v;
        acc[2] += v * v;
      }
    }
  }

  private static InternalRow row(double[] acc) {
    return new GenericInternalRow(new Object[] {(long) acc[0], acc[1], acc[2]});
  }
}
