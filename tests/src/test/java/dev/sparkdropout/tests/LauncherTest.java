package dev.sparkdropout.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkdropout.core.engine.Cpu;
import dev.sparkdropout.core.engine.EngineChoice;
import dev.sparkdropout.core.engine.Engines;
import java.io.File;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The job as users start it, in fresh JVMs: {@code bin/spark-dropout} and a real
 * {@code spark-submit} (Spark's SparkSubmit main class) of the shaded job jar.
 */
class LauncherTest {

  private static final File ROOT = Launch.ROOT;

  private static Launch.Result run(List<String> command, File exampleDir) throws Exception {
    return Launch.run(command, Map.of("SPARK_DROPOUT_EXAMPLE_DIR", exampleDir.getPath()));
  }

  @Test
  void exampleRunsFromTheRepositoryRoot() throws Exception {
    File example = Files.createTempDirectory("launcher-example").toFile();
    Progress.step("running bin/spark-dropout --example");
    Launch.Result result = run(List.of("bin/spark-dropout", "--example"), example);
    assertThat(result.exitCode).as(result.err).isZero();
    assertThat(result.out).contains("spark-dropout summary").contains("features")
        .contains("sequence").contains("embedding");
    // The launcher turns the Vector API on; this JVM (surefire adds the module) knows the CPU.
    assertThat(result.out).contains("core      " + Engines.choice().description());
    assertThat(new File(example, "output/_SUCCESS")).exists();
    assertThat(new File(example, "output/_dropout_summary.json")).exists();
  }

  @Test
  void badInputIsOneLineWithoutAStackTrace() throws Exception {
    File example = Files.createTempDirectory("launcher-bad").toFile();
    Progress.step("running bin/spark-dropout on an input that does not exist");
    Launch.Result result = run(List.of("bin/spark-dropout", "--input", example.getPath() + "/none",
        "--output", example.getPath() + "/out", "--column", "f", "--rate", "0.3"), example);
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err.strip()).isEqualTo("spark-dropout: --input does not exist: "
        + example.getPath() + "/none");
  }

  @Test
  void sparkSubmitRunsTheShadedJobJar() throws Exception {
    File work = Files.createTempDirectory("launcher-submit").toFile();
    Progress.step("running bin/spark-dropout --example for the input");
    Launch.Result made = run(List.of("bin/spark-dropout", "--example"), work);
    assertThat(made.exitCode).as(made.err).isZero();
    File target = new File(SparkLine.jobModule(), "target");
    File[] jars = target.listFiles((d, n) -> n.endsWith("-all.jar"));
    assertThat(jars).hasSize(1);
    String classpath = Files.readString(new File(target, "classpath.txt").toPath()).strip();
    List<String> command = Launch.sparkSubmit(classpath, jars[0], List.of("--input",
        work + "/input", "--output", work + "/submitted", "--column", "features", "--rate", "0.3",
        "--seed", "1", "--key", "user_id,event_time"));
    Progress.step("running spark-submit of the shaded job jar");
    Launch.Result submitted = run(command, work);
    assertThat(submitted.exitCode).as(submitted.err).isZero();
    // A JVM without the Vector API module says how to turn it on, once, where it would pay.
    boolean pays = Cpu.wideVectors();
    EngineChoice engine =
        pays ? EngineChoice.PLAIN_JAVA_NO_MODULE : EngineChoice.PLAIN_JAVA_NO_WIDE_VECTORS;
    assertThat(submitted.out).contains("spark-dropout summary")
        .contains("core      " + engine.description());
    assertThat(new File(work, "submitted/_SUCCESS")).exists();
    assertThat(submitted.err.split("WARN EngineHint: ", -1)).hasSize(pays ? 2 : 1);
    if (pays) {
      assertThat(submitted.err).contains("start the driver and executors with "
          + "--add-modules=jdk.incubator.vector");
    }
  }
}
