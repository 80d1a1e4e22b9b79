package dev.sparkdropout.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkdropout.sql.SparkTestBase;
import java.io.File;
import java.nio.file.Files;
import org.junit.Test;

/** Every example in conf/examples runs on the example data (flags override its paths). */
public class ConfigExamplesTest extends SparkTestBase {

  private static final File ROOT = new File(System.getProperty("project.root", ".."))
      .getAbsoluteFile();

  @Test
  public void everyExampleConfigRuns() throws Exception {
    File work = Files.createTempDirectory("config-examples").toFile();
    Progress.step("running the job --example for the example data");
    JobRunner example = JobRunner.run("--example");
    assertThat(example.exitCode).as(example.err).isZero();
    String input = System.getenv("SPARK_DROPOUT_EXAMPLE_DIR") + "/input";
    File[] configs = new File(ROOT, "conf/examples").listFiles((d, n) -> n.endsWith(".json"));
    assertThat(configs).hasSizeGreaterThanOrEqualTo(5);
    for (File config : configs) {
      File output = new File(work, config.getName());
      Progress.step("running the job with conf/examples/%s", config.getName());
      JobRunner run = JobRunner.run("--config", config.getPath(), "--input", input,
          "--output", output.getPath());
      assertThat(run.exitCode).as("%s: %s", config.getName(), run.err).isZero();
      assertThat(new File(output, "_dropout_summary.json")).exists();
    }
  }
}
