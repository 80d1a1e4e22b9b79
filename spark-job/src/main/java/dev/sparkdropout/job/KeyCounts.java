package dev.sparkdropout.job;

import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * How well the key identifies the input's rows: rows with equal keys get equal masks
 * (docs/SPEC.md §3), which is what key mode means but rarely what a user wants. Counted exactly,
 * by one aggregate that reads only the key columns.
 */
final class KeyCounts {

  final List<String> keys;
  final long rows;
  final long distinct;
  /** Rows whose key columns are all NULL: they share the stream of a NULL key. */
  final long nulls;

  private KeyCounts(List<String> keys, long rows, long distinct, long nulls) {
    this.keys = keys;
    this.rows = rows;
    this.distinct = distinct;
    this.nulls = nulls;
  }

  static KeyCounts of(Dataset<Row> input, List<String> keys) {
    Column allNull = functions.lit(true);
    for (String key : keys) {
      allNull = allNull.and(Augmenter.column(key).isNull());
    }
    Row counts = input.agg(functions.count(functions.lit(1)),
        functions.count_distinct(functions.struct(keys.stream().map(Augmenter::column)
            .toArray(Column[]::new))),
        functions.count(functions.when(allNull, 1))).first();
    return new KeyCounts(keys, counts.getLong(0), counts.getLong(1), counts.getLong(2));
  }

  boolean repeat() {
    return distinct < rows;
  }

  /** The summary's line: {@code 5000 rows, 5000 distinct keys, 0 NULL}. */
  String describe() {
    return String.format(Locale.ROOT, "%d rows, %d distinct keys, %d NULL", rows, distinct,
        nulls);
  }

  /** One line for when keys repeat, saying what it means and how to fix it. */
  String warning() {
    String names = String.join(",", keys);
    return String.format(Locale.ROOT, "warning: --key %s repeats: %d rows have %d distinct keys"
        + "%s, and rows with equal keys get equal masks; give columns that identify a row, "
        + "e.g. --key %s,<another column>", names, rows, distinct,
        nulls == 0 ? "" : " (" + nulls + " rows a NULL key)", names);
  }
}
