package dev.sparkdropout.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkdropout.sql.SparkTestBase;
import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TestRule;

/**
 * The job on a real standalone cluster started by {@code bin/spark-cluster} (a Master and two
 * Workers on 127.0.0.1, executors in their own JVMs), compared with local mode; a Spark Connect
 * server on it; and the faults clusters have: a killed executor, a failed and retried task, a
 * killed driver.
 */
public class ClusterTest extends SparkTestBase {

  private static File state;
  private static File data;
  private static String master;
  private static final Map<String, List<Row>> BASELINES = new HashMap<>();
  /** Where the tests' own classes are, for the driver's and executors' class paths. */
  private static final String TEST_CLASSES = SparkLine.testClasses();
  /** Bounds a wait for a signal of a job that is running. */
  private static final Duration WAIT = Duration.ofMinutes(2);

  @Rule public final TestRule progress = Progress.testNames();

  @BeforeClass
  public static void startCluster() throws Exception {
    state = Files.createTempDirectory("spark-cluster").toFile();
    data = Files.createTempDirectory("cluster-data").toFile();
    Progress.step("starting a 2-worker cluster");
    Launch.Result started = Launch.run(List.of("bin/spark-cluster", "start", "--workers", "2"),
        clusterEnvironment());
    assertThat(started.exitCode).as(started.err).isZero();
    master = started.out.strip().lines().reduce((a, b) -> b).orElse("");
    assertThat(master).matches("spark://127\\.0\\.0\\.1:\\d+");
  }

  @AfterClass
  public static void stopCluster() throws Exception {
    Progress.step("stopping the cluster");
    Launch.Result stopped = Launch.run(List.of("bin/spark-cluster", "stop"), clusterEnvironment());
    assertThat(stopped.exitCode).as(stopped.err).isZero();
    assertThat(clusterProcesses()).as("master, worker or executor processes left").isEmpty();
  }

  private static Map<String, String> clusterEnvironment() {
    return Map.of("SPARK_CLUSTER_DIR", state.getPath());
  }

  /** Processes of this test's cluster: their command line names its SPARK_HOME. */
  private static List<ProcessHandle> clusterProcesses() {
    List<ProcessHandle> found = new ArrayList<>();
    ProcessHandle.allProcesses().forEach(p -> {
      Optional<String> line = p.info().commandLine();
      if (line.isPresent() && line.get().contains(state.getPath())
          && line.get().contains("org.apache.spark")) {
        found.add(p);
      }
    });
    return found;
  }

  /**
   * The one executor of this test's cluster with this application and executor id: the
   * executors of the previous test's application may still be on their way out.
   */
  private static ProcessHandle executor(String application, String id) {
    Pattern app = Pattern.compile(" --app-id " + Pattern.quote(application) + "( |$)");
    Pattern named = Pattern.compile(" --executor-id " + Pattern.quote(id) + "( |$)");
    List<ProcessHandle> found = new ArrayList<>();
    for (ProcessHandle p : clusterProcesses()) {
      String line = p.info().commandLine().orElse("");
      if (line.contains("CoarseGrainedExecutorBackend") && app.matcher(line).find()
          && named.matcher(line).find()) {
        found.add(p);
      }
    }
    assertThat(found).as("executor %s of %s", id, application).hasSize(1);
    return found.get(0);
  }

  /** The same 4000 rows in 1 and in 8 files, and 144000 wider rows in 48 files. */
  private String input(String name) {
    File dir = new File(data, name);
    if (!dir.exists()) {
      Progress.step("writing the input '%s'", name);
      Dataset<Row> rows = spark().range(0, name.equals("big") ? 144_000 : 4000).selectExpr("id",
          "concat('user-', id % 997) AS user",
          "transform(sequence(1, " + (name.equals("big") ? 128 : 32) + "), "
              + "i -> CAST(hash(id, i) / 2147483648.0 AS FLOAT)) AS f",
          "array(array(CAST(id AS DOUBLE), 1D), array(2D, 3D)) AS seq");
      (name.equals("one") ? rows.coalesce(1)
          : rows.repartition(name.equals("eight") ? 8 : 48)).write().parquet(dir.getPath());
    }
    return dir.getPath();
  }

  private static List<String> job(String masterUrl, String input, String output, String... more) {
    List<String> command = new ArrayList<>(List.of("bin/spark-dropout", "--master", masterUrl,
        "--input", input, "--output", output, "--column", "f,seq", "--rate", "0.3",
        "--seed", "99", "--overwrite", "--conf", "spark.executor.memory=512m"));
    command.addAll(Arrays.asList(more));
    return command;
  }

  private String runJob(String masterUrl, String input, String output, String... more)
      throws Exception {
    Progress.step("running the job on %s into %s", masterUrl, new File(output).getName());
    Launch.Result result = Launch.run(job(masterUrl, input, output, more), Map.of());
    assertThat(result.exitCode).as("%s: %s", masterUrl, result.err).isZero();
    return output;
  }

  /** The input under {@link GatedFileSystem}'s scheme. */
  private String gatedInput(String name) {
    return GatedFileSystem.SCHEME + "://" + input(name);
  }

  /**
   * The job with its reads gated on {@code executor} and {@link TaskSignals} on its stdout. The
   * driver and the executors (which run on this machine) load both from the test classes; the
   * write starts once both executors are there, so each gets one of its first tasks.
   */
  private static List<String> gated(List<String> job, String executor) {
    List<String> command = new ArrayList<>(job);
    command.addAll(List.of(
        "--conf", "spark.hadoop.fs." + GatedFileSystem.SCHEME + ".impl="
            + GatedFileSystem.class.getName(),
        "--conf", "spark.hadoop.gated.executor=" + executor,
        "--conf", "spark.extraListeners=" + TaskSignals.class.getName(),
        "--conf", "spark.executor.extraClassPath=" + TEST_CLASSES,
        "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0"));
    return command;
  }

  private static Map<String, String> gatedEnvironment() {
    return Map.of("SPARK_DROPOUT_CLASSPATH", TEST_CLASSES);
  }

  private List<Row> read(String output) {
    return spark().read().parquet(output).orderBy("id").collectAsList();
  }

  private List<Row> baseline(String input) throws Exception {
    if (!BASELINES.containsKey(input)) {
      String out = new File(data, "baseline-" + new File(input).getName()).getPath();
      BASELINES.put(input, read(runJob("local[2]", input, out, "--key", "user")));
    }
    return BASELINES.get(input);
  }

  @Test
  public void keyModeGivesTheSameBitsInLocalModesOnTheClusterAndForAnyNumberOfFiles()
      throws Exception {
    List<Row> expected = read(runJob("local[1]", input("one"), data + "/k-local1", "--key", "user"));
    assertSameRows(read(runJob("local[2]", input("eight"), data + "/k-local2", "--key", "user")),
        expected);
    assertSameRows(read(runJob(master, input("one"), data + "/k-cluster1", "--key", "user")),
        expected);
    assertSameRows(read(runJob(master, input("eight"), data + "/k-cluster8", "--key", "user")),
        expected);
  }

  /**
   * 24000 rows of 128 floats, 12 MB, as one Parquet file of 1 MB row groups or as five files:
   * enough for Spark's own split sizing, which divides the input's bytes by the cores, to split
   * it differently under local[1] and local[2].
   */
  private String rowGroups(int files) throws Exception {
    File dir = new File(data, "row-groups-" + files);
    if (!dir.exists()) {
      Progress.step("writing 24000 rows as %d parquet file(s)", files);
      Dataset<Row> rows = spark().range(0, 24_000).selectExpr("id",
          "transform(sequence(1, 128), i -> CAST(hash(id, i) / 2147483648.0 AS FLOAT)) AS f",
          "array(array(CAST(id AS DOUBLE), 1D), array(2D, 3D)) AS seq");
      (files == 1 ? rows.coalesce(1) : rows.repartition(files)).write()
          .option("parquet.block.size", 1 << 20).parquet(dir.getPath());
    }
    File[] written = dir.listFiles((d, n) -> n.endsWith(".parquet"));
    assertThat(written).hasSize(files);
    if (files == 1) {
      try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
          new Path(written[0].getPath()), new Configuration()))) {
        assertThat(reader.getRowGroups()).as("row groups").hasSizeGreaterThan(8);
      }
    }
    return dir.getPath();
  }

  /** The number of input partitions a finished job's summary records. */
  private static int partitions(String output) throws Exception {
    return new ObjectMapper().readTree(new File(output, "_dropout_summary.json"))
        .get("input_partitions").asInt();
  }

  @Test
  public void partitionModeIsTheSameInLocalModesAndOnTheClusterForOneFileAndForFive()
      throws Exception {
    for (int files : new int[] {1, 5}) {
      String input = rowGroups(files);
      String out = data + "/p" + files;
      if (files == 1) {
        // Spark's default for minPartitionNum is the cores, 1 and 2 here: the input is split in
        // other ways then, so the job's own setting is what keeps its masks.
        assertThat(partitions(runJob("local[1]", input, out + "-spark1",
            "--conf", "spark.sql.files.minPartitionNum=1")))
            .isNotEqualTo(partitions(runJob("local[2]", input, out + "-spark2",
                "--conf", "spark.sql.files.minPartitionNum=2")));
      }
      String local1 = runJob("local[1]", input, out + "-local1");
      assertThat(partitions(local1)).isGreaterThan(2);
      List<Row> expected = read(local1);
      assertSameRows(read(runJob("local[2]", input, out + "-local2")), expected);
      assertSameRows(read(runJob(master, input, out + "-cluster")), expected);
      if (files == 1) {
        // Again, as the row groups of the one file may reach other executors this time.
        assertSameRows(read(runJob(master, input, out + "-again")), expected);
      }
    }
  }

  /**
   * {@code bin/spark-connect}'s server on this cluster: its executors get the library by
   * {@code --jars}, and a Connect client gets a classic session's bits in key and partition mode.
   */
  @Test
  public void aSparkConnectServerOnTheClusterGivesAClassicSessionsBits() throws Exception {
    File dir = Files.createTempDirectory("connect-cluster").toFile();
    String input = input("eight");
    Map<String, String> queries = Map.of(
        "key", "SELECT id, dropout(f, 0.3, 42L, user) FROM t",
        "partition", "SELECT id, alpha_dropout(seq, 0.2, 9L, NULL, array(1, -1), 2) FROM t");
    List<String> script = ConnectClient.prelude(input);
    queries.forEach((name, sql) -> script.add(ConnectClient.line("sql", name, sql)));
    Map<String, String> printed = ConnectClient.run(dir, script, Map.of(), "--master", master);
    SparkSession classic = ConnectClient.classic(spark(), input);
    queries.forEach((name, sql) -> {
      List<Row> expected = classic.sql(sql).orderBy("id").collectAsList();
      assertThat(printed.get(name)).as(name).isEqualTo("rows\t" + expected.size());
      assertSameRows(ConnectClient.received(spark(), dir, name), expected);
    });
    assertThat(ConnectClient.serverLog(dir)).contains("Granted executor ID");
  }

  @Test
  public void anExecutorKilledMidJobStillGivesTheCleanOutput() throws Exception {
    List<Row> clean = baseline(input("big"));
    File output = new File(data, "executor-killed");
    Progress.step("starting the job on the cluster, executor 0's write held at a gate");
    Launch.Started job = Launch.start(gated(job(master, gatedInput("big"), output.getPath(),
        "--key", "user"), "0"), gatedEnvironment());
    try {
      // Executor 0's write task is held at the gate, so the job is running when it dies; its
      // tasks are lost and run again elsewhere.
      String application = job.awaitLine(TaskSignals.APPLICATION_STARTED, WAIT).group(1);
      job.awaitLine(TaskSignals.sqlTaskStarted("0"), WAIT);
      assertThat(writeInProgress(output)).as("the write had begun").isTrue();
      Progress.step("killing executor 0 mid-write");
      ProcessHandle victim = executor(application, "0");
      assertThat(victim.destroyForcibly()).isTrue();
      job.awaitLine(TaskSignals.executorRemoved("0"), WAIT);
      Progress.step("executor 0 is lost; waiting for the job to finish without it");
      Launch.Result result = job.await();
      assertThat(result.exitCode).as(result.err).isZero();
      assertThat(victim.onExit()).succeedsWithin(WAIT);
    } finally {
      job.destroy();
    }
    assertSameRows(read(output.getPath()), clean);
  }

  @Test
  public void aTaskThatFailsOnceIsRetriedWithIdenticalOutput() throws Exception {
    List<Row> clean = baseline(input("big"));
    File markers = Files.createTempDirectory("failures").toFile();
    File output = new File(data, "retried");
    Map<String, String> environment = Map.of("SPARK_DROPOUT_CLASSPATH", TEST_CLASSES);
    Progress.step("running the job on local[2,4], the first attempt of a task failing");
    Launch.Result result = Launch.run(job("local[2,4]", "failonce://" + input("big"),
        output.getPath(), "--key", "user",
        "--conf", "spark.hadoop.fs.failonce.impl=" + FailOnceFileSystem.class.getName(),
        "--conf", "spark.hadoop.fs.failonce.impl.disable.cache=true",
        "--conf", "spark.hadoop.failonce.marker=" + markers.getPath()), environment);
    assertThat(result.exitCode).as(result.err).isZero();
    assertThat(markers.list()).as("an injected task failure").isNotEmpty();
    assertSameRows(read(output.getPath()), clean);
  }

  @Test
  public void aDriverKilledMidWriteLeavesNothingAndTheSameCommandThenSucceeds() throws Exception {
    List<Row> clean = baseline(input("big"));
    File output = new File(data, "driver-killed");
    Progress.step("starting the job on local[2], its write held at a gate");
    Launch.Started job = Launch.start(gated(job("local[2]", gatedInput("big"), output.getPath(),
        "--key", "user"), "driver"), gatedEnvironment());
    try {
      // The write tasks are held at the gate: the driver dies with the write under way.
      job.awaitLine(TaskSignals.sqlTaskStarted("driver"), WAIT);
      Progress.step("killing the driver mid-write");
      job.destroy();
      assertThat(job.process.waitFor(1, TimeUnit.MINUTES)).isTrue();
    } finally {
      job.destroy();
    }
    assertThat(output).doesNotExist();
    assertThat(writeInProgress(output)).as("the killed write's staging").isTrue();
    // The same command without the gate, which only holds the killed run.
    Progress.step("running the same command again without the gate");
    Launch.Result rerun = Launch.run(job("local[2]", input("big"), output.getPath(),
        "--key", "user"), Map.of());
    assertThat(rerun.exitCode).as(rerun.err).isZero();
    assertSameRows(read(output.getPath()), clean);
    assertThat(output.getParentFile().list((d, n) -> n.startsWith("." + output.getName())))
        .as("staging left beside the output").isEmpty();
  }

  @Test
  public void aRowErrorRetriedOnTheClusterIsReportedOnceInOneLine() throws Exception {
    File output = new File(data, "row-error");
    Launch.Result result = Launch.run(List.of("bin/spark-dropout", "--master", master,
        "--input", input("one"), "--output", output.getPath(), "--column", "seq", "--rate", "0.3",
        "--seed", "1", "--noise-shape", "-1,3", "--conf", "spark.executor.memory=512m"),
        Map.of());
    assertThat(result.exitCode).as(result.err).isEqualTo(1);
    List<String> shown = Console.lines(result.err);
    assertThat(shown).as(result.err).hasSize(1);
    java.util.regex.Matcher line = Pattern.compile("spark-dropout: failed: Column `seq`: "
        + "noise_shape \\(-1, 3\\) expects size 3 on axis 2, but the row has size 2 "
        + "\\(Spark's log: (\\S+)\\)").matcher(shown.get(0));
    assertThat(line.matches()).as(shown.get(0)).isTrue();
    // Spark retried the task on the executors before it gave up: the cause is still said once.
    assertThat(Files.readString(Launch.ROOT.toPath().resolve(line.group(1))))
        .contains("failed 4 times; aborting job");
    assertThat(output).doesNotExist();
    assertThat(data.list((d, n) -> n.startsWith("." + output.getName()))).isEmpty();
  }

  /** Spark's committer has made its temporary directory inside the job's staging directory. */
  private static boolean writeInProgress(File output) {
    File[] staging = output.getParentFile().listFiles(
        (d, n) -> n.startsWith("." + output.getName() + ".spark-dropout-"));
    return staging != null && Arrays.stream(staging)
        .anyMatch(s -> new File(s, "_temporary").exists());
  }
}
