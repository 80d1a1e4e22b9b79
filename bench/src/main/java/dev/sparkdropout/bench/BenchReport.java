package dev.sparkdropout.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Turns one run's results (JMH JSON, the Spark benchmarks' JSON, the memory run's GC log) into
 * {@code REPORT.md} and {@code chart.png}: medians, ratios against the targets of the
 * performance issue, and the machine they were measured on.
 *
 * <p>Usage: {@code BenchReport RESULTS_DIR}.
 */
public final class BenchReport {

  private BenchReport() {}

  public static void main(String[] args) throws IOException {
    File dir = new File(args[0]);
    ObjectMapper json = new ObjectMapper();
    JsonNode spark = json.readTree(new File(dir, "spark.json"));
    JsonNode jmh = json.readTree(new File(dir, "jmh.json"));
    StringBuilder md = new StringBuilder("# spark-dropout benchmarks\n\n");
    md.append(machine()).append('\n');

    JsonNode noop = spark.get("noop");
    double identity = noop.get("identity select").asDouble();
    double dropout = noop.get("dropout, partition mode").asDouble();
    md.append(String.format(Locale.ROOT, "## Spark, local[2]: %d rows x %d floats, cached, "
        + "written to the noop sink%n%nMedian of 5 runs after 2 warm-up runs, all in one JVM.%n%n",
        spark.get("rows").asInt(), spark.get("width").asInt()));
    md.append("| case | median s | vs identity | ours faster by |\n| --- | ---: | ---: | ---: |\n");
    List<String> names = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = noop.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      double seconds = e.getValue().asDouble();
      md.append(String.format(Locale.ROOT, "| %s | %.3f | %.2fx | %s |%n", e.getKey(), seconds,
          seconds / identity, e.getKey().startsWith("SQL") || e.getKey().startsWith("Java")
              ? String.format(Locale.ROOT, "%.2fx", seconds / dropout) : ""));
      names.add(e.getKey());
      ratios.add(seconds / identity);
    }
    JsonNode parquet = spark.get("parquet");
    double copy = parquet.get("Parquet copy").asDouble();
    double parquetDropout = parquet.get("Parquet dropout").asDouble();
    md.append(String.format(Locale.ROOT, "%n## Parquet read, dropout, write%n%n"
        + "| case | median s | vs copy |%n| --- | ---: | ---: |%n"
        + "| Parquet copy | %.3f | 1.00x |%n| Parquet dropout (key mode) | %.3f | %.2fx |%n"
        + "| the job end to end (summary included) | %.3f | %.2fx |%n",
        copy, parquetDropout, parquetDropout / copy, spark.get("job").get("job end to end")
            .asDouble(), spark.get("job").get("job end to end").asDouble() / copy));

    md.append("\n## Core, one thread (JMH), elements per second\n\n"
        + "| benchmark | method | rate | noise_shape | M elements/s | +- |\n"
        + "| --- | --- | ---: | --- | ---: | ---: |\n");
    for (JsonNode run : jmh) {
      String benchmark = run.get("benchmark").asText();
      JsonNode params = run.get("params");
      JsonNode metric = run.get("primaryMetric");
      md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.1f | %.1f |%n",
          benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1),
          text(params, "method"), text(params, "rate"), text(params, "noiseShape"),
          metric.get("score").asDouble() / 1e6, metric.get("scoreError").asDouble() / 1e6));
    }

    md.append("\n## Targets\n\n| target | measured | met |\n| --- | --- | --- |\n");
    double key = noop.get("dropout, key mode").asDouble();
    double peer = noop.get("SQL transform + rand").asDouble();
    target(md, "dropout (partition mode) <= 2.0x identity", dropout / identity, dropout / identity <= 2.0);
    target(md, "dropout (key mode) <= 2.2x identity", key / identity, key / identity <= 2.2);
    target(md, ">= 5x faster than SQL transform + rand", peer / dropout, peer / dropout >= 5.0);
    target(md, "Parquet dropout <= 1.25x Parquet copy", parquetDropout / copy,
        parquetDropout / copy <= 1.25);
    double core = 0;
    for (JsonNode run : jmh) {
      if (run.get("benchmark").asText().endsWith("CoreBenchmark.floats")
          && "dropout".equals(text(run.get("params"), "method"))
          && "0.3".equals(text(run.get("params"), "rate"))
          && "none".equals(text(run.get("params"), "noiseShape"))) {
        core = run.get("primaryMetric").get("score").asDouble() / 1e6;
      }
    }
    md.append(String.format(Locale.ROOT, "| core float dropout at 0.3 >= 400 M elements/s per core "
        + "| %.0f M | %s |%n", core, core >= 400 ? "yes" : "no"));

    md.append("\n## Memory and GC\n\n").append(memory(dir)).append(gc(spark.get("gc")));
    Files.writeString(new File(dir, "REPORT.md").toPath(), md.toString(), StandardCharsets.UTF_8);
    chart(names, ratios, new File(dir, "chart.png"));
    System.out.print(md);
  }

  private static void target(StringBuilder md, String name, double value, boolean met) {
    md.append(String.format(Locale.ROOT, "| %s | %.2fx | %s |%n", name, value, met ? "yes" : "no"));
  }

  private static String text(JsonNode params, String name) {
    return params == null || params.get(name) == null ? "" : params.get(name).asText();
  }

  private static String machine() throws IOException {
    String cpu = "unknown";
    for (String line : Files.readAllLines(new File("/proc/cpuinfo").toPath())) {
      if (line.startsWith("model name")) {
        cpu = line.substring(line.indexOf(':') + 1).trim();
        break;
      }
    }
    long memory = ((com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() >> 30;
    return String.format(Locale.ROOT, "Machine: %s, %d cores, %d GiB; %s %s; Spark %s.%n",
        cpu, Runtime.getRuntime().availableProcessors(), memory,
        System.getProperty("java.vm.name"), System.getProperty("java.version"),
        org.apache.spark.package$.MODULE$.SPARK_VERSION());
  }

  /** The memory run: the job on 1M rows x 256 floats with a 2 GB heap, from its GC log. */
  private static String memory(File dir) throws IOException {
    File log = new File(dir, "memory-gc.log");
    File exit = new File(dir, "memory-exit.txt");
    if (!log.exists() || !exit.exists()) {
      return "The memory run did not run.\n\n";
    }
    Pattern pause = Pattern.compile("Pause.*?(\\d+)M->(\\d+)M\\((\\d+)M\\) ([0-9.]+)ms");
    int pauses = 0;
    double pauseMillis = 0;
    long maxAfter = 0;
    long maxHeap = 0;
    for (String line : Files.readAllLines(log.toPath())) {
      Matcher m = pause.matcher(line);
      if (m.find()) {
        pauses++;
        maxAfter = Math.max(maxAfter, Long.parseLong(m.group(2)));
        maxHeap = Math.max(maxHeap, Long.parseLong(m.group(3)));
        pauseMillis += Double.parseDouble(m.group(4));
      }
    }
    return String.format(Locale.ROOT, "The job on 1,000,000 rows x 256 floats with -Xmx2g and "
        + "default partitioning: exit code %s; %d GC pauses, %.1f s in all; live heap after GC "
        + "at most %d MB of a committed heap of at most %d MB.%n%n",
        Files.readString(exit.toPath()).strip(), pauses, pauseMillis / 1000, maxAfter, maxHeap);
  }

  private static String gc(JsonNode gc) {
    return String.format(Locale.ROOT, "The Spark benchmark JVM (-Xmx%d m): %d collections by %s, "
        + "%.1f s in all.%n", gc.get("max_heap_mb").asLong(), gc.get("collections").asLong(),
        gc.get("collectors").toString(), gc.get("collection_seconds").asDouble());
  }

  private static void chart(List<String> names, List<Double> ratios, File png) throws IOException {
    CategoryChart chart = new CategoryChartBuilder().width(900).height(500)
        .title("Time relative to the identity select (lower is better)")
        .xAxisTitle("").yAxisTitle("x identity select").build();
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setXAxisLabelRotation(20);
    chart.addSeries("local[2], 200,000 x 256 floats, noop sink", names, ratios);
    BitmapEncoder.saveBitmap(chart, png.getPath(), BitmapEncoder.BitmapFormat.PNG);
  }
}
