package dev.sparkdropout.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkdropout.ml.DropoutTransformer;
import dev.sparkdropout.sql.SparkTestBase;
import dev.sparkdropout.sql.TestData;
import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.Test;

/**
 * A thin client gets what a classic session gets: a Spark Connect server with the library
 * ({@code bin/spark-connect}, Spark 4.2) and Spark's own Connect JVM client, in a JVM of its own
 * with only that client on its classpath (spark4/connect-client's {@code ConnectQueries}). The
 * functions by SQL, {@code selectExpr} and {@code call_function}, in key and partition mode, and
 * the ML stage by ML on Connect give the classic session's bits; bad arguments give its one-line
 * errors; and stopping the server leaves no process behind. Spark 4 line only (spark4/tests).
 */
public class ConnectTest extends SparkTestBase {

  private static final File CLIENT = new File(Launch.ROOT, "spark4/connect-client/target");

  /** Calls by every route: the function and its arguments, as SQL. */
  private static final Map<String, List<String>> CALLS = new LinkedHashMap<>();
  /** Calls with named arguments, which {@code call_function} has no syntax for. */
  private static final Map<String, String> NAMED = new LinkedHashMap<>();
  /** Calls that must fail analysis. */
  private static final Map<String, String> WRONG = new LinkedHashMap<>();
  /** The ML stage's Params, single-column form. */
  private static final Map<String, Map<String, String>> STAGES = new LinkedHashMap<>();

  static {
    CALLS.put("key-float", List.of("dropout", "f", "0.3", "42L", "id"));
    CALLS.put("key-struct", List.of("alpha_dropout", "d", "0.2", "7L", "struct(id, user)"));
    CALLS.put("key-shape", List.of("dropout_mask", "cube", "0.5", "11L", "id", "array(1, -1, 1)"));
    CALLS.put("partition", List.of("dropout", "seq", "0.4", "5L"));
    CALLS.put("partition-copy", List.of("alpha_dropout", "f", "0.25", "9L", "NULL", "NULL", "2"));
    NAMED.put("named", "dropout(d, rate => 0.3, seed => 3, key => id, copy => 1)");
    NAMED.put("named-partition", "dropout_mask(seq, 0.6, seed => 8, noise_shape => array(-1, 1))");
    WRONG.put("wrong-rate", "dropout(f, 1.5, 1)");
    WRONG.put("wrong-type", "alpha_dropout(user, 0.5, 1)");
    WRONG.put("wrong-shape", "dropout_mask(cube, 0.5, 1, id, array(1, 1))");
    WRONG.put("wrong-seed", "dropout(f, 0.5, id)");
    STAGES.put("ml-key", Map.of("inputCol", "f", "outputCol", "out", "maskCol", "mask",
        "rate", "0.3", "seed", "42", "keyCol", "id"));
    STAGES.put("ml-partition", Map.of("inputCol", "cube", "outputCol", "out",
        "method", "alpha_dropout", "rate", "0.2", "seed", "6"));
    // Its error names the stage by its uid: the client sends one.
    STAGES.put("ml-wrong", Map.of("uid", "dropout_connect", "inputCol", "nope",
        "outputCol", "out", "rate", "0.2"));
  }

  private static String sql(String expression) {
    return "SELECT id, " + expression + " FROM t";
  }

  private static String call(List<String> call) {
    return call.get(0) + "(" + String.join(", ", call.subList(1, call.size())) + ")";
  }

  /** The client's queries: each call by every route it has, each stage by ML on Connect. */
  private static List<String> script(String input) {
    List<String> lines = new ArrayList<>(List.of(String.join("\t", "view", "t", input)));
    CALLS.forEach((name, call) -> {
      lines.add(String.join("\t", "sql", name + "-sql", sql(call(call))));
      lines.add(String.join("\t", "expr", name + "-expr", "t", call(call)));
      List<String> fields = new ArrayList<>(List.of("call", name + "-call", "t"));
      fields.addAll(call);
      lines.add(String.join("\t", fields));
    });
    NAMED.forEach((name, expression) -> {
      lines.add(String.join("\t", "sql", name + "-sql", sql(expression)));
      lines.add(String.join("\t", "expr", name + "-expr", "t", expression));
    });
    WRONG.forEach((name, expression) -> lines.add(String.join("\t", "sql", name, sql(expression))));
    STAGES.forEach((name, params) -> {
      List<String> fields = new ArrayList<>(List.of("ml", name, "t"));
      params.forEach((param, value) -> fields.add(param + "=" + value));
      lines.add(String.join("\t", fields));
    });
    return lines;
  }

  private Dataset<Row> staged(Map<String, String> params) {
    DropoutTransformer stage = params.containsKey("uid")
        ? new DropoutTransformer(params.get("uid")) : new DropoutTransformer();
    ParamMap paramMap = new ParamMap();
    params.entrySet().stream().filter(param -> !param.getKey().equals("uid")).forEach(param ->
        paramMap.put(stage.getParam(param.getKey()), switch (param.getKey()) {
          case "rate" -> Double.parseDouble(param.getValue());
          case "seed" -> Long.parseLong(param.getValue());
          default -> param.getValue();
        }));
    return stage.transform(spark().table("t"), paramMap);
  }

  private static Optional<String> error(Runnable query) {
    try {
      query.run();
      return Optional.empty();
    } catch (Exception e) {
      return Optional.of(e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private List<Row> received(File output, String name) {
    return spark().read().parquet(new File(output, name).getPath()).orderBy("id").collectAsList();
  }

  /** The test's input: arrays only, as Spark's Connect JVM client has no ML vector classes. */
  private String input(File dir) {
    String input = new File(dir, "in").getPath();
    TestData.table(spark(), 3).drop("v").write().parquet(input);
    spark().read().parquet(input).createOrReplaceTempView("t");
    return input;
  }

  /**
   * Starts a server with {@code bin/spark-connect start ARGS}, runs {@code script} from the client,
   * stops the server, and checks that its process is gone; returns what the client printed, by
   * query name.
   */
  private static Map<String, String> viaConnect(File dir, List<String> script,
      Map<String, String> environment, String... args) throws Exception {
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
    assertThat(Files.readString(new File(dir, "server/logs/server.log").toPath()))
        .containsPattern("Added JAR file:\\S*/spark-dropout-udf_2\\.13-[^/]*\\.jar");
    Map<String, String> printed = new HashMap<>();
    client.out.lines().map(line -> line.split("\t", 2))
        .forEach(fields -> printed.put(fields[0], fields[1]));
    return printed;
  }

  private void assertSameAsClassic(Map<String, String> printed, File output, String name,
      List<Row> expected) {
    assertThat(printed.get(name)).as(name).isEqualTo("rows\t" + expected.size());
    assertSameRows(received(output, name), expected);
  }

  @Test
  public void aConnectClientGetsTheClassicSessionsBitsAndErrors() throws Exception {
    File dir = Files.createTempDirectory("connect").toFile();
    File output = new File(dir, "out");
    Map<String, String> printed = viaConnect(dir, script(input(dir)), Map.of());

    for (Map.Entry<String, List<String>> call : CALLS.entrySet()) {
      List<Row> expected = spark().sql(sql(call(call.getValue()))).orderBy("id").collectAsList();
      assertThat(expected).hasSize(TestData.ROWS + 3);
      for (String route : List.of("sql", "expr", "call")) {
        assertSameAsClassic(printed, output, call.getKey() + "-" + route, expected);
      }
    }
    for (Map.Entry<String, String> named : NAMED.entrySet()) {
      List<Row> expected = spark().sql(sql(named.getValue())).orderBy("id").collectAsList();
      for (String route : List.of("sql", "expr")) {
        assertSameAsClassic(printed, output, named.getKey() + "-" + route, expected);
      }
    }
    for (Map.Entry<String, String> wrong : WRONG.entrySet()) {
      Optional<String> expected = error(() -> spark().sql(sql(wrong.getValue())).collect());
      assertThat(expected).as(wrong.getKey()).isPresent();
      assertThat(printed.get(wrong.getKey())).isEqualTo("error\t" + expected.get());
    }
    for (Map.Entry<String, Map<String, String>> stage : STAGES.entrySet()) {
      Optional<String> expectedError = error(() -> staged(stage.getValue()).collect());
      if (expectedError.isPresent()) {
        assertThat(printed.get(stage.getKey())).isEqualTo("error\t" + expectedError.get());
      } else {
        assertSameAsClassic(printed, output, stage.getKey(),
            staged(stage.getValue()).orderBy("id").collectAsList());
      }
    }
  }

  /** The server on bin/spark-cluster's cluster: its executors get the library from the server. */
  @Test
  public void aServerOnTheStandaloneClusterGivesTheSameBits() throws Exception {
    File dir = Files.createTempDirectory("connect-cluster").toFile();
    List<String> script = new ArrayList<>(List.of(String.join("\t", "view", "t", input(dir))));
    for (String name : List.of("key-shape", "partition-copy")) {
      script.add(String.join("\t", "sql", name, sql(call(CALLS.get(name)))));
    }
    Map<String, String> cluster = Map.of("SPARK_CLUSTER_DIR", new File(dir, "cluster").getPath());
    Launch.Result started = Launch.run(List.of("bin/spark-cluster", "start", "--workers", "1"),
        cluster);
    assertThat(started.exitCode).as(started.err).isZero();
    Map<String, String> printed;
    try {
      printed = viaConnect(dir, script, cluster, "--master", started.out.strip());
    } finally {
      Launch.Result stopped = Launch.run(List.of("bin/spark-cluster", "stop"), cluster);
      assertThat(stopped.exitCode).as(stopped.err).isZero();
    }
    for (String name : List.of("key-shape", "partition-copy")) {
      assertSameAsClassic(printed, new File(dir, "out"), name,
          spark().sql(sql(call(CALLS.get(name)))).orderBy("id").collectAsList());
    }
    String serverLog = Files.readString(new File(dir, "server/logs/server.log").toPath());
    assertThat(serverLog).contains("Granted executor ID");
  }

  @Test
  public void badUsageIsOneLineAndStartsNothing() throws Exception {
    File dir = Files.createTempDirectory("connect-usage").toFile();
    Launch.Result onSpark35 = Launch.run(List.of("bin/spark-connect", "start"),
        Map.of("SPARK_CONNECT_DIR", dir.getPath(), "SPARK_DROPOUT_SPARK", "3.5"));
    assertThat(onSpark35.exitCode).isEqualTo(2);
    assertThat(onSpark35.err.strip())
        .isEqualTo("spark-connect: the server runs on Spark 4 only; SPARK_DROPOUT_SPARK is '3.5'");
    Launch.Result badPort = Launch.run(List.of("bin/spark-connect", "start", "--port", "http"),
        Map.of("SPARK_CONNECT_DIR", dir.getPath()));
    assertThat(badPort.exitCode).isEqualTo(2);
    assertThat(badPort.err.strip()).isEqualTo("spark-connect: --port must be a number, got 'http'");
    assertThat(new File(dir, "pid")).doesNotExist();
  }

  /** ConnectQueries in a JVM of its own, with Spark's Connect client and nothing else. */
  private static Launch.Result runClient(String url, File queries, File output) throws Exception {
    File[] jars = CLIENT.listFiles((d, n) -> n.startsWith("spark-dropout-") && n.endsWith(".jar"));
    assertThat(jars).hasSize(1);
    String classpath = Files.readString(new File(CLIENT, "classpath.txt").toPath()).strip();
    assertThat(classpath).contains("spark-connect-client-jvm_2.13-4.2.0.jar")
        .doesNotContain("spark-sql_2.13").doesNotContain("spark-dropout");
    List<String> command = new ArrayList<>(List.of("java"));
    command.addAll(Launch.javaOpens());
    command.addAll(List.of("-cp", jars[0] + File.pathSeparator + classpath,
        "dev.sparkdropout.connect.ConnectQueries", url, queries.getPath(), output.getPath()));
    Progress.step("running the queries from Spark's Connect JVM client");
    return Launch.run(command, Map.of());
  }
}
