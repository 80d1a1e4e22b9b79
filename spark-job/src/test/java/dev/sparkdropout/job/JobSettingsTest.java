package dev.sparkdropout.job;

import dev.sparkdropout.transform.ColumnDropout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.core.NoiseShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobSettingsTest {

  @TempDir
  Path dir;

  private static JobSettings resolve(String... args) {
    JobCommand command = new JobCommand();
    JobCommand.parser(command).parseArgs(args);
    return JobSettings.resolve(command);
  }

  @Test
  void flagsAloneWithDefaults() {
    JobSettings settings = resolve("--input", "in", "--output", "out", "--column", "a, b",
        "--rate", "0.25");
    assertThat(settings.inputFormat).isEqualTo("parquet");
    assertThat(settings.seed).isNull();
    assertThat(settings.copies).isNull();
    assertThat(settings.training).isTrue();
    assertThat(settings.columns).extracting(ColumnDropout::column).containsExactly("a", "b");
    assertThat(settings.columns).allSatisfy(c -> {
      assertThat(c.rate()).isEqualTo(0.25);
      assertThat(c.method()).isEqualTo(DropoutMethod.DROPOUT);
    });
  }

  @Test
  void columnEntriesOverrideTheFileAndFlagsOverrideBoth() throws IOException {
    Path config = dir.resolve("job.json");
    Files.writeString(config, "{\"input\": \"in\", \"output\": \"out\", \"rate\": 0.1,\n"
        + "  // the second column has its own settings\n"
        + "  \"columns\": [\"a\", {\"name\": \"b\", \"rate\": 0.4, \"noise-shape\": [1, null]}],\n"
        + "  \"mask\": true, \"copies\": 2, \"conf\": {\"k\": \"v\"}}");
    JobSettings fromFile = resolve("--config", config.toString());
    assertThat(fromFile.columns.get(0).rate()).isEqualTo(0.1);
    assertThat(fromFile.columns.get(1).rate()).isEqualTo(0.4);
    assertThat(fromFile.columns.get(1).noiseShape()).isEqualTo(NoiseShape.of(1, -1));
    assertThat(fromFile.mask).isTrue();
    assertThat(fromFile.copies).isEqualTo(2);
    assertThat(fromFile.conf).containsEntry("k", "v");

    JobSettings overridden = resolve("--config", config.toString(), "--rate", "0.3",
        "--conf", "k=w", "--output", "elsewhere");
    assertThat(overridden.columns).allSatisfy(c -> assertThat(c.rate()).isEqualTo(0.3));
    assertThat(overridden.conf).containsEntry("k", "w");
    assertThat(overridden.output).isEqualTo("elsewhere");
  }

  @Test
  void badValuesInTheFileSayWhereTheyAre() throws IOException {
    Path config = dir.resolve("bad.json");
    Files.writeString(config, "{\"input\": \"in\", \"output\": \"out\", "
        + "\"columns\": [{\"name\": \"b\", \"rate\": 2}]}");
    assertThatThrownBy(() -> resolve("--config", config.toString()))
        .isInstanceOf(UserError.class)
        .hasMessage("rate of column `b` in " + config + " must be a number in [0, 1), got 2");
    Files.writeString(config, "{\"columns\": [{\"name\": \"b\", \"weight\": 2}]}");
    assertThatThrownBy(() -> resolve("--config", config.toString()))
        .hasMessageStartingWith("--config " + config + ": unknown column setting 'weight'");
    Files.writeString(config, "{\"columns\": [\"b\"");
    assertThatThrownBy(() -> resolve("--config", config.toString()))
        .hasMessageStartingWith("--config " + config + " is not valid JSON");
  }

  @Test
  void requiredSettings() {
    assertThatThrownBy(() -> resolve("--output", "o", "--column", "a", "--rate", "0.1"))
        .hasMessageStartingWith("--input is required");
    assertThatThrownBy(() -> resolve("--input", "i", "--column", "a", "--rate", "0.1"))
        .hasMessageStartingWith("--output is required");
    assertThatThrownBy(() -> resolve("--input", "i", "--output", "o", "--column", "a"))
        .hasMessageStartingWith("--rate is required");
  }
}
