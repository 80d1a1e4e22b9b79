package dev.sparkdropout.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputPathsTest {

  private static final Configuration HADOOP = new Configuration();

  @TempDir
  Path dir;

  private static OutputPaths check(Path input, String output) throws IOException {
    JobCommand command = new JobCommand();
    JobCommand.parser(command).parseArgs("--input", input.toString(), "--output", output,
        "--column", "f", "--rate", "0.5");
    JobSettings settings = JobSettings.resolve(command);
    return OutputPaths.check(HADOOP, settings, InputFiles.find(HADOOP, settings.input));
  }

  @Test
  void outputInsideTheInputThroughASymbolicLinkIsRefused() throws IOException {
    Path input = Files.createDirectories(dir.resolve("in"));
    Files.writeString(input.resolve("part-0.json"), "{}\n");
    Path link = Files.createSymbolicLink(dir.resolve("link"), input);
    assertThatThrownBy(() -> check(input, link.resolve("out").toString()))
        .isInstanceOf(UserError.class)
        .hasMessage("--output %s overlaps --input %s: the job never writes over its input",
            link.resolve("out"), input);
    assertThatThrownBy(() -> check(link, input.resolve("out").toString()))
        .isInstanceOf(UserError.class).hasMessageContaining("overlaps --input");
    assertThat(check(input, dir.resolve("elsewhere").toString()).output().getName())
        .isEqualTo("elsewhere");
  }

  @Test
  void outputInsideAnyDirectoryAGlobMatchesIsRefused() throws IOException {
    Files.createDirectories(dir.resolve("days/day=1"));
    Files.createDirectories(dir.resolve("days/day=2"));
    assertThatThrownBy(() -> check(dir.resolve("days/day=*"),
        dir.resolve("days/day=2/out").toString()))
        .isInstanceOf(UserError.class).hasMessageContaining("overlaps --input");
  }
}
