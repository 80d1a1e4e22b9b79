package dev.sparkdropout.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkdropout.sql.SparkTestBase;
import dev.sparkdropout.sql.TestData;
import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * Two runs writing to one output, and Ctrl-C, as a user meets them with {@code bin/spark-dropout}:
 * the second run is refused at its start without touching the first one's work, and an
 * interrupted run says so, removes what it wrote and leaves the old output as it was.
 */
public class WriteSafetyTest extends SparkTestBase {

  private static final String TEST_CLASSES = SparkLine.testClasses();

  private static List<String> job(String input, File output, String... more) {
    List<String> command = new ArrayList<>(List.of("bin/spark-dropout", "--input", input,
        "--output", output.getPath(), "--column", "f", "--rate", "0.3", "--seed", "1",
        "--overwrite"));
    command.addAll(List.of(more));
    return command;
  }

  /** Hidden entries beside the output: staging directories and the lock. */
  private static List<String> hidden(File output) {
    return List.of(output.getParentFile().list((d, name) -> name.startsWith(".")));
  }

  @Test
  public void aSecondRunIsRefusedAndCtrlCLeavesTheOldOutputAsItWas() throws Exception {
    File dir = Files.createTempDirectory("write-safety").toFile();
    String input = new File(dir, "in").getPath();
    TestData.table(spark(), 2).write().parquet(input);
    File output = new File(dir, "out");
    output.mkdirs();
    Files.writeString(new File(output, "old.txt").toPath(), "the previous output");

    // The first run's write tasks are held at a gate, so it is mid-write when interrupted.
    Launch.Started first = Launch.startInterruptible(job(GatedFileSystem.SCHEME + "://" + input,
        output, "--master", "local[2]",
        "--conf", "spark.hadoop.fs." + GatedFileSystem.SCHEME + ".impl="
            + GatedFileSystem.class.getName(),
        "--conf", "spark.hadoop.gated.executor=driver",
        "--conf", "spark.extraListeners=" + TaskSignals.class.getName()),
        Map.of("SPARK_DROPOUT_CLASSPATH", TEST_CLASSES));
    try {
      first.awaitLine(TaskSignals.sqlTaskStarted("driver"), Duration.ofMinutes(2));
      List<String> writing = hidden(output);
      assertThat(writing).hasSize(2).contains(".out.spark-dropout.lock")
          .anyMatch(name -> name.startsWith(".out.spark-dropout-"));

      Launch.Result second = Launch.run(job(input, output), Map.of());
      assertThat(second.exitCode).as(second.err).isEqualTo(2);
      assertThat(Console.lines(second.err)).hasSize(1).first().asString().matches(
          "spark-dropout: --output \\S+/out is being written by another run \\(pid \\d+ on .+, "
              + "Spark application local-\\d+, since \\S+\\); wait for it to end, or if no run "
              + "is writing it, remove \\S+/\\.out\\.spark-dropout\\.lock");
      assertThat(hidden(output)).as("the first run's staging and lock").isEqualTo(writing);

      first.interrupt();
      Launch.Result interrupted = first.await();
      assertThat(interrupted.exitCode).as(interrupted.err).isEqualTo(130);
      assertThat(Console.lines(interrupted.err)).containsExactly(
          "spark-dropout: interrupted; stopping Spark",
          "spark-dropout: removed what this run wrote; --output is as it was");
    } finally {
      first.destroy();
    }
    assertThat(hidden(output)).isEmpty();
    assertThat(output.list()).containsExactly("old.txt");
    assertThat(Files.readString(new File(output, "old.txt").toPath()))
        .isEqualTo("the previous output");
  }
}
