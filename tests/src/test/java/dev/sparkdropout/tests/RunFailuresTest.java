package dev.sparkdropout.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkdropout.sql.SparkTestBase;
import dev.sparkdropout.sql.TestData;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Before;
import org.junit.Test;

/**
 * Failures as a user of {@code bin/spark-dropout} meets them: one line on the terminal naming
 * the cause (and, for a run that failed, the file with Spark's full log), exit code 1 for a run
 * that failed and 2 for a bad setting, and nothing written.
 */
public class RunFailuresTest extends SparkTestBase {

  private static final Pattern LOG = Pattern.compile(" \\(Spark's log: (\\S+\\.log)\\)$");

  private File dir;
  private File logs;
  private String output;

  @Before
  public void makeDirectory() throws IOException {
    dir = Files.createTempDirectory("run-failures").toFile();
    logs = new File(dir, "logs");
    output = new File(dir, "out").getPath();
  }

  private Launch.Result launch(String input, String... flags) throws Exception {
    List<String> command = new ArrayList<>(List.of("bin/spark-dropout", "--input", input,
        "--output", output, "--seed", "1"));
    command.addAll(Arrays.asList(flags));
    Launch.Result result = Launch.run(command, Map.of("SPARK_DROPOUT_LOG_DIR", logs.getPath()));
    assertThat(new File(output)).as("the output").doesNotExist();
    assertThat(dir.list((d, name) -> name.startsWith("."))).as("staging or lock left").isEmpty();
    return result;
  }

  /** The one line on stderr of a run that failed, less the log's name; checks the log. */
  private static String failure(Launch.Result result, String logged) throws IOException {
    assertThat(result.exitCode).as(result.err).isEqualTo(1);
    List<String> shown = Console.lines(result.err);
    assertThat(shown).as(result.err).hasSize(1);
    Matcher log = LOG.matcher(shown.get(0));
    assertThat(log.find()).as(shown.get(0)).isTrue();
    assertThat(Files.readString(new File(log.group(1)).toPath())).contains(logged);
    return shown.get(0).substring(0, log.start());
  }

  /** The one line on stderr of a run refused for a bad setting. */
  private static String refusal(Launch.Result result) {
    assertThat(result.exitCode).as(result.err).isEqualTo(2);
    assertThat(Console.lines(result.err)).as(result.err).hasSize(1);
    return Console.lines(result.err).get(0);
  }

  @Test
  public void aRowThatDoesNotFitTheNoiseShapeFailsTheRunInOneLine() throws Exception {
    String input = new File(dir, "in").getPath();
    TestData.table(spark(), 2).write().parquet(input);
    Launch.Result result = launch(input, "--column", "seq", "--rate", "0.3", "--noise-shape",
        "1,3");
    assertThat(failure(result, "dev.sparkdropout.core.NoiseShapeException")).matches(
        "spark-dropout: failed: Column `seq`: noise_shape \\(1, 3\\) expects size 3 on axis 2, "
            + "but the row has size [0-9]+");
    assertThat(Console.lines(result.out)).containsExactly("spark-dropout: seed 1");
  }

  @Test
  public void aRaggedRowFailsTheRunInOneLine() throws Exception {
    String input = new File(dir, "ragged").getPath();
    spark().sql("SELECT id, IF(id = 3, array(array(1F, 2F), array(3F)), "
        + "array(array(1F, 2F), array(3F, 4F))) AS seq FROM range(8)").write().parquet(input);
    Launch.Result result = launch(input, "--column", "seq", "--rate", "0.3", "--noise-shape",
        "-1,1");
    assertThat(failure(result, "rectangular")).isEqualTo("spark-dropout: failed: Column `seq`: a "
        + "noise_shape needs rectangular rows, but axis 2 has sizes 2 and 1 in one row");
  }

  @Test
  public void inputOfAnotherFormatNamesTheFlagThatReadsIt() throws Exception {
    String json = new File(dir, "json").getPath();
    spark().sql("SELECT id, array(1F, 2F) AS f FROM range(4)").coalesce(1).write().json(json);
    String file = new File(json).list((d, name) -> name.endsWith(".json"))[0];
    assertThat(refusal(launch(json, "--column", "f", "--rate", "0.3"))).isEqualTo(
        "spark-dropout: --input " + json + " holds JSON files, not parquet (" + file + "): add "
            + "--input-format json");
    String parquet = new File(dir, "parquet").getPath();
    spark().sql("SELECT id, array(1F, 2F) AS f FROM range(4)").coalesce(1).write()
        .parquet(parquet);
    assertThat(refusal(launch(parquet, "--input-format", "json", "--column", "f", "--rate",
        "0.3"))).startsWith("spark-dropout: --input " + parquet + " holds Parquet files, not "
            + "json (part-").endsWith(".parquet): add --input-format parquet");
  }

  @Test
  public void anUnknownMasterIsABadSetting() throws Exception {
    String input = new File(dir, "in").getPath();
    spark().sql("SELECT id, array(1F, 2F) AS f FROM range(4)").write().parquet(input);
    assertThat(refusal(launch(input, "--column", "f", "--rate", "0.3", "--master",
        "bogus://x"))).isEqualTo("spark-dropout: --master bogus://x is not a master URL Spark "
            + "knows (local[N], spark://HOST:PORT, yarn, k8s://URL): Could not parse Master URL: "
            + "'bogus://x'");
  }
}
