package dev.sparkdropout.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The checks every surface (SQL functions, transform, ML stage, job) makes of the columns it
 * reads and writes, before any data is read, in one message style. A surface names a column as
 * its users know it ({@code column `f`}, {@code --column f}, {@code argument x (f)}) and turns
 * the message into its own error, prefixed as its other errors are.
 */
public final class ColumnChecks {

  private static final String IGNORES_CASE =
      "Spark ignores case unless spark.sql.caseSensitive=true";

  private final StructType schema;
  private final boolean caseSensitive;
  private final Function<String, RuntimeException> error;

  /**
   * @param caseSensitive whether Spark tells names apart by case; when it does not, a new column
   *     equal to an existing one up to case is refused, as the write would fail on it
   * @param error the surface's error for a message
   */
  public ColumnChecks(StructType schema, boolean caseSensitive,
      Function<String, RuntimeException> error) {
    this.schema = schema;
    this.caseSensitive = caseSensitive;
    this.error = error;
  }

  /** Checks against {@code schema}, comparing names as the session's settings say. */
  public static ColumnChecks of(StructType schema, Function<String, RuntimeException> error) {
    return new ColumnChecks(schema, SQLConf.get().caseSensitiveAnalysis(), error);
  }

  /** Checks of values that are not columns of a schema, such as a SQL function's arguments. */
  public static ColumnChecks forValues(Function<String, RuntimeException> error) {
    return new ColumnChecks(new StructType(), true, error);
  }

  /** The column named exactly {@code name}; one that differs only in case is suggested. */
  public StructField existing(String what, String name) {
    List<String> nearly = new ArrayList<>();
    for (StructField field : schema.fields()) {
      if (field.name().equals(name)) {
        return field;
      }
      if (field.name().equalsIgnoreCase(name)) {
        nearly.add("`" + field.name() + "`");
      }
    }
    if (!nearly.isEmpty()) {
      throw fail("%s does not exist (did you mean %s?)", what, String.join(" or ", nearly));
    }
    throw fail("%s does not exist; the columns are %s", what,
        String.join(", ", schema.fieldNames()));
  }

  /** The tensor view of the existing column {@code name}. */
  public TensorType tensor(String what, String name) {
    return tensor(what, existing(what, name).dataType());
  }

  /** The tensor view of a value of {@code type}, which must be one. */
  public TensorType tensor(String what, DataType type) {
    TensorType tensor = TensorType.of(type);
    if (tensor == null) {
      throw fail("%s %s", what, TensorType.unsupported(type));
    }
    return tensor;
  }

  /** A noise shape of {@code entries} entries must have one per axis of the tensor. */
  public void noiseShapeFits(String shape, int entries, String what, TensorType tensor) {
    if (entries != tensor.rank()) {
      throw fail("%s has %d entries, but %s of type %s has rank %d", shape, entries, what,
          tensor.dataType().simpleString(), tensor.rank());
    }
  }

  /** A column to be added must not be one Spark already has under that name. */
  public void absent(String what, String name) {
    for (String existing : schema.fieldNames()) {
      if (existing.equals(name)) {
        throw fail("%s already exists", what);
      }
      if (!caseSensitive && existing.equalsIgnoreCase(name)) {
        throw fail("%s already exists as `%s` (%s)", what, existing, IGNORES_CASE);
      }
    }
  }

  private RuntimeException fail(String format, Object... args) {
    return error.apply(String.format(Locale.ROOT, format, args));
  }
}
