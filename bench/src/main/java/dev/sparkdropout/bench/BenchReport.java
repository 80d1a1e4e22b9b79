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

  private static final String[] VARIANTS = {"scalar", "vector"};
  private static final String[] TITLES = {"default JVM (plain Java)", "Vector API"};

  public static void main(String[] args) throws IOException {
    File dir = new File(args[0]);
    ObjectMapper json = new ObjectMapper();
    JsonNode[] spark = new JsonNode[2];
    JsonNode[] jmh = new JsonNode[2];
    for (int v = 0; v < 2; v++) {
      spark[v] = json.readTree(new File(dir, "spark-" + VARIANTS[v] + ".json"));
      jmh[v] = readJmh(json, new File(dir, "jmh-" + VARIANTS[v] + ".json"));
    }
    JsonNode avx2 = readJmh(json, new File(dir, "jmh-avx2.json")).get(0);
    StringBuilder md = new StringBuilder("# spark-dropout benchmarks\n\n");
    md.append(machine()).append('\n');
    md.append(String.format(Locale.ROOT, "Every case ran twice: in a default JVM, where the "
        + "core generates Philox words in plain Java (which C2 vectorizes in part), and with "
        + "`--add-modules jdk.incubator.vector`, where it uses the Vector API (same bits). "
        + "Medians of %d runs after %d warm-up runs; each variant in one JVM; cases compared "
        + "with each other run in turn, one run of each per round, and a ratio is the median of "
        + "the rounds' ratios, so a change in the machine's speed during the run cancels out. "
        + "A run of a case quicker than %.1f s executes it back to back for at least that long "
        + "and counts the mean.%n%n", spark[0].get("runs").asInt(),
        spark[0].get("warmup").asInt(), spark[0].get("min_run_seconds").asDouble()));

    md.append(String.format(Locale.ROOT, "## Spark, local[2]: %d rows x %d floats, cached, "
        + "written to the noop sink%n%n", spark[0].get("rows").asInt(),
        spark[0].get("width").asInt()));
    md.append("| case | default JVM s | vs identity | Vector API s | vs identity |\n"
        + "| --- | ---: | ---: | ---: | ---: |\n");
    List<String> names = new ArrayList<>();
    List<List<Double>> ratios = List.of(new ArrayList<>(), new ArrayList<>());
    for (Iterator<String> it = spark[0].get("noop").fieldNames(); it.hasNext(); ) {
      String name = it.next();
      names.add(name);
      md.append("| ").append(name);
      for (int v = 0; v < 2; v++) {
        double seconds = spark[v].get("noop").get(name).asDouble();
        double ratio = paired(spark[v].get("noop_runs"), name, "identity select");
        ratios.get(v).add(ratio);
        md.append(String.format(Locale.ROOT, " | %.3f | %.2fx", seconds, ratio));
      }
      md.append(" |\n");
    }

    String floor = "copy through StaticInvoke (the floor)";
    md.append(String.format(Locale.ROOT, "%nOver the floor, a copy of each array through the "
        + "same kind of call: partition mode %.2fx (default JVM) and %.2fx (Vector API), key "
        + "mode %.2fx and %.2fx.%n",
        paired(spark[0].get("noop_runs"), "dropout, partition mode", floor),
        paired(spark[1].get("noop_runs"), "dropout, partition mode", floor),
        paired(spark[0].get("noop_runs"), "dropout, key mode", floor),
        paired(spark[1].get("noop_runs"), "dropout, key mode", floor)));

    md.append("\n## Other rows: dropout (partition mode) vs the identity select\n\n"
        + "As many values as above, so short rows weigh each row's fixed costs more. Cached, but "
        + "for the rows read from Parquet, which are compared with the read alone.\n\n"
        + "| rows of | rows | default JVM | Vector API |\n| --- | ---: | ---: | ---: |\n");
    for (Iterator<String> it = spark[0].get("shapes").fieldNames(); it.hasNext(); ) {
      String shape = it.next();
      md.append(String.format(Locale.ROOT, "| %s | %d", shape,
          spark[0].get("shapes").get(shape).get("rows").asLong()));
      for (int v = 0; v < 2; v++) {
        JsonNode runs = spark[v].get("shapes").get(shape).get("runs");
        md.append(String.format(Locale.ROOT, " | %.2fx",
            paired(runs, "dropout, partition mode", "identity select")));
      }
      md.append(" |\n");
    }

    md.append("\n## Parquet read, dropout, write\n\n| case | default JVM s | vs copy "
        + "| Vector API s | vs copy |\n| --- | ---: | ---: | ---: | ---: |\n");
    for (String[] row : new String[][] {{"parquet", "Parquet copy"},
        {"parquet", "Parquet dropout"}, {"job", "job end to end"}}) {
      md.append("| ").append(row[1].equals("Parquet dropout") ? "Parquet dropout (key mode)"
          : row[1].equals("job end to end") ? "the job end to end (summary included)" : row[1]);
      for (int v = 0; v < 2; v++) {
        double seconds = spark[v].get(row[0]).get(row[1]).asDouble();
        // The job runs on its own, so it has no run of the copy to be paired with.
        double ratio = row[0].equals("parquet")
            ? paired(spark[v].get("parquet_runs"), row[1], "Parquet copy")
            : seconds / spark[v].get("parquet").get("Parquet copy").asDouble();
        md.append(String.format(Locale.ROOT, " | %.3f | %.2fx", seconds, ratio));
      }
      md.append(" |\n");
    }

    JsonNode[] copies = new JsonNode[2];
    for (int v = 0; v < 2; v++) {
      copies[v] = json.readTree(new File(dir, "copies-" + VARIANTS[v] + ".json"));
    }
    md.append(String.format(Locale.ROOT, "%n## The job with --copies %d against a Parquet copy "
        + "of its output%n%n%d input rows x 256 floats, %d output rows; the copy reads the job's "
        + "output and writes it again; %d rounds after %d warm-up rounds.%n%n| case "
        + "| default JVM s | vs copy | Vector API s | vs copy |%n| --- | ---: | ---: | ---: "
        + "| ---: |%n", copies[0].get("copies").asInt(), copies[0].get("input_rows").asInt(),
        copies[0].get("input_rows").asInt() * copies[0].get("copies").asInt(),
        copies[0].get("runs").get("job --copies 5").size(), copies[0].get("warmup").asInt()));
    for (String name : new String[] {"Parquet copy of its output", "job --copies 5"}) {
      md.append("| ").append(name);
      for (int v = 0; v < 2; v++) {
        md.append(String.format(Locale.ROOT, " | %.3f | %.2fx",
            copies[v].get("medians").get(name).asDouble(),
            paired(copies[v].get("runs"), name, "Parquet copy of its output")));
      }
      md.append(" |\n");
    }

    md.append("\n## Core, one thread (JMH), M elements per second\n\n"
        + "| benchmark | method | rate | noise_shape | default JVM | Vector API |\n"
        + "| --- | --- | ---: | --- | ---: | ---: |\n");
    for (int i = 0; i < jmh[0].size(); i++) {
      JsonNode run = jmh[0].get(i);
      String benchmark = run.get("benchmark").asText();
      JsonNode params = run.get("params");
      md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.0f +- %.0f | %.0f +- %.0f |%n",
          benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1),
          text(params, "method"), text(params, "rate"), text(params, "noiseShape"),
          score(run), error(run), score(jmh[1].get(i)), error(jmh[1].get(i))));
    }

    md.append(String.format(Locale.ROOT, "%nLimited to AVX2 (`-XX:UseAVX=2`, as on CPUs "
        + "without AVX-512), where the core runs plain Java even with the Vector API module, "
        + "float dropout at rate 0.3 without a noise shape: %.0f +- %.0f M elements per second."
        + "%n", score(avx2), error(avx2)));

    md.append("\n## Targets\n\n| target | default JVM | met | Vector API | met |\n"
        + "| --- | ---: | --- | ---: | --- |\n");
    double[][] measured = new double[5][2];
    for (int v = 0; v < 2; v++) {
      JsonNode noop = spark[v].get("noop_runs");
      measured[0][v] = paired(noop, "dropout, partition mode", "identity select");
      measured[1][v] = paired(noop, "dropout, key mode", "identity select");
      measured[2][v] = paired(noop, "SQL transform + rand", "dropout, partition mode");
      measured[3][v] = paired(spark[v].get("parquet_runs"), "Parquet dropout", "Parquet copy");
      for (JsonNode run : jmh[v]) {
        if (run.get("benchmark").asText().endsWith("CoreBenchmark.floats")
            && "dropout".equals(text(run.get("params"), "method"))
            && "0.3".equals(text(run.get("params"), "rate"))
            && "none".equals(text(run.get("params"), "noiseShape"))) {
          measured[4][v] = score(run);
        }
      }
    }
    target(md, "dropout (partition mode) <= 2.0x identity", measured[0], "x", m -> m <= 2.0);
    target(md, "dropout (key mode) <= 2.2x identity", measured[1], "x", m -> m <= 2.2);
    target(md, ">= 5x faster than SQL transform + rand", measured[2], "x", m -> m >= 5.0);
    target(md, "Parquet dropout <= 1.25x Parquet copy", measured[3], "x", m -> m <= 1.25);
    target(md, "core float dropout at 0.3 >= 400 M elements/s per core", measured[4], " M",
        m -> m >= 400);

    md.append("\n## Memory and GC\n\n").append(memory(dir));
    for (int v = 0; v < 2; v++) {
      md.append(TITLES[v]).append(": ").append(gc(spark[v].get("gc")));
    }
    Files.writeString(new File(dir, "REPORT.md").toPath(), md.toString(), StandardCharsets.UTF_8);
    chart(names, ratios, new File(dir, "chart.png"));
    System.out.print(md);
  }

  /**
   * The median over rounds of {@code name}'s time over {@code base}'s in the same round: runs
   * taken seconds apart, so a change in the machine's speed during the run cancels out.
   */
  private static double paired(JsonNode runs, String name, String base) {
    JsonNode times = runs.get(name);
    JsonNode baseTimes = runs.get(base);
    double[] ratios = new double[times.size()];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = times.get(i).asDouble() / baseTimes.get(i).asDouble();
    }
    return Medians.of(ratios);
  }

  private static double score(JsonNode run) {
    return run.get("primaryMetric").get("score").asDouble() / 1e6;
  }

  private static double error(JsonNode run) {
    return run.get("primaryMetric").get("scoreError").asDouble() / 1e6;
  }

  private static void target(StringBuilder md, String name, double[] values, String unit,
      java.util.function.DoublePredicate met) {
    md.append("| ").append(name);
    for (double value : values) {
      md.append(String.format(Locale.ROOT, " | %.2f%s | %s", value, unit,
          met.test(value) ? "yes" : "no"));
    }
    md.append(" |\n");
  }

  private static String text(JsonNode params, String name) {
    return params == null || params.get(name) == null ? "" : params.get(name).asText();
  }

  /** A JMH result file, rewritten without the JVM's paths on this machine: it is committed. */
  private static JsonNode readJmh(ObjectMapper json, File file) throws IOException {
    JsonNode runs = json.readTree(file);
    for (JsonNode run : runs) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) run).remove(List.of("jvm", "jvmArgs"));
    }
    json.writerWithDefaultPrettyPrinter().writeValue(file, runs);
    return runs;
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
    return String.format(Locale.ROOT, "the Spark benchmark JVM (-Xmx%d m) made %d collections "
        + "(%s), %.1f s in all.%n%n", gc.get("max_heap_mb").asLong(), gc.get("collections").asLong(),
        gc.get("collectors").toString(), gc.get("collection_seconds").asDouble());
  }

  private static void chart(List<String> names, List<List<Double>> ratios, File png)
      throws IOException {
    CategoryChart chart = new CategoryChartBuilder().width(1000).height(520)
        .title("local[2], 200,000 rows x 256 floats to the noop sink: time / identity select")
        .xAxisTitle("").yAxisTitle("x identity select (lower is better)").build();
    chart.getStyler().setXAxisLabelRotation(15);
    for (int v = 0; v < 2; v++) {
      chart.addSeries(TITLES[v], names, ratios.get(v));
    }
    BitmapEncoder.saveBitmap(chart, png.getPath(), BitmapEncoder.BitmapFormat.PNG);
  }
}
