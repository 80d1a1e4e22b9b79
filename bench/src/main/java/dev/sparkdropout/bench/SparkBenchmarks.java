package dev.sparkdropout.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkdropout.job.DropoutJob;
import dev.sparkdropout.sql.FunctionRegistration;
import java.io.File;
import java.io.PrintStream;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.Seq;

/**
 * Side by side in one JVM and one run, local[2]: our functions against the identity select and
 * the peers a Spark user would write without us, on a cached DataFrame written to the noop sink;
 * a Parquet round trip against a plain Parquet copy; the job end to end; and partition mode on
 * rows of other shapes. Each case runs {@code WARMUP} times unmeasured, then {@code RUNS} times,
 * in turn with the cases it is compared with; a run of a quick case executes it back to back for
 * at least {@code MIN_RUN_SECONDS}. The results hold every run's seconds and their medians.
 *
 * <p>Usage: {@code SparkBenchmarks RESULTS.json WORK_DIR [ROWS]}.
 */
public final class SparkBenchmarks {

  /**
   * Rounds run before the measured ones. Spark's own code (the identity select's) keeps getting
   * faster under the JIT for about ten rounds, ours sooner: with two, the ratios to the identity
   * select came out a fifth to a quarter lower than where they settle.
   */
  private static final int WARMUP = 10;
  private static final int RUNS = 15;
  /** The least time one measured run of a case takes (see {@link #interleaved}). */
  private static final double MIN_RUN_SECONDS = 0.3;
  private static final int WIDTH = 256;

  private SparkBenchmarks() {}

  /** A UDF as users write it: boxed Seq in, java.util.Random-style draws, float[] out. */
  static final class PlainJavaDropout implements UDF1<Seq<Object>, float[]> {
    private static final long serialVersionUID = 1L;

    @Override
    public float[] call(Seq<Object> values) {
      float[] out = new float[values.size()];
      ThreadLocalRandom random = ThreadLocalRandom.current();
      for (int i = 0; i < out.length; i++) {
        float x = (Float) values.apply(i);
        out[i] = random.nextDouble() < 0.3 ? 0f : x / 0.7f;
      }
      return out;
    }
  }

  public static void main(String[] args) throws Exception {
    File results = new File(args[0]);
    File work = new File(args[1]);
    int rows = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
    SparkSession spark = session();
    ArrayCopy.register(spark);
    spark.udf().register("plain_java_dropout", new PlainJavaDropout(),
        DataTypes.createArrayType(DataTypes.FloatType));
    Dataset<Row> data = cachedBench(spark, rows);

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rows", rows);
    out.put("width", WIDTH);
    out.put("warmup", WARMUP);
    out.put("runs", RUNS);
    out.put("min_run_seconds", MIN_RUN_SECONDS);
    Map<String, String> cached = kernelSelects();
    cached.put("copy through StaticInvoke (the floor)", "array_copy(f)");
    cached.put("reverse (new array, no arithmetic)", "reverse(f)");
    cached.put("Java UDF1<Seq<Float>, float[]>", "plain_java_dropout(f)");
    Map<String, Case> noopCases = new LinkedHashMap<>();
    cached.forEach((name, select) -> noopCases.put(name, noop(spark, select, "bench")));
    Map<String, double[]> noopRuns = interleaved(noopCases);
    Map<String, Double> noop = medians(noopRuns);
    noop.forEach((k, v) -> System.out.printf("noop  %-32s %.3f s%n", k, v));
    out.put("noop", noop);
    out.put("noop_runs", noopRuns);

    String parquet = new File(work, "input").getPath();
    data.write().mode(SaveMode.Overwrite).parquet(parquet);
    spark.read().parquet(parquet).createOrReplaceTempView("bench_parquet");
    Map<String, Case> fileCases = new LinkedHashMap<>();
    fileCases.put("Parquet copy", () -> spark.sql("SELECT id, f FROM bench_parquet").write()
        .mode(SaveMode.Overwrite).parquet(new File(work, "copy").getPath()));
    fileCases.put("Parquet dropout", () -> spark.sql(
        "SELECT id, dropout(f, 0.3, 42, id) AS f FROM bench_parquet").write()
        .mode(SaveMode.Overwrite).parquet(new File(work, "dropout").getPath()));
    Map<String, double[]> fileRuns = interleaved(fileCases);
    Map<String, Double> files = medians(fileRuns);
    files.forEach((k, v) -> System.out.printf("files %-32s %.3f s%n", k, v));
    out.put("parquet", files);
    out.put("parquet_runs", fileRuns);

    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    Map<String, Double> job = medians(interleaved(Map.of("job end to end", () -> {
      int code = new DropoutJob(quiet, System.err).run("--input", parquet, "--output",
          new File(work, "job").getPath(), "--column", "f", "--rate", "0.3", "--seed", "42",
          "--key", "id", "--overwrite");
      if (code != 0) {
        throw new IllegalStateException("the job failed with exit code " + code);
      }
    })));
    System.out.printf("job   %-32s %.3f s%n", "bin/spark-dropout (in process)",
        job.get("job end to end"));
    out.put("job", job);
    out.put("shapes", shapes(spark, rows, work));
    out.put("gc", gcSummary());
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(results, out);
    spark.stop();
  }

  /**
   * Rows of another shape: {@code width} values per row, the column {@code f} made from
   * {@code column}'s SQL over {@code id}; cached, or read from a Parquet file.
   */
  private record Shape(String name, int width, String column, boolean mlVector,
      boolean parquet) {

    /** {@code width} values per row in one array, each {@code value}'s SQL over {@code i}. */
    static Shape flat(String name, int width, String value, boolean mlVector) {
      return new Shape(name, width,
          "transform(sequence(1, " + width + "), i -> " + value + ")", mlVector, false);
    }
  }

  /**
   * Partition mode against the identity select on other rows users have: shorter and longer
   * arrays, whose fixed costs per row weigh differently, arrays with NULL elements, ML vectors,
   * and nested arrays (rank-2 rows), cached and read from Parquet (against the read alone). Each
   * holds as many values as the main cases' data, to the noop sink.
   */
  static Map<String, Object> shapes(SparkSession spark, int rows, File work) throws Exception {
    String floats = value("FLOAT");
    String nested = "transform(sequence(1, 16), o -> transform(sequence(1, 16), i -> "
        + "CAST(hash(id, o, i) / 2147483648.0 AS FLOAT)))";
    List<Shape> shapes = List.of(Shape.flat("16 floats", 16, floats, false),
        Shape.flat("100 floats", 100, floats, false),
        Shape.flat("1000 floats", 1000, floats, false),
        Shape.flat("256 floats, 2% NULL", WIDTH, "IF(i % 50 = 0, NULL, " + floats + ")", false),
        Shape.flat("ML vectors of 256", WIDTH, value("DOUBLE"), true),
        new Shape("16 x 16 floats, nested", WIDTH, nested, false, false),
        new Shape("16 x 16 floats, nested, from Parquet", WIDTH, nested, false, true));
    Map<String, Object> results = new LinkedHashMap<>();
    for (Shape shape : shapes) {
      long shapeRows = (long) rows * WIDTH / shape.width();
      Dataset<Row> data = spark.range(0, shapeRows, 1, 4).selectExpr("id",
          shape.column() + " AS f");
      if (shape.mlVector()) {
        data = data.withColumn("f", functions.array_to_vector(data.col("f")));
      }
      if (shape.parquet()) {
        String path = new File(work, "shape").getPath();
        data.write().mode(SaveMode.Overwrite).parquet(path);
        data = spark.read().parquet(path);
      } else {
        data = data.cache();
        data.count();
      }
      data.createOrReplaceTempView("shape");
      Map<String, Case> cases = new LinkedHashMap<>();
      cases.put("identity select", noop(spark, "f", "shape"));
      cases.put("dropout, partition mode", noop(spark, "dropout(f, 0.3, 42)", "shape"));
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("rows", shapeRows);
      result.put("runs", interleaved(cases));
      results.put(shape.name(), result);
      System.out.printf("shape %-32s %d rows%n", shape.name(), shapeRows);
      data.unpersist(true);
    }
    return results;
  }

  /** local[2] with the functions registered. */
  static SparkSession session() {
    SparkSession spark = SparkSession.builder().master("local[2]").appName("spark-dropout bench")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    FunctionRegistration.register(spark);
    return spark;
  }

  /**
   * Our functions and the SQL a user would write instead ({@code transform} + {@code rand}), with
   * the identity select they are measured against, by name: selects over {@code bench}'s {@code f}.
   */
  static Map<String, String> kernelSelects() {
    Map<String, String> selects = new LinkedHashMap<>();
    selects.put("identity select", "f");
    selects.put("dropout, partition mode", "dropout(f, 0.3, 42)");
    selects.put("dropout, key mode", "dropout(f, 0.3, 42, id)");
    selects.put("alpha_dropout", "alpha_dropout(f, 0.3, 42)");
    selects.put("dropout_mask", "dropout_mask(f, 0.3, 42)");
    selects.put("SQL transform + rand", "transform(f, x -> IF(rand(42) < 0.3, 0, x / 0.7))");
    return selects;
  }

  /** The view {@code bench}: {@code rows} rows of {@code WIDTH} floats, cached. */
  static Dataset<Row> cachedBench(SparkSession spark, int rows) {
    Dataset<Row> data = spark.range(0, rows, 1, 4).selectExpr("id",
        "transform(sequence(1, " + WIDTH + "), i -> " + value("FLOAT") + ") AS f").cache();
    data.count();
    data.createOrReplaceTempView("bench");
    return data;
  }

  /** Element {@code i} of row {@code id}: values that do not compress away, in [-1, 1). */
  private static String value(String type) {
    return "CAST(hash(id, i) / 2147483648.0 AS " + type + ")";
  }

  /** {@code SELECT id, select AS f FROM view}, written to the noop sink. */
  static Case noop(SparkSession spark, String select, String view) {
    return () -> spark.sql("SELECT id, " + select + " AS f FROM " + view).write()
        .format("noop").mode(SaveMode.Overwrite).save();
  }

  interface Case {
    void run() throws Exception;
  }

  /**
   * Seconds of each run of cases that are compared with each other, run in turn, one run of each
   * per round: run {@code i} of every case comes from the same round, so the report can compare
   * them pairwise and a change in the machine's speed during the run weighs on every case alike.
   * A run of a quick case executes it several times back to back, as many as make up
   * {@code MIN_RUN_SECONDS} by its last warm-up, and counts their mean: one query of the cached
   * cases takes 30-80 ms, short enough for a GC pause or a slow moment of the machine to double.
   */
  static Map<String, double[]> interleaved(Map<String, Case> cases) throws Exception {
    return interleaved(cases, WARMUP, RUNS);
  }

  /** As {@link #interleaved(Map)}, with {@code warmup} rounds and then {@code runs}. */
  static Map<String, double[]> interleaved(Map<String, Case> cases, int warmup, int runs)
      throws Exception {
    Map<String, Integer> repeats = new LinkedHashMap<>();
    for (int i = 0; i < warmup; i++) {
      for (Map.Entry<String, Case> c : cases.entrySet()) {
        double seconds = time(c.getValue(), 1);
        repeats.put(c.getKey(), (int) Math.max(1, Math.ceil(MIN_RUN_SECONDS / seconds)));
      }
    }
    Map<String, double[]> seconds = new LinkedHashMap<>();
    cases.keySet().forEach(name -> seconds.put(name, new double[runs]));
    for (int i = 0; i < runs; i++) {
      for (Map.Entry<String, Case> c : cases.entrySet()) {
        seconds.get(c.getKey())[i] = time(c.getValue(), repeats.get(c.getKey()));
      }
    }
    return seconds;
  }

  /** The mean seconds of {@code times} executions of {@code c} back to back. */
  private static double time(Case c, int times) throws Exception {
    long start = System.nanoTime();
    for (int i = 0; i < times; i++) {
      c.run();
    }
    return (System.nanoTime() - start) / 1e9 / times;
  }

  static Map<String, Double> medians(Map<String, double[]> runs) {
    Map<String, Double> medians = new LinkedHashMap<>();
    runs.forEach((name, seconds) -> medians.put(name, Medians.of(seconds)));
    return medians;
  }

  static Map<String, Object> gcSummary() {
    Map<String, Object> gc = new LinkedHashMap<>();
    List<String> collectors = new ArrayList<>();
    long count = 0;
    long millis = 0;
    for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
      collectors.add(bean.getName());
      count += bean.getCollectionCount();
      millis += bean.getCollectionTime();
    }
    gc.put("collectors", collectors);
    gc.put("collections", count);
    gc.put("collection_seconds", millis / 1000.0);
    gc.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    return gc;
  }
}
