package dev.sparkdropout.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkdropout.ml.DropoutTransformer;
import dev.sparkdropout.sql.SparkTestBase;
import dev.sparkdropout.sql.TestData;
import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.Test;

/**
 * A thin client gets what a classic session gets: a Spark Connect server with the library
 * ({@code bin/spark-connect}: Spark 3.5.7's, or Spark 4.2's in spark4/tests) and Spark's own
 * Connect JVM client of the line (3.5.0, 4.2.0), in a JVM of its own with only that client on its
 * classpath (connect-client's {@code ConnectQueries}). The functions by SQL, {@code selectExpr}
 * and {@code call_function}, in key and partition mode, and on Spark 4 the ML stage by ML on
 * Connect give the classic session's bits; bad arguments give its one-line errors; and stopping
 * the server leaves no process behind. ClusterTest runs the server on a cluster.
 */
public class ConnectTest extends SparkTestBase {

  /** Calls by every route: the function and its arguments, as SQL. */
  private static final Map<String, List<String>> CALLS = new LinkedHashMap<>();
  /** Calls with named arguments, which {@code call_function} has no syntax for. */
  private static final Map<String, String> NAMED = new LinkedHashMap<>();
  /** Calls that must fail analysis. */
  private static final Map<String, String> WRONG = new LinkedHashMap<>();
  /** The ML stage's Params, single-column form: Spark 4 has ML on Connect, Spark 3.5 none. */
  private static final Map<String, Map<String, String>> STAGES = new LinkedHashMap<>();

  static {
    CALLS.put("key-float", List.of("dropout", "f", "0.3", "42L", "id"));
    CALLS.put("key-struct", List.of("alpha_dropout", "d", "0.2", "7L", "struct(id, user)"));
    CALLS.put("key-shape", List.of("dropout_mask", "cube", "0.5", "11L", "id", "array(1, -1, 1)"));
    CALLS.put("partition", List.of("dropout", "seq", "0.4", "5L"));
    CALLS.put("partition-copy", List.of("alpha_dropout", "f", "0.25", "9L", "NULL", "NULL", "2"));
    NAMED.put("named", "dropout(d, rate => 0.3, seed => 3, key => id, copy => 1)");
    NAMED.put("named-partition", "dropout_mask(seq, 0.6, seed => 8, noise_shape => array(-1, 1))");
    NAMED.put("named-gaussian", "gaussian_noise(d, stddev => 0.2, seed => 4, key => id)");
    NAMED.put("named-spatial", "spatial_dropout(cube, 0.5, 4, channels_first => true)");
    WRONG.put("wrong-rate", "dropout(f, 1.5, 1)");
    WRONG.put("wrong-type", "alpha_dropout(user, 0.5, 1)");
    WRONG.put("wrong-shape", "dropout_mask(cube, 0.5, 1, id, array(1, 1))");
    WRONG.put("wrong-seed", "dropout(f, 0.5, id)");
    if (SparkLine.SPARK_4) {
      STAGES.put("ml-key", Map.of("inputCol", "f", "outputCol", "out", "maskCol", "mask",
          "rate", "0.3", "seed", "42", "keyCol", "id"));
      STAGES.put("ml-partition", Map.of("inputCol", "cube", "outputCol", "out",
          "method", "alpha_dropout", "rate", "0.2", "seed", "6"));
      STAGES.put("ml-gaussian", Map.of("inputCol", "seq", "outputCol", "out",
          "method", "gaussian_noise", "stddev", "0.3", "seed", "6", "keyCol", "id"));
      // Its error names the stage by its uid: the client sends one.
      STAGES.put("ml-wrong", Map.of("uid", "dropout_connect", "inputCol", "nope",
          "outputCol", "out", "rate", "0.2"));
    }
  }

  private static String sql(String expression) {
    return "SELECT id, " + expression + " FROM t";
  }

  private static String call(List<String> call) {
    return call.get(0) + "(" + String.join(", ", call.subList(1, call.size())) + ")";
  }

  /** The client's queries: each call by every route it has, each stage by ML on Connect. */
  private static List<String> script(String input) {
    List<String> lines = ConnectClient.prelude(input);
    CALLS.forEach((name, call) -> {
      lines.add(ConnectClient.line("sql", name + "-sql", sql(call(call))));
      lines.add(ConnectClient.line("expr", name + "-expr", "t", call(call)));
      List<String> fields = new ArrayList<>(List.of("call", name + "-call", "t"));
      fields.addAll(call);
      lines.add(ConnectClient.line(fields));
    });
    NAMED.forEach((name, expression) -> {
      lines.add(ConnectClient.line("sql", name + "-sql", sql(expression)));
      lines.add(ConnectClient.line("expr", name + "-expr", "t", expression));
    });
    WRONG.forEach((name, expression) ->
        lines.add(ConnectClient.line("sql", name, sql(expression))));
    STAGES.forEach((name, params) -> {
      List<String> fields = new ArrayList<>(List.of("ml", name, "t"));
      params.forEach((param, value) -> fields.add(param + "=" + value));
      lines.add(ConnectClient.line(fields));
    });
    return lines;
  }

  private static Dataset<Row> staged(SparkSession classic, Map<String, String> params) {
    DropoutTransformer stage = params.containsKey("uid")
        ? new DropoutTransformer(params.get("uid")) : new DropoutTransformer();
    ParamMap paramMap = new ParamMap();
    params.entrySet().stream().filter(param -> !param.getKey().equals("uid")).forEach(param ->
        paramMap.put(stage.getParam(param.getKey()), switch (param.getKey()) {
          case "rate", "stddev" -> Double.parseDouble(param.getValue());
          case "seed" -> Long.parseLong(param.getValue());
          default -> param.getValue();
        }));
    return stage.transform(classic.table("t"), paramMap);
  }

  private static Optional<String> error(Runnable query) {
    try {
      query.run();
      return Optional.empty();
    } catch (Exception e) {
      return Optional.of(firstLine(e));
    }
  }

  private static String firstLine(Exception e) {
    return e.getMessage().lines().findFirst().orElse("");
  }

  /** The test's input: arrays only, as Spark's Connect JVM client has no ML vector classes. */
  private String input(File dir) {
    String input = new File(dir, "in").getPath();
    TestData.table(spark(), 3).drop("v").write().parquet(input);
    return input;
  }

  private void assertSameAsClassic(Map<String, String> printed, File dir, String name,
      List<Row> expected) {
    assertThat(printed.get(name)).as(name).isEqualTo("rows\t" + expected.size());
    assertSameRows(ConnectClient.received(spark(), dir, name), expected);
  }

  @Test
  public void aConnectClientGetsTheClassicSessionsBitsAndErrors() throws Exception {
    File dir = Files.createTempDirectory("connect").toFile();
    String input = input(dir);
    Map<String, String> printed = ConnectClient.run(dir, script(input), Map.of());
    SparkSession classic = ConnectClient.classic(spark(), input);

    for (Map.Entry<String, List<String>> call : CALLS.entrySet()) {
      List<Row> expected = classic.sql(sql(call(call.getValue()))).orderBy("id").collectAsList();
      assertThat(expected).hasSize(TestData.ROWS + 3);
      for (String route : List.of("sql", "expr", "call")) {
        assertSameAsClassic(printed, dir, call.getKey() + "-" + route, expected);
      }
    }
    for (Map.Entry<String, String> named : NAMED.entrySet()) {
      List<Row> expected = classic.sql(sql(named.getValue())).orderBy("id").collectAsList();
      for (String route : List.of("sql", "expr")) {
        assertSameAsClassic(printed, dir, named.getKey() + "-" + route, expected);
      }
    }
    for (Map.Entry<String, String> wrong : WRONG.entrySet()) {
      Optional<String> expected = error(() -> classic.sql(sql(wrong.getValue())).collect());
      assertThat(expected).as(wrong.getKey()).isPresent();
      assertThat(printed.get(wrong.getKey())).isEqualTo("error\t" + expected.get());
    }
    for (Map.Entry<String, Map<String, String>> stage : STAGES.entrySet()) {
      List<Row> expected;
      try {
        expected = staged(classic, stage.getValue()).orderBy("id").collectAsList();
      } catch (Exception e) {
        assertThat(printed.get(stage.getKey())).isEqualTo("error\t" + firstLine(e));
        continue;
      }
      assertSameAsClassic(printed, dir, stage.getKey(), expected);
    }
  }

  @Test
  public void badUsageIsOneLineAndStartsNothing() throws Exception {
    File dir = Files.createTempDirectory("connect-usage").toFile();
    Launch.Result badLine = Launch.run(List.of("bin/spark-connect", "start"),
        Map.of("SPARK_CONNECT_DIR", dir.getPath(), "SPARK_DROPOUT_SPARK", "5"));
    assertThat(badLine.exitCode).isEqualTo(2);
    assertThat(badLine.err.strip())
        .isEqualTo("spark-connect: SPARK_DROPOUT_SPARK must be 3.5 or 4, got '5'");
    Launch.Result badPort = Launch.run(List.of("bin/spark-connect", "start", "--port", "http"),
        Map.of("SPARK_CONNECT_DIR", dir.getPath()));
    assertThat(badPort.exitCode).isEqualTo(2);
    assertThat(badPort.err.strip()).isEqualTo("spark-connect: --port must be a number, got 'http'");
    assertThat(new File(dir, "pid")).doesNotExist();
  }
}
