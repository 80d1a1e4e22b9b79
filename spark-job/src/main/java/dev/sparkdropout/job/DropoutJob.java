package dev.sparkdropout.job;

import dev.sparkdropout.sql.FunctionRegistration;
import dev.sparkdropout.spark.Seeds;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkExecutorInfo;
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

  /** Exit code of a run stopped by SIGINT, as shells report it. */
  private static final int INTERRUPTED = 130;

  private final PrintStream out;
  private final PrintStream err;
  /** Whether this JVM is the job's own, whose log --verbose may send to the console. */
  private final boolean ownsLog;

  /** A job that prints its summary to {@code out} and its errors to {@code err}. */
  public DropoutJob(PrintStream out, PrintStream err) {
    this(out, err, false);
  }

  private DropoutJob(PrintStream out, PrintStream err, boolean ownsLog) {
    this.out = out;
    this.err = err;
    this.ownsLog = ownsLog;
  }

  public static void main(String[] args) {
    int code = new DropoutJob(System.out, System.err, true).run(args);
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
      return FailureReport.USER_ERROR;
    }
    if (parser.isUsageHelpRequested()) {
      parser.usage(out);
      return 0;
    }
    if (parser.isVersionHelpRequested()) {
      parser.printVersionHelp(out);
      return 0;
    }
    if (command.verbose && ownsLog) {
      JobLog.toConsole();
    }
    try {
      JobSettings settings = command.example ? null : JobSettings.resolve(command);
      String master = command.example ? command.master : settings.master;
      SparkSession spark = session(master, command.example ? command.conf : settings.conf,
          command.verbose);
      if (command.example) {
        settings = ExampleData.create(spark, command);
      }
      run(spark, settings, start);
      return 0;
    } catch (Interrupted e) {
      return INTERRUPTED;
    } catch (Exception e) {
      // A failed stage leaves Spark's progress bar on the console line the report starts on.
      SparkSession.getActiveSession().foreach(spark -> {
        spark.sparkContext().progressBar().foreach(bar -> {
          bar.finishAll();
          return null;
        });
        return null;
      });
      FailureReport report = FailureReport.of(e, JobLog.file());
      err.println("spark-dropout: " + report.line);
      if (command.verbose) {
        e.printStackTrace(err);
      }
      return report.code;
    }
  }

  private void run(SparkSession spark, JobSettings requested, long start)
      throws IOException, InterruptedException {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    InputFiles files = InputFiles.find(hadoop, requested.input);
    files.checkFormat(requested.input, requested.inputFormat);
    OutputPaths paths = OutputPaths.check(hadoop, requested, files);
    Dataset<Row> input = spark.read().format(requested.inputFormat).load(requested.input);
    Augmenter.validate(input.schema(), requested);
    InputSplits splits = InputSplits.of(spark, input);
    JobSettings settings = requested.seed != null ? requested
        : requested.withSeed(Seeds.draw());
    RunMetrics metrics = new RunMetrics(settings.columns);
    Dataset<Row> output = Augmenter.build(input, settings, settings.seed, metrics);
    InterruptCleanup interrupts = InterruptCleanup.install(paths, err);
    try {
      paths.begin(spark.sparkContext().applicationId());
      out.println(requested.seed != null ? "spark-dropout: seed " + settings.seed
          : "spark-dropout: seed " + settings.seed + " (drawn; replay with --seed "
              + settings.seed + ")");
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
      if (interrupts.interrupted()) {
        // The shutdown hooks report and clean up; this thread's error is only Spark stopping.
        throw new Interrupted();
      }
      awaitNoRunningTasks(spark);
      paths.abort();
      throw e;
    } finally {
      interrupts.close();
    }
  }

  /** The run was interrupted: the shutdown hooks say so, nothing more is reported. */
  private static final class Interrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;
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
    SparkSession spark;
    try {
      spark = builder.getOrCreate();
    } catch (Exception e) {
      throw FailureReport.startFailure(e, master);
    }
    if (!verbose && JobLog.file().isEmpty()) {
      // Under spark-submit Spark's INFO log shares the console with the summary.
      spark.sparkContext().setLogLevel("WARN");
    }
    FunctionRegistration.ensureRegistered(spark);
    InputSplits.fix(spark);
    return spark;
  }

  /** The jars holding the job and the library, which executors need. */
  private static Set<String> codeJars() {
    Set<String> jars = new LinkedHashSet<>();
    for (Class<?> type : new Class<?>[] {DropoutJob.class, FunctionRegistration.class}) {
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
}
