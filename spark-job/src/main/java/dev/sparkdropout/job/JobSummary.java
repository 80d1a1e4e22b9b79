package dev.sparkdropout.job;

import dev.sparkdropout.core.engine.EngineChoice;
import dev.sparkdropout.core.engine.Engines;
import dev.sparkdropout.spark.ColumnDropout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a run did, for the console and for {@code _dropout_summary.json} in the output: the
 * settings and seed (so the run can be replayed), rows in and out, and per column the kept
 * fraction (null, shown n/a, for Gaussian methods, which keep every element) and the elements'
 * mean and variance before and after.
 */
final class JobSummary {

  static final String FILE_NAME = "_dropout_summary.json";
  /** The kept fraction of a method without a mask: Gaussian noise keeps every element. */
  private static final String NOT_APPLICABLE = "n/a";

  private final Map<String, Object> json = new LinkedHashMap<>();
  private final List<String[]> table = new ArrayList<>();
  private final List<String> header = new ArrayList<>();

  JobSummary(JobSettings settings, String output, InputSplits splits, RunMetrics metrics,
      KeyCounts keys, double seconds) {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("input", settings.input);
    run.put("input_format", settings.inputFormat);
    run.put("input_partitions", splits.partitions());
    run.put("input_split_settings", splits.settings());
    run.put("output", output);
    run.put("seed", settings.seed);
    run.put("mode", settings.keys.isEmpty() ? "partition" : "key");
    run.put("key", settings.keys.isEmpty() ? null : settings.keys);
    if (keys != null) {
      run.put("distinct_keys", keys.distinct);
      run.put("null_keys", keys.nulls);
    }
    run.put("copies", settings.copies == null ? 1 : settings.copies);
    run.put("mask", settings.mask);
    run.put("training", settings.training);
    run.put("rows_in", metrics.rowsIn());
    run.put("rows_out", metrics.rowsOut());
    run.put("seconds", round(seconds));
    run.put("vector_api", Engines.choice() == EngineChoice.VECTOR_API);
    run.put("spark", JobVersion.spark());
    run.put("scala", JobVersion.scala());
    json.putAll(run);
    header.add(String.format(Locale.ROOT, "input     %s (%s), %d rows", settings.input,
        settings.inputFormat, metrics.rowsIn()));
    header.add("splits    " + splits.describe());
    header.add(String.format(Locale.ROOT, "output    %s, %d rows%s", output, metrics.rowsOut(),
        settings.copies == null ? "" : " (" + settings.copies + " copies)"));
    header.add(String.format(Locale.ROOT, "seed      %d (replay with --seed %d)", settings.seed,
        settings.seed));
    header.add("mode      " + (settings.keys.isEmpty()
        ? "partition (masks follow the input's partitioning)"
        : "key " + String.join(", ", settings.keys)
            + " (masks follow the key, whatever the partitioning)")
        + (settings.training ? "" : ", training false: values unchanged"));
    if (keys != null) {
      header.add("keys      " + keys.describe());
    }
    header.add("core      " + Engines.choice().description());
    header.add("spark     " + JobVersion.spark() + " (Scala " + JobVersion.scala() + ")");
    List<Map<String, Object>> columns = new ArrayList<>();
    for (int i = 0; i < settings.columns.size(); i++) {
      ColumnDropout column = settings.columns.get(i);
      RunMetrics.Moments before = metrics.before(i);
      RunMetrics.Moments after = metrics.after(i);
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("column", column.column());
      c.put("method", column.method().sqlName());
      // Both keys on every column, so the summaries of many runs read as one table.
      for (String parameter : JobSettings.PARAMETERS) {
        c.put(parameter, column.method().parameterName().equals(parameter) ? column.rate() : null);
      }
      c.put("noise_shape", column.noiseShape() == null ? null : column.noiseShape().toString());
      boolean masked = column.method().hasMask();
      c.put("kept_fraction", masked ? finite(metrics.keptFraction(i)) : null);
      c.put("elements_before", before.count);
      c.put("mean_before", finite(before.mean));
      c.put("variance_before", finite(before.variance));
      c.put("elements_after", after.count);
      c.put("mean_after", finite(after.mean));
      c.put("variance_after", finite(after.variance));
      columns.add(c);
      table.add(new String[] {column.column(), Augmenter.describe(column),
          masked ? format(metrics.keptFraction(i)) : NOT_APPLICABLE, format(before.mean),
          format(after.mean), format(before.variance), format(after.variance)});
    }
    json.put("columns", columns);
    header.add(String.format(Locale.ROOT, "time      %.1f s", seconds));
  }

  void print(PrintStream out) {
    out.println();
    out.println("spark-dropout summary");
    header.forEach(line -> out.println("  " + line));
    String[] titles = {"column", "method", "kept", "mean before", "mean after", "var before",
        "var after"};
    int[] widths = new int[titles.length];
    for (int i = 0; i < titles.length; i++) {
      widths[i] = titles[i].length();
      for (String[] row : table) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    out.println("  " + line(titles, widths));
    table.forEach(row -> out.println("  " + line(row, widths)));
  }

  private static String line(String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      String format = i < 2 ? "%-" + widths[i] + "s" : "%" + widths[i] + "s";
      line.append(i == 0 ? "" : "  ").append(String.format(Locale.ROOT, format, cells[i]));
    }
    return line.toString();
  }

  String toJson() {
    try {
      return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("summary cannot be written as JSON", e);
    }
  }

  private static String format(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4f", value);
  }

  /** JSON has no NaN: a statistic of no elements (or of NaN data) is null. */
  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }

  private static double round(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }
}
