package dev.sparkdropout.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkdropout.sql.FunctionRegistration;
import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark Connect server started by {@code bin/spark-connect} and the line's Connect client
 * application (connect-client's {@code ConnectQueries}: Spark's Connect JVM client alone on its
 * class path, in a JVM of its own) running a script of queries against it.
 */
final class ConnectClient {

  private static final File CLIENT =
      new File(Launch.ROOT, (SparkLine.SPARK_4 ? "spark4/" : "") + "connect-client/target");
  private static final String CLIENT_JAR = SparkLine.SPARK_4
      ? "spark-connect-client-jvm_2.13-4.2.0.jar" : "spark-connect-client-jvm_2.12-3.5.0.jar";

  /**
   * Partition mode follows the input's splits, which Spark sizes from the session's settings and
   * cores: both sessions compared set the job's value, so they split the input alike.
   */
  static final Map<String, String> SPLITS = Map.of("spark.sql.files.minPartitionNum", "64");

  private ConnectClient() {}

  /** One line of a ConnectQueries script. */
  static String line(String... fields) {
    return String.join("\t", fields);
  }

  static String line(List<String> fields) {
    return String.join("\t", fields);
  }

  /** Script lines that set {@link #SPLITS} and register {@code input}'s Parquet as view t. */
  static List<String> prelude(String input) {
    List<String> lines = new ArrayList<>();
    SPLITS.forEach((key, value) -> lines.add(line("conf", key, value)));
    lines.add(line("view", "t", input));
    return lines;
  }

  /**
   * A classic session to compare with: a new session of {@code spark}'s context (its settings are
   * its own) with the functions, {@link #SPLITS}, and {@code input}'s Parquet as view t.
   */
  static SparkSession classic(SparkSession spark, String input) {
    SparkSession session = spark.newSession();
    FunctionRegistration.register(session);
    SPLITS.forEach((key, value) -> session.conf().set(key, value));
    session.read().parquet(input).createOrReplaceTempView("t");
    return session;
  }

  /**
   * Starts a server with {@code bin/spark-connect start --port 0 ARGS}, runs {@code script} from
   * the client into {@code dir/out}, stops the server and checks that its process is gone; returns
   * what the client printed, by query name.
   */
  static Map<String, String> run(File dir, List<String> script, Map<String, String> environment,
      String... args) throws Exception {
    File queries = new File(dir, "queries.tsv");
    Files.write(queries.toPath(), script);
    Map<String, String> serverEnvironment = new HashMap<>(environment);
    serverEnvironment.put("SPARK_CONNECT_DIR", new File(dir, "server").getPath());
    List<String> start = new ArrayList<>(List.of("bin/spark-connect", "start", "--port", "0"));
    start.addAll(List.of(args));
    Progress.step("starting a Spark Connect server: %s", String.join(" ", start));
    Launch.Result started = Launch.run(start, serverEnvironment);
    assertThat(started.exitCode).as(started.err).isZero();
    String url = started.out.strip();
    assertThat(url).matches("sc://127\\.0\\.0\\.1:[0-9]+");
    long server = Long.parseLong(Files.readString(new File(dir, "server/pid").toPath()).strip());
    Launch.Result client;
    try {
      client = runClient(url, queries, new File(dir, "out"));
    } finally {
      Launch.Result stopped = Launch.run(List.of("bin/spark-connect", "stop"), serverEnvironment);
      assertThat(stopped.exitCode).as(stopped.err).isZero();
    }
    assertThat(ProcessHandle.of(server).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(Launch.run(List.of("bin/spark-connect", "status"), serverEnvironment).exitCode)
        .isEqualTo(3);
    assertThat(client.exitCode).as(client.err).isZero();
    // The library reached the server as on a stock Spark, by --jars.
    assertThat(serverLog(dir))
        .containsPattern("Added JAR file:\\S*/spark-dropout-udf(_2\\.13)?-[^/]*\\.jar");
    Map<String, String> printed = new HashMap<>();
    client.out.lines().map(line -> line.split("\t", 2))
        .forEach(fields -> printed.put(fields[0], fields[1]));
    return printed;
  }

  static String serverLog(File dir) throws Exception {
    return Files.readString(new File(dir, "server/logs/server.log").toPath());
  }

  /** What the client received for query {@code name}, by id, as it wrote it back. */
  static List<Row> received(SparkSession spark, File dir, String name) {
    return spark.read().parquet(new File(dir, "out/" + name).getPath()).orderBy("id")
        .collectAsList();
  }

  /** ConnectQueries in a JVM of its own, with Spark's Connect client and nothing else. */
  private static Launch.Result runClient(String url, File queries, File output) throws Exception {
    File[] jars = CLIENT.listFiles((d, n) -> n.startsWith("spark-dropout-") && n.endsWith(".jar"));
    assertThat(jars).hasSize(1);
    String classpath = Files.readString(new File(CLIENT, "classpath.txt").toPath()).strip();
    assertThat(classpath).contains(CLIENT_JAR).doesNotContain("spark-sql_")
        .doesNotContain("spark-dropout");
    List<String> command = new ArrayList<>(List.of("java"));
    command.addAll(Launch.javaOpens());
    command.addAll(List.of("-cp", jars[0] + File.pathSeparator + classpath,
        "dev.sparkdropout.connect.ConnectQueries", url, queries.getPath(), output.getPath()));
    Progress.step("running the queries from Spark's Connect JVM client");
    return Launch.run(command, Map.of());
  }
}
