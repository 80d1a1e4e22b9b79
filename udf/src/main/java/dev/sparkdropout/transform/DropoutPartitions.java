package dev.sparkdropout.transform;

import dev.sparkdropout.core.DropoutSpec;
import dev.sparkdropout.spark.ColumnDropout;
import dev.sparkdropout.core.RowStreams;
import dev.sparkdropout.spark.ColumnChecks;
import dev.sparkdropout.spark.EngineHint;
import dev.sparkdropout.spark.TensorType;
import dev.sparkdropout.spark.line.SparkInternals;
import dev.sparkdropout.sql.kernel.Kernel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.InternalRow$;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.SpecializedGetters;
import org.apache.spark.sql.catalyst.expressions.XxHash64Function$;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Dropout as one {@code mapPartitions} pass over a Dataset's rows, for pipelines built on RDDs or
 * Datasets rather than SQL expressions. It runs the same kernels as the SQL functions, on Spark's
 * internal rows (no per-element boxing), so for the same Dataset the results are the same bits:
 *
 * <ul>
 *   <li>partition mode (no key): a row's stream is {@code (partitionIndex << 33) + position},
 *       its position counted from 0 in its partition, NULL rows included; this is
 *       {@code monotonically_increasing_id()} of {@code dropout(...)} applied to the Dataset;
 *   <li>key mode: the stream is Spark SQL's {@code xxhash64} of the key column's value, or of
 *       several key columns' values, {@code xxhash64(k1, ..., kn)}: the hash of each value
 *       seeds the next, a NULL value adding nothing, as {@code dropout(..., struct(k1, ...))}.
 * </ul>
 *
 * A key must identify the row: rows with equal keys, NULL keys included, get equal masks. Where
 * no one column does, give several.
 *
 * Each column uses its own seed, {@code seed XOR xxhash64(name)} (docs/SPEC.md §3), shared by its
 * mask: it equals {@code dropout(name, rate, seed ^ xxhash64('name'), ...)} in SQL. Dropped-out
 * columns keep their name, place and type; mask columns are appended.
 */
public final class DropoutPartitions {

  private DropoutPartitions() {}

  /** Partition mode. */
  public static Dataset<Row> apply(Dataset<Row> data, long seed, List<ColumnDropout> columns) {
    return apply(data, seed, (List<String>) null, 0, columns);
  }

  /** Key mode when {@code keyColumn} is not {@code null}. */
  public static Dataset<Row> apply(Dataset<Row> data, long seed, String keyColumn,
      List<ColumnDropout> columns) {
    return apply(data, seed, keyColumn, 0, columns);
  }

  /** Key mode on the key columns hashed together, when {@code keyColumns} is not null. */
  public static Dataset<Row> apply(Dataset<Row> data, long seed, List<String> keyColumns,
      List<ColumnDropout> columns) {
    return apply(data, seed, keyColumns, 0, columns);
  }

  /** {@link #apply(Dataset, long, List, int, List)} with one key column, or none if null. */
  public static Dataset<Row> apply(Dataset<Row> data, long seed, String keyColumn, int copy,
      List<ColumnDropout> columns) {
    return apply(data, seed, keyColumn == null ? null : List.of(keyColumn), copy, columns);
  }

  /**
   * Applies {@code columns} to {@code data} as augmentation copy {@code copy} (docs/SPEC.md §3),
   * in key mode on {@code keyColumns} (in their order), or in partition mode if it is null.
   *
   * @throws IllegalArgumentException before any data is read, for an unknown or unsupported
   *     column, an empty list of key columns, a noise shape of the wrong rank, or a mask column
   *     that already exists
   */
  public static Dataset<Row> apply(Dataset<Row> data, long seed, List<String> keyColumns,
      int copy, List<ColumnDropout> columns) {
    StructType schema = data.schema();
    PartitionPass pass = PartitionPass.plan(schema, seed, keyColumns, copy, columns);
    EngineHint.logOnce();
    JavaRDD<InternalRow> rows =
        SparkInternals.internalRows(data).mapPartitionsWithIndex(pass, true);
    return SparkInternals.fromInternalRows(data.sparkSession(), rows.rdd(), pass.outputSchema);
  }

  /** The validated plan of one pass and the function each partition runs. */
  private static final class PartitionPass
      implements Function2<Integer, Iterator<InternalRow>, Iterator<InternalRow>> {

    private static final long serialVersionUID = 1L;

    private final StructType inputSchema;
    private final StructType outputSchema;
    private final int[] keyOrdinals;
    private final DataType[] keyTypes;
    private final int copy;
    private final int[] targets;
    private final Kernel.Bound[] kernels;
    private final int[] maskSources;
    private final Kernel.Bound[] maskKernels;

    private PartitionPass(StructType inputSchema, StructType outputSchema, int[] keyOrdinals,
        DataType[] keyTypes, int copy, int[] targets, Kernel.Bound[] kernels, int[] maskSources,
        Kernel.Bound[] maskKernels) {
      this.inputSchema = inputSchema;
      this.outputSchema = outputSchema;
      this.keyOrdinals = keyOrdinals;
      this.keyTypes = keyTypes;
      this.copy = copy;
      this.targets = targets;
      this.kernels = kernels;
      this.maskSources = maskSources;
      this.maskKernels = maskKernels;
    }

    static PartitionPass plan(StructType schema, long seed, List<String> keyColumns, int copy,
        List<ColumnDropout> columns) {
      if (columns == null || columns.isEmpty()) {
        throw new IllegalArgumentException("DropoutPartitions: no columns to apply dropout to");
      }
      List<String> keys = keyColumns == null ? List.of() : keyColumns;
      if (keyColumns != null && keyColumns.isEmpty()) {
        throw new IllegalArgumentException(
            "DropoutPartitions: the list of key columns is empty; pass null for partition mode");
      }
      ColumnChecks checks = ColumnChecks.of(schema,
          message -> new IllegalArgumentException("DropoutPartitions: " + message));
      int[] keyOrdinals = new int[keys.size()];
      DataType[] keyTypes = new DataType[keys.size()];
      for (int k = 0; k < keyOrdinals.length; k++) {
        String key = keys.get(k);
        keyTypes[k] = checks.existing("key column `" + key + "`", key).dataType();
        keyOrdinals[k] = schema.fieldIndex(key);
      }
      List<Integer> targets = new ArrayList<>();
      List<Kernel.Bound> kernels = new ArrayList<>();
      List<Integer> maskSources = new ArrayList<>();
      List<Kernel.Bound> maskKernels = new ArrayList<>();
      List<StructField> maskFields = new ArrayList<>();
      Set<String> masks = new HashSet<>();
      Set<Integer> seen = new HashSet<>();
      for (ColumnDropout column : columns) {
        String name = column.column();
        String what = "column `" + name + "`";
        TensorType tensor = checks.tensor(what, name);
        int ordinal = schema.fieldIndex(name);
        if (!seen.add(ordinal)) {
          throw new IllegalArgumentException(String.format(Locale.ROOT,
              "DropoutPartitions: column `%s` is given twice", name));
        }
        if (column.noiseShape() != null) {
          checks.noiseShapeFits("noise_shape " + column.noiseShape(), column.noiseShape().rank(),
              what, tensor);
        }
        Kernel kernel = Kernel.of(tensor);
        DropoutSpec spec;
        try {
          spec = column.spec(seed, tensor.rank());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("DropoutPartitions: " + what + ": " + e.getMessage());
        }
        targets.add(ordinal);
        kernels.add(kernel.bind(spec, name, tensor.rank(), false));
        String mask = column.maskColumn();
        if (mask != null) {
          String maskWhat = "mask column `" + mask + "`";
          checks.absent(maskWhat, mask);
          if (!masks.add(mask.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(
                "DropoutPartitions: " + maskWhat + " is given twice");
          }
          maskSources.add(ordinal);
          maskKernels.add(kernel.bind(spec, name, tensor.rank(), true));
          maskFields.add(new StructField(mask, tensor.maskType(), true, Metadata.empty()));
        }
      }
      List<StructField> outputFields = new ArrayList<>(Arrays.asList(schema.fields()));
      outputFields.addAll(maskFields);
      return new PartitionPass(schema, new StructType(outputFields.toArray(new StructField[0])),
          keyOrdinals, keyTypes, copy, toArray(targets), kernels.toArray(new Kernel.Bound[0]),
          toArray(maskSources), maskKernels.toArray(new Kernel.Bound[0]));
    }

    private static int[] toArray(List<Integer> values) {
      return values.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public Iterator<InternalRow> call(Integer partition, Iterator<InternalRow> rows) {
      int partitionIndex = TaskContext.getPartitionId();
      int width = inputSchema.size();
      // Spark's own typed readers, which also unwrap user-defined types such as vectors.
      List<scala.Function2<SpecializedGetters, Object, Object>> accessors = new ArrayList<>();
      for (StructField field : inputSchema.fields()) {
        accessors.add(InternalRow$.MODULE$.getAccessor(field.dataType(), true));
      }
      return new Iterator<InternalRow>() {
        private long position;

        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public InternalRow next() {
          InternalRow row = rows.next();
          Object[] values = new Object[width + maskSources.length];
          for (int i = 0; i < width; i++) {
            values[i] = accessors.get(i).apply(row, i);
          }
          long stream = keyOrdinals.length == 0
              ? RowStreams.partition(partitionIndex, position++) : keyStream(values);
          for (int m = 0; m < maskSources.length; m++) {
            values[width + m] = maskKernels[m].apply(stream, copy, values[maskSources[m]]);
          }
          for (int t = 0; t < targets.length; t++) {
            values[targets[t]] = kernels[t].apply(stream, copy, values[targets[t]]);
          }
          return new GenericInternalRow(values);
        }
      };
    }

    /**
     * {@code xxhash64(k1, ..., kn)} as Spark's HashExpression computes it: each value's hash
     * seeds the next and a NULL value leaves the hash as it was, so all-NULL keys share one.
     */
    private long keyStream(Object[] values) {
      long hash = RowStreams.XXHASH64_SEED;
      for (int k = 0; k < keyOrdinals.length; k++) {
        Object value = values[keyOrdinals[k]];
        if (value != null) {
          hash = XxHash64Function$.MODULE$.hash(value, keyTypes[k], hash);
        }
      }
      return hash;
    }
  }
}
