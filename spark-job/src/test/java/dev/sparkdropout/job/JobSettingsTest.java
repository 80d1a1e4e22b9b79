package dev.sparkdropout.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.core.NoiseShape;
import dev.sparkdropout.transform.ColumnDropout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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

  private static final String[] USUAL = {"--input", "in", "--output", "out", "--column", "a"};

  /** The usual flags, then {@code more}. */
  private static JobSettings flags(String... more) {
    String[] args = Arrays.copyOf(USUAL, USUAL.length + more.length);
    System.arraycopy(more, 0, args, USUAL.length, more.length);
    return resolve(args);
  }

  @Test
  void ratesArePlainDecimals() {
    for (String rate : new String[] {"0.3f", "0.3d", "0x1p-2", "+0.3", "0,3", "Infinity", "NaN",
        "1e", ".", "0.3 0.1", "\u0660.5"}) {
      assertThatThrownBy(() -> flags("--rate", rate)).as(rate).isInstanceOf(UserError.class)
          .hasMessage("--rate must be a number in [0, 1), got '" + rate + "'");
    }
    assertThat(flags("--rate", "1e-3").columns.get(0).rate()).isEqualTo(0.001);
    assertThat(flags("--rate", "2.5E-1").columns.get(0).rate()).isEqualTo(0.25);
    assertThat(flags("--rate", ".5").columns.get(0).rate()).isEqualTo(0.5);
    assertThat(flags("--rate", " 0 ").columns.get(0).rate()).isEqualTo(0.0);
    assertThatThrownBy(() -> flags("--rate", "1e0"))
        .hasMessage("--rate must be a number in [0, 1), got 1e0");
    assertThatThrownBy(() -> flags("--rate", "-0.1"))
        .hasMessage("--rate must be a number in [0, 1), got -0.1");
  }

  @Test
  void seedsAndCopiesArePlainWholeNumbers() {
    for (String seed : new String[] {"+5", "0x10", "5L", "1e3", "5.0", "\u0661\u0662",
        "9223372036854775808"}) {
      assertThatThrownBy(() -> flags("--rate", "0.1", "--seed", seed)).as(seed)
          .hasMessage("--seed must be a 64-bit integer, got '" + seed + "'");
    }
    assertThat(flags("--rate", "0.1", "--seed", "-9223372036854775808").seed)
        .isEqualTo(Long.MIN_VALUE);
    for (String copies : new String[] {"+3", "3.0", "0x3", "1e2", "3x"}) {
      assertThatThrownBy(() -> flags("--rate", "0.1", "--copies", copies)).as(copies)
          .hasMessage("--copies must be a whole number of at least 1, got '" + copies + "'");
    }
    assertThatThrownBy(() -> flags("--rate", "0.1", "--copies", "-2"))
        .hasMessage("--copies must be a whole number of at least 1, got -2");
    assertThat(flags("--rate", "0.1", "--copies", "007").copies).isEqualTo(7);
    assertThatThrownBy(() -> flags("--rate", "0.1", "--copies", "99999999999999999999"))
        .hasMessage("--copies must be a whole number of at least 1, got '99999999999999999999'");
    assertThatThrownBy(() -> flags("--rate", "0.1", "--noise-shape", "+1"))
        .hasMessage("--noise-shape: noise_shape entry '+1' is not an integer, -1 or null");
    assertThat(flags("--rate", "0.1", "--noise-shape", "(1, None)").columns.get(0).noiseShape())
        .isEqualTo(NoiseShape.of(1, -1));
  }
}
