package dev.sparkdropout.job;

import dev.sparkdropout.spark.ColumnDropout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;

/**
 * The numbers of the summary, gathered by Spark's {@link Observation}s while the output is
 * written, so they cost no extra pass over the data: rows in and out, and per column the element
 * count, sum and sum of squares before and after the noise, and how many mask entries are 1.
 */
final class RunMetrics {

  private final List<ColumnDropout> columns;
  private final Observation before = new Observation("spark_dropout_in_" + UUID.randomUUID());
  private final Observation after = new Observation("spark_dropout_out_" + UUID.randomUUID());
  private Map<String, Object> beforeValues;
  private Map<String, Object> afterValues;

  RunMetrics(List<ColumnDropout> columns) {
    this.columns = columns;
  }

  Dataset<Row> observeInput(Dataset<Row> input) {
    List<Column> metrics = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      metrics.addAll(moments(input, columns.get(i).column(), "c" + i));
    }
    return input.observe(before, functions.count(functions.lit(1)).as("rows"),
        metrics.toArray(new Column[0]));
  }

  /** Observes the output; {@code maskNames} has {@code null} for a column without a mask. */
  Dataset<Row> observeOutput(Dataset<Row> output, List<String> maskNames) {
    List<Column> metrics = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      metrics.addAll(moments(output, columns.get(i).column(), "c" + i));
      if (maskNames.get(i) != null) {
        metrics.addAll(moments(output, maskNames.get(i), "m" + i));
      }
    }
    return output.observe(after, functions.count(functions.lit(1)).as("rows"),
        metrics.toArray(new Column[0]));
  }

  private static List<Column> moments(Dataset<Row> data, String name, String prefix) {
    DataType type = data.schema().apply(name).dataType();
    Column stats = ElementStats.of(Augmenter.column(name), type);
    return List.of(
        functions.sum(stats.getField("count")).as(prefix + "_n"),
        functions.sum(stats.getField("sum")).as(prefix + "_sum"),
        functions.sum(stats.getField("sumsq")).as(prefix + "_sumsq"));
  }

  /** Waits for the observations of the finished write. */
  void collect() throws InterruptedException {
    beforeValues = before.getAsJava();
    afterValues = after.getAsJava();
  }

  long rowsIn() {
    return ((Number) beforeValues.get("rows")).longValue();
  }

  long rowsOut() {
    return ((Number) afterValues.get("rows")).longValue();
  }

  Moments before(int column) {
    return Moments.of(beforeValues, "c" + column);
  }

  Moments after(int column) {
    return Moments.of(afterValues, "c" + column);
  }

  /** The fraction of mask entries that are 1: elements kept; NaN without a mask or elements. */
  double keptFraction(int column) {
    Moments mask = Moments.of(afterValues, "m" + column);
    return mask.count == 0 ? Double.NaN : mask.sum / mask.count;
  }

  /** Count, mean and sample variance of a column's elements. */
  static final class Moments {
    final long count;
    final double sum;
    final double mean;
    final double variance;

    private Moments(long count, double sum, double sumOfSquares) {
      this.count = count;
      this.sum = sum;
      this.mean = count == 0 ? Double.NaN : sum / count;
      this.variance = count < 2 ? Double.NaN : (sumOfSquares - sum * mean) / (count - 1);
    }

    static Moments of(Map<String, Object> values, String prefix) {
      return new Moments(number(values.get(prefix + "_n")).longValue(),
          number(values.get(prefix + "_sum")).doubleValue(),
          number(values.get(prefix + "_sumsq")).doubleValue());
    }

    private static Number number(Object value) {
      return value == null ? 0 : (Number) value;
    }
  }
}
