package dev.sparkdropout.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkdropout.sql.SparkTestBase;
import java.io.File;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * What {@code --input} and {@code --output} name, as a user of {@code bin/spark-dropout} gives
 * them: Hadoop globs, and symbolic links that put the output inside the input.
 */
public class InputPathsTest extends SparkTestBase {

  private static Launch.Result launch(String input, String output) throws Exception {
    return Launch.run(List.of("bin/spark-dropout", "--input", input, "--output", output,
        "--column", "f", "--rate", "0.3", "--seed", "1", "--key", "id"), Map.of());
  }

  @Test
  public void aGlobReadsEveryDirectoryItMatches() throws Exception {
    File dir = Files.createTempDirectory("input-globs").toFile();
    for (int day = 1; day <= 3; day++) {
      spark().sql("SELECT id, array(CAST(id AS FLOAT), 1F) AS f FROM range(" + (day * 100)
          + ", " + (day * 100 + 10 * day) + ")").write()
          .parquet(new File(dir, "days/day=" + day).getPath());
    }
    String output = new File(dir, "out").getPath();
    Launch.Result result = launch(dir + "/days/day=[12]", output);
    assertThat(result.exitCode).as(result.err).isZero();
    assertThat(spark().read().parquet(output).count()).isEqualTo(30);
    assertThat(spark().read().parquet(output).selectExpr("min(id)", "max(id)").first().toString())
        .isEqualTo("[100,219]");

    Launch.Result none = launch(dir + "/days/day=9*", new File(dir, "none").getPath());
    assertThat(none.exitCode).isEqualTo(2);
    assertThat(Console.lines(none.err)).containsExactly(
        "spark-dropout: --input " + dir + "/days/day=9* matches no files");
    assertThat(new File(dir, "none")).doesNotExist();
  }

  @Test
  public void anOutputInsideTheInputThroughASymbolicLinkIsRefused() throws Exception {
    File dir = Files.createTempDirectory("input-links").toFile();
    File input = new File(dir, "in");
    spark().sql("SELECT id, array(1F, 2F) AS f FROM range(4)").write().parquet(input.getPath());
    File link = Files.createSymbolicLink(new File(dir, "link").toPath(), input.toPath()).toFile();
    String output = new File(link, "out").getPath();
    Launch.Result result = launch(input.getPath(), output);
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(Console.lines(result.err)).containsExactly("spark-dropout: --output " + output
        + " overlaps --input " + input + ": the job never writes over its input");
    assertThat(new File(input, "out")).doesNotExist();
  }
}
