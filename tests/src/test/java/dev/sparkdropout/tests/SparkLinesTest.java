package dev.sparkdropout.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkdropout.sql.SparkTestBase;
import dev.sparkdropout.sql.TestData;
import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.Test;

/**
 * Both Spark lines on the same input and settings give the same values and masks, bit for bit,
 * in key mode and in partition mode: the job ({@code bin/spark-dropout} on Spark 3.5 and, with
 * {@code SPARK_DROPOUT_SPARK=4}, on Spark 4), and the library's surfaces (SQL with positional and
 * named arguments, the Column API, the transform, the ML stage saved and loaded in a Pipeline),
 * each line in a JVM of its own with its own jars. The Spark 4 job jar gives them on Spark 4.0.0,
 * 4.0.1 and 4.1.0 too.
 */
public class SparkLinesTest extends SparkTestBase {

  /** The job's settings on every line and release. */
  private static final List<String> SETTINGS = List.of("--column", "f,d,seq,cube,v", "--rate",
      "0.3", "--seed", "11", "--copies", "2", "--mask");

  private static Launch.Result job(String line, String input, File output, List<String> mode)
      throws Exception {
    List<String> command = new ArrayList<>(List.of("bin/spark-dropout", "--input", input,
        "--output", output.getPath()));
    command.addAll(SETTINGS);
    command.addAll(mode);
    Progress.step("running the job on the Spark %s line into %s", line, output.getName());
    Launch.Result result = Launch.run(command, Map.of("SPARK_DROPOUT_SPARK", line));
    assertThat(result.exitCode).as(result.err).isZero();
    return result;
  }

  /** The Spark 4 job jar, spark-submitted on stock Spark {@code release}'s own classpath. */
  private static void submitted(String release, String input, File output) throws Exception {
    File[] jars = new File(Launch.ROOT, "spark4/spark-job/target")
        .listFiles((d, n) -> n.endsWith("-all.jar"));
    assertThat(jars).hasSize(1);
    String sparkClasspath = Files.readString(new File(Launch.ROOT,
        "spark4/releases/spark-" + release + "/target/classpath.txt").toPath()).strip();
    assertThat(sparkClasspath).contains("spark-core_2.13-" + release + ".jar")
        .doesNotContain("spark-dropout");
    List<String> args = new ArrayList<>(List.of("--input", input, "--output", output.getPath(),
        "--key", "id,user"));
    args.addAll(SETTINGS);
    List<String> command = Launch.sparkSubmit(sparkClasspath, jars[0], args);
    Progress.step("spark-submitting the Spark 4 job jar on Spark %s", release);
    Launch.Result result = Launch.run(command, Map.of());
    assertThat(result.exitCode).as(result.err).isZero();
    assertThat(result.out).contains("spark     " + release + " ");
  }

  private List<Row> written(File output) {
    return spark().read().parquet(output.getPath()).orderBy("id", "copy").collectAsList();
  }

  @Test
  public void theJobWritesTheSameBitsOnSpark35AndEverySpark4Release() throws Exception {
    File dir = Files.createTempDirectory("spark-lines").toFile();
    String input = new File(dir, "in").getPath();
    TestData.table(spark(), 3).write().parquet(input);
    for (List<String> mode : List.of(List.of("--key", "id,user"), List.<String>of())) {
      String name = mode.isEmpty() ? "partition" : "key";
      File onSpark35 = new File(dir, name + "-3.5");
      File onSpark4 = new File(dir, name + "-4");
      assertThat(job("3.5", input, onSpark35, mode).out).contains("spark     3.5.");
      assertThat(job("4", input, onSpark4, mode).out).contains("spark     4.");
      List<Row> expected = written(onSpark35);
      assertThat(expected).hasSize(2 * (TestData.ROWS + 3));
      assertSameRows(written(onSpark4), expected);
    }
    // One Spark 4 job jar for every Spark 4 release.
    for (String release : List.of("4.0.0", "4.0.1", "4.1.0")) {
      File onRelease = new File(dir, "key-" + release);
      submitted(release, input, onRelease);
      assertSameRows(written(onRelease), written(new File(dir, "key-3.5")));
    }
  }

  /**
   * {@code SurfaceOutputs} (udf's test classes) on Spark {@code line}, with that line's library
   * and Spark: the udf module's test classes and the job module's launcher classpath.
   */
  private static void surfaces(String line, String input, File output, File other)
      throws Exception {
    String lineDir = line.equals("4") ? "spark4/" : "";
    File launcherClasspath = new File(Launch.ROOT, lineDir + "spark-job/target/classpath.txt");
    String classpath = new File(Launch.ROOT, lineDir + "udf/target/test-classes")
        + File.pathSeparator + Files.readString(launcherClasspath.toPath()).strip();
    List<String> command = new ArrayList<>(List.of("java"));
    command.addAll(Launch.javaOpens());
    command.addAll(List.of("-Xmx1g", "-cp", classpath, "dev.sparkdropout.transform.SurfaceOutputs",
        input, output.getPath()));
    if (other != null) {
      command.add(other.getPath());
    }
    Progress.step("running every surface on the Spark %s line into %s", line, output.getName());
    Launch.Result result = Launch.run(command, Map.of());
    assertThat(result.exitCode).as(result.err).isZero();
  }

  private List<Row> rows(File output, String name) {
    return spark().read().parquet(new File(output, name).getPath()).orderBy("id").collectAsList();
  }

  @Test
  public void everySurfaceGivesTheSameBitsOnSpark35AndSpark4() throws Exception {
    File dir = Files.createTempDirectory("spark-lines-surfaces").toFile();
    String input = new File(dir, "in").getPath();
    TestData.table(spark(), 3).write().parquet(input);
    File onSpark35 = new File(dir, "3.5");
    File onSpark4 = new File(dir, "4");
    surfaces("3.5", input, onSpark35, null);
    // Spark 4 also loads the pipelines saved on Spark 3.5, as after an upgrade.
    surfaces("4", input, onSpark4, onSpark35);
    for (String mode : List.of("key", "partition")) {
      List<Row> expected = rows(onSpark35, "sql-" + mode);
      assertThat(expected).hasSize(TestData.ROWS + 3);
      for (String surface : List.of("sql", "sql-named", "column-api", "transform", "ml")) {
        List<Row> spark35 = rows(onSpark35, surface + "-" + mode);
        if (!surface.equals("column-api")) {
          // One seed for every column in the Column API, each column's own elsewhere.
          assertSameRows(spark35, expected);
        }
        assertSameRows(rows(onSpark4, surface + "-" + mode), spark35);
      }
      assertSameRows(rows(onSpark4, "ml-loaded-" + mode), expected);
    }
  }
}
