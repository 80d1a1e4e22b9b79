package dev.sparkdropout.job;

import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.core.NoiseShape;
import dev.sparkdropout.spark.ColumnChecks;
import dev.sparkdropout.spark.ColumnDropout;
import dev.sparkdropout.sql.DropoutColumns;
import dev.sparkdropout.spark.Seeds;
import dev.sparkdropout.spark.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.StructType;

/**
 * The job's output as a Spark plan built from the SQL functions (docs/SPEC.md §7): every input
 * row, once per copy; the named columns replaced in place; {@code <name>_mask} columns with
 * {@code --mask}; an int column {@code copy} with {@code --copies}. Copy {@code c} of column
 * {@code name} equals the method's SQL function with the column's seed, as
 * {@code dropout(name, rate, seed ^ xxhash64('name'), key, noise_shape, c)}.
 */
final class Augmenter {

  static final String COPY_COLUMN = "copy";

  private Augmenter() {}

  static String maskName(String column) {
    return column + "_mask";
  }

  /** The name the kept-fraction mask has when the user did not ask for masks. */
  static String hiddenMaskName(int index) {
    return "__spark_dropout_mask_" + index;
  }

  /**
   * Checks columns, types, noise shapes and new names against the input's schema. Names are
   * compared as Spark compares them (ignoring case unless spark.sql.caseSensitive is set): a
   * new column equal to an input column up to case would otherwise fail only at the write.
   */
  static void validate(StructType schema, JobSettings settings) {
    validate(schema, settings, SQLConf.get().caseSensitiveAnalysis());
  }

  static void validate(StructType schema, JobSettings settings, boolean caseSensitive) {
    ColumnChecks checks = new ColumnChecks(schema, caseSensitive, UserError::new);
    for (ColumnDropout column : settings.columns) {
      String what = "--column " + column.column();
      TensorType tensor = checks.tensor(what, column.column());
      applied(column, tensor); // spatial dropout of a flat column fails here, before any read
      if (column.noiseShape() != null) {
        checks.noiseShapeFits("--noise-shape " + column.noiseShape(), column.noiseShape().rank(),
            "column " + column.column(), tensor);
      }
      if (settings.mask) {
        String mask = maskName(column.column());
        checks.absent("--mask column " + mask, mask);
      }
    }
    for (String key : settings.keys) {
      checks.existing("--key " + key, key);
    }
    if (settings.copies != null) {
      checks.absent("--copies column " + COPY_COLUMN, COPY_COLUMN);
    }
  }

  /**
   * The output plan, observed by {@code metrics} as it is written. One projection of the input
   * computes the named columns and their masks; with {@code --copies} it computes every copy of
   * them into an array, of which {@code inline} makes one row each. So the input is read once
   * whatever the number of copies, and in partition mode every copy is computed where a row's
   * {@code monotonically_increasing_id()} is its position in the input, as in SQL.
   */
  static Dataset<Row> build(Dataset<Row> input, JobSettings settings, long seed,
      RunMetrics metrics) {
    List<ColumnDropout> columns = new ArrayList<>();
    List<String> maskNames = new ArrayList<>();
    for (int i = 0; i < settings.columns.size(); i++) {
      ColumnDropout column = settings.columns.get(i);
      columns.add(applied(column, TensorType.of(input.schema().apply(column.column())
          .dataType())));
      maskNames.add(!column.method().hasMask() ? null
          : settings.mask ? maskName(column.column()) : hiddenMaskName(i));
    }
    List<Column> computed = new ArrayList<>();
    for (String name : input.columns()) {
      if (find(columns, name) == null) {
        computed.add(column(name));
      }
    }
    List<Column> ordered = new ArrayList<>();
    for (String name : input.columns()) {
      ordered.add(column(name));
    }
    maskNames.stream().filter(Objects::nonNull).forEach(name -> ordered.add(column(name)));
    if (settings.copies == null) {
      computed.addAll(augmented(columns, settings, seed, 0, maskNames));
    } else {
      Column[] copies = new Column[settings.copies];
      for (int copy = 0; copy < copies.length; copy++) {
        List<Column> fields = augmented(columns, settings, seed, copy, maskNames);
        fields.add(functions.lit(copy).as(COPY_COLUMN));
        copies[copy] = functions.struct(fields.toArray(new Column[0]));
      }
      computed.add(functions.inline(functions.array(copies)));
      ordered.add(column(COPY_COLUMN));
    }
    Dataset<Row> output = metrics.observeInput(input).select(computed.toArray(new Column[0]))
        .select(ordered.toArray(new Column[0]));
    Dataset<Row> observed = metrics.observeOutput(output, maskNames);
    if (settings.mask) {
      return observed;
    }
    return observed.drop(maskNames.stream().filter(Objects::nonNull).toArray(String[]::new));
  }

  /**
   * Copy {@code copy} of the named columns, then of the masks of those that have one, under
   * their output names. Each column uses its own seed (docs/SPEC.md §3), which its mask shares.
   */
  private static List<Column> augmented(List<ColumnDropout> columns, JobSettings settings,
      long seed, int copy, List<String> maskNames) {
    List<Column> augmented = new ArrayList<>();
    for (ColumnDropout target : columns) {
      augmented.add((settings.training ? call(target, settings, seed, copy).build()
          : column(target.column())).as(target.column()));
    }
    for (int i = 0; i < columns.size(); i++) {
      ColumnDropout target = columns.get(i);
      if (maskNames.get(i) != null) {
        augmented.add(call(target, settings, seed, copy)
            .rate(settings.training ? target.rate() : 0.0).mask().as(maskNames.get(i)));
      }
    }
    return augmented;
  }

  /**
   * The column as the job applies it. Spatial dropout is dropout with one decision per channel,
   * the last axis, of the column's rank (docs/SPEC.md §8): so its mask is dropout_mask's.
   */
  private static ColumnDropout applied(ColumnDropout column, TensorType tensor) {
    if (column.method() != DropoutMethod.SPATIAL_DROPOUT) {
      return column;
    }
    try {
      return ColumnDropout.of(column.column(), DropoutMethod.DROPOUT, column.rate())
          .withNoiseShape(NoiseShape.spatial(tensor.rank(), false));
    } catch (IllegalArgumentException e) {
      throw UserError.of("--column %s of type %s: %s", column.column(),
          tensor.dataType().simpleString(), e.getMessage());
    }
  }

  private static DropoutColumns.Builder call(ColumnDropout target, JobSettings settings,
      long seed, int copy) {
    DropoutColumns.Builder builder = DropoutColumns.dropout(column(target.column()))
        .method(target.method()).rate(target.rate())
        .seed(Seeds.column(seed, target.column())).copy(copy);
    if (!settings.keys.isEmpty()) {
      builder.key(settings.keys.stream().map(Augmenter::column).toArray(Column[]::new));
    }
    if (target.noiseShape() != null) {
      builder.noiseShape(target.noiseShape());
    }
    return builder;
  }

  private static ColumnDropout find(List<ColumnDropout> columns, String name) {
    for (ColumnDropout column : columns) {
      if (column.column().equals(name)) {
        return column;
      }
    }
    return null;
  }

  /** A column by its exact name, dots and all. */
  static Column column(String name) {
    return functions.col("`" + name.replace("`", "``") + "`");
  }

  /** The method and its settings as the summary shows them: {@code gaussian_noise(stddev=0.1)}. */
  static String describe(ColumnDropout column) {
    return String.format(Locale.ROOT, "%s(%s=%s%s)", column.method().sqlName(),
        column.method().parameterName(), column.rate(),
        column.noiseShape() == null ? "" : ", noise_shape=" + column.noiseShape());
  }
}
