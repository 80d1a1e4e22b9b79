package dev.sparkdropout.job;

import dev.sparkdropout.spark.ColumnDropout;
import dev.sparkdropout.sql.DropoutColumns;
import dev.sparkdropout.spark.ColumnChecks;
import dev.sparkdropout.spark.Seeds;
import dev.sparkdropout.spark.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * {@code name} equals {@code dropout(name, rate, seed ^ xxhash64('name'), key, noise_shape, c)}.
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
    List<String> maskNames = new ArrayList<>();
    for (int i = 0; i < settings.columns.size(); i++) {
      maskNames.add(settings.mask ? maskName(settings.columns.get(i).column()) : hiddenMaskName(i));
    }
    List<Column> computed = new ArrayList<>();
    for (String name : input.columns()) {
      if (find(settings.columns, name) == null) {
        computed.add(column(name));
      }
    }
    List<Column> ordered = new ArrayList<>();
    for (String name : input.columns()) {
      ordered.add(column(name));
    }
    maskNames.forEach(name -> ordered.add(column(name)));
    if (settings.copies == null) {
      computed.addAll(augmented(settings, seed, 0, maskNames));
    } else {
      Column[] copies = new Column[settings.copies];
      for (int copy = 0; copy < copies.length; copy++) {
        List<Column> fields = augmented(settings, seed, copy, maskNames);
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
    return observed.drop(maskNames.toArray(new String[0]));
  }

  /**
   * Copy {@code copy} of the named columns, then of their masks, under their output names. Each
   * column uses its own seed (docs/SPEC.md §3), which its mask shares.
   */
  private static List<Column> augmented(JobSettings settings, long seed, int copy,
      List<String> maskNames) {
    List<Column> columns = new ArrayList<>();
    for (ColumnDropout target : settings.columns) {
      columns.add((settings.training ? call(target, settings, seed, copy).build()
          : column(target.column())).as(target.column()));
    }
    for (int i = 0; i < settings.columns.size(); i++) {
      ColumnDropout target = settings.columns.get(i);
      columns.add(call(target, settings, seed, copy)
          .rate(settings.training ? target.rate() : 0.0).mask().as(maskNames.get(i)));
    }
    return columns;
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

  static String describe(ColumnDropout column) {
    return String.format(Locale.ROOT, "%s(rate=%s%s)", column.method().sqlName(),
        column.rate(), column.noiseShape() == null ? "" : ", noise_shape=" + column.noiseShape());
  }
}
