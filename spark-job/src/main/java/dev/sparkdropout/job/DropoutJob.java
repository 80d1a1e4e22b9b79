package dev.sparkdropout.job;

import dev.sparkdropout.core.NoiseShapeException;
import dev.sparkdropout.udf.DropoutUdfs;
import dev.sparkdropout.udf.Seeds;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;

/**
 * The spark-submit application: reads a dataset, applies dropout to the named columns and writes
 * the result with a summary. {@code bin/spark-dropout} runs it without a Spark installation;
 * {@code spark-submit --class dev.sparkdropout.job.DropoutJob spark-dropout-job-<v>-all.jar}
 * runs it on any Spark 3.5 cluster.
 */
public final class DropoutJob {

  /** Exit code for a mistake in the flags, paths, columns or values: nothing was written. */
  static final int USER_ERROR = 2;
  /** Exit code for a failure while the job ran: nothing was written at the output. */
  static final int FAILURE = 1;

  private final PrintStream out;
  private final PrintStream err;

  /** A job that prints its summary to {@code out} and its errors to {@code err}. */
  public DropoutJob(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    int code = new DropoutJob(System.out, System.err).run(args);
    SparkSession.getDefaultSession().foreach(spark -> {
      spark.stop();
      return null;
    });
    System.exit(code);
  }

  /** Runs the job in the current JVM (reusing its Spark session, if any); returns the exit code. */
  public int run(String... args) {
    long start = System.nanoTime();
    JobCommand command = new JobCommand();
    CommandLine parser = JobCommand.parser(command);
    try {
      parser.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      err.println("spark-dropout: " + e.getMessage() + " (see --help)");
      return USER_ERROR;
    }
    if (parser.isUsageHelpRequested()) {
      parser.usage(out);
      return 0;
    }
    if (parser.isVersionHelpRequested()) {
      parser.printVersionHelp(out);
      return 0;
    }
    try {
      JobSettings settings = command.example ? null : JobSettings.resolve(command);
      SparkSession spark = session(command.example ? command.master : settings.master,
          command.example ? command.conf : settings.conf, command.verbose);
      if (command.example) {
        settings = ExampleData.create(spark, command);
      }
      run(spark, settings, start);
      return 0;
    } catch (UserError e) {
      return report(USER_ERROR, e.getMessage(), e, command.verbose);
    } catch (Exception e) {
      // Spark's analysis errors (a key type xxhash64 cannot hash, say) are the user's to fix.
      if (e instanceof AnalysisException) {
        return report(USER_ERROR, firstLine(e.getMessage()), e, command.verbose);
      }
      return report(FAILURE, "failed: " + describe(e), e, command.verbose);
    }
  }

  private void run(SparkSession spark, JobSettings requested, long start)
      throws IOException, InterruptedException {
    OutputPaths paths = OutputPaths.check(spark.sparkContext().hadoopConfiguration(), requested);
    Dataset<Row> input = spark.read().format(requested.inputFormat).load(requested.input);
    Augmenter.validate(input.schema(), requested);
    InputSplits splits = InputSplits.of(spark, input);
    JobSettings settings = requested.seed != null ? requested
        : requested.withSeed(Seeds.draw());
    out.println(requested.seed != null ? "spark-dropout: seed " + settings.seed
        : "spark-dropout: seed " + settings.seed + " (drawn; replay with --seed "
            + settings.seed + ")");
    RunMetrics metrics = new RunMetrics(settings.columns);
    Dataset<Row> output = Augmenter.build(input, settings, settings.seed, metrics);
    try {
      output.write().parquet(paths.staging().toString());
      metrics.collect();
      KeyCounts keys = settings.keys.isEmpty() ? null : KeyCounts.of(input, settings.keys);
      JobSummary summary = new JobSummary(settings, paths.output().toString(), splits, metrics,
          keys, (System.nanoTime() - start) / 1e9);
      write(paths, summary.toJson());
      paths.commit();
      summary.print(out);
      if (keys != null && keys.repeat()) {
        err.println("spark-dropout: " + keys.warning());
      }
    } catch (Throwable e) {
      // Spark's exceptions are checked to Java but thrown unchecked from Scala: catch them all.
      awaitNoRunningTasks(spark);
      paths.abort();
      throw e;
    }
  }

  /**
   * A failed job returns while its other tasks are still being killed, and those may still
   * create files; waits (a minute at most) until no executor runs a task.
   */
  private static void awaitNoRunningTasks(SparkSession spark) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (System.nanoTime() < deadline) {
      int running = 0;
      for (SparkExecutorInfo executor : spark.sparkContext().statusTracker().getExecutorInfos()) {
        running += executor.numRunningTasks();
      }
      if (running == 0) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void write(OutputPaths paths, String json) throws IOException {
    Path file = new Path(paths.staging(), JobSummary.FILE_NAME);
    try (FSDataOutputStream stream = paths.fileSystem().create(file, false)) {
      stream.write(json.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static SparkSession session(String master, Map<String, String> conf, boolean verbose) {
    SparkSession.Builder builder = SparkSession.builder().appName("spark-dropout");
    if (master != null) {
      builder.master(master);
    } else if (!new SparkConf().contains("spark.master")) {
      builder.master("local[*]");
    }
    builder.config("spark.ui.showConsoleProgress", "true");
    SparkConf launched = new SparkConf();
    String effectiveMaster = master != null ? master : launched.get("spark.master", "local[*]");
    if (!effectiveMaster.startsWith("local") && !launched.contains("spark.jars")
        && !conf.containsKey("spark.jars")) {
      // Started without spark-submit (bin/spark-dropout): ship our jars as spark-submit would.
      builder.config("spark.jars", String.join(",", codeJars()));
    }
    conf.forEach(builder::config);
    SparkSession spark = builder.getOrCreate();
    if (!verbose) {
      spark.sparkContext().setLogLevel("WARN");
    }
    DropoutUdfs.ensureRegistered(spark);
    InputSplits.fix(spark);
    return spark;
  }

  /** The jars holding the job and the library, which executors need. */
  private static Set<String> codeJars() {
    Set<String> jars = new LinkedHashSet<>();
    for (Class<?> type : new Class<?>[] {DropoutJob.class, DropoutUdfs.class}) {
      try {
        File location = new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (location.isFile()) {
          jars.add(location.getAbsolutePath());
        }
      } catch (URISyntaxException | SecurityException | NullPointerException e) {
        // Not from a jar (an IDE's class directory): nothing to ship.
      }
    }
    return jars;
  }

  private int report(int code, String message, Exception error, boolean verbose) {
    err.println("spark-dropout: " + message);
    if (verbose) {
      error.printStackTrace(err);
    }
    return code;
  }

  /** The innermost message: a task's row error is what the user needs, not the stage's. */
  private static String describe(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
      if (cause instanceof NoiseShapeException) {
        break;
      }
    }
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName()
        : firstLine(cause.getMessage());
    return message;
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
