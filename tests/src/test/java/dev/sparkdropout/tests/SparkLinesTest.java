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
 * One job, both Spark lines: {@code bin/spark-dropout} on Spark 3.5 and, with
 * {@code SPARK_DROPOUT_SPARK=4}, on Spark 4 (Scala 2.13) reads the same input with the same
 * settings and writes the same values and masks, bit for bit, in key mode and in partition mode.
 */
public class SparkLinesTest extends SparkTestBase {

  private static Launch.Result job(String line, String input, File output, List<String> mode)
      throws Exception {
    List<String> command = new ArrayList<>(List.of("bin/spark-dropout", "--input", input,
        "--output", output.getPath(), "--column", "f,d,seq,cube,v", "--rate", "0.3",
        "--seed", "11", "--copies", "2", "--mask"));
    command.addAll(mode);
    Progress.step("running the job on the Spark %s line into %s", line, output.getName());
    Launch.Result result = Launch.run(command, Map.of("SPARK_DROPOUT_SPARK", line));
    assertThat(result.exitCode).as(result.err).isZero();
    return result;
  }

  private List<Row> written(File output) {
    return spark().read().parquet(output.getPath()).orderBy("id", "copy").collectAsList();
  }

  @Test
  public void spark35AndSpark4WriteTheSameBits() throws Exception {
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
  }
}
