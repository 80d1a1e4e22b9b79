package dev.sparkdropout.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.core.NoiseShape;
import dev.sparkdropout.spark.ColumnDropout;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
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
        .hasMessage("rate of column `b` in " + config + " must be a number in [0, 1] for "
            + "dropout, got 2");
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

  private JobSettings file(String json) throws IOException {
    Path config = dir.resolve("job.json");
    Files.writeString(config, json);
    return resolve("--config", config.toString());
  }

  /** The message for {@code json} in a file job.json, where the message says "FILE". */
  private void assertFileRefused(String json, String message) {
    String path = dir.resolve("job.json").toString();
    assertThatThrownBy(() -> file(json)).as(json).isInstanceOf(UserError.class)
        .hasMessage(message.replace("FILE", path));
  }

  @Test
  void ratesArePlainDecimals() {
    for (String rate : new String[] {"0.3f", "0.3d", "0x1p-2", "+0.3", "0,3", "Infinity", "NaN",
        "1e", ".", "0.3 0.1", "\u0660.5"}) {
      assertThatThrownBy(() -> flags("--rate", rate)).as(rate).isInstanceOf(UserError.class)
          .hasMessage("--rate must be a number in [0, 1] for dropout, got '" + rate + "'");
    }
    assertThat(flags("--rate", "1e-3").columns.get(0).rate()).isEqualTo(0.001);
    assertThat(flags("--rate", "2.5E-1").columns.get(0).rate()).isEqualTo(0.25);
    assertThat(flags("--rate", ".5").columns.get(0).rate()).isEqualTo(0.5);
    assertThat(flags("--rate", " 0 ").columns.get(0).rate()).isEqualTo(0.0);
    assertThat(flags("--rate", "1e0").columns.get(0).rate()).isEqualTo(1.0);
    assertThatThrownBy(() -> flags("--rate", "1e0", "--method", "alpha_dropout"))
        .hasMessage("--rate must be a number in [0, 1) for alpha_dropout, got 1e0");
    assertThatThrownBy(() -> flags("--rate", "-0.1"))
        .hasMessage("--rate must be a number in [0, 1] for dropout, got -0.1");
  }

  @Test
  void eachMethodTakesItsOwnRangeOfRates() {
    for (String method : new String[] {"dropout", "spatial_dropout"}) {
      assertThat(flags("--method", method, "--rate", "1").columns.get(0).rate()).isEqualTo(1.0);
      assertThatThrownBy(() -> flags("--method", method, "--rate", "1.01"))
          .hasMessage("--rate must be a number in [0, 1] for " + method + ", got 1.01");
    }
    for (String method : new String[] {"alpha_dropout", "gaussian_dropout"}) {
      assertThat(flags("--method", method, "--rate", "0.99").columns.get(0).rate())
          .isEqualTo(0.99);
      assertThatThrownBy(() -> flags("--method", method, "--rate", "1"))
          .isInstanceOf(UserError.class)
          .hasMessage("--rate must be a number in [0, 1) for " + method + ", got 1");
    }
    assertThatThrownBy(() -> flags("--method", "gaussian", "--rate", "0.1"))
        .hasMessage("--method must be one of dropout, alpha_dropout, gaussian_dropout, "
            + "gaussian_noise, spatial_dropout, got 'gaussian'");
  }

  @Test
  void gaussianNoiseTakesAStddevAndNoRate() {
    ColumnDropout column = flags("--method", "Gaussian_Noise", "--stddev", "2.5").columns.get(0);
    assertThat(column.method()).isEqualTo(DropoutMethod.GAUSSIAN_NOISE);
    assertThat(column.rate()).isEqualTo(2.5);
    assertThat(flags("--method", "gaussian_noise", "--stddev", "0").columns.get(0).rate())
        .isZero();
    assertThatThrownBy(() -> flags("--method", "gaussian_noise", "--stddev", "-1"))
        .isInstanceOf(UserError.class)
        .hasMessage("--stddev must be a finite number >= 0 for gaussian_noise, got -1");
    assertThatThrownBy(() -> flags("--method", "gaussian_noise", "--stddev", "1e400"))
        .hasMessage("--stddev must be a finite number >= 0 for gaussian_noise, got 1e400");
    assertThatThrownBy(() -> flags("--method", "gaussian_noise", "--stddev", "NaN"))
        .hasMessage("--stddev must be a finite number >= 0 for gaussian_noise, got 'NaN'");
    assertThatThrownBy(() -> flags("--method", "gaussian_noise"))
        .hasMessage("--stddev is required (or a stddev in --config): the standard deviation of "
            + "gaussian_noise for column `a`");
    assertThatThrownBy(() -> flags("--method", "gaussian_noise", "--rate", "0.1"))
        .hasMessage("--rate does not apply to gaussian_noise, which takes a stddev (got 0.1)");
    assertThatThrownBy(() -> flags("--stddev", "0.1"))
        .hasMessage("--stddev does not apply to dropout, which takes a rate (got 0.1)");
    assertThatThrownBy(() -> flags("--method", "gaussian_dropout", "--rate", "0.1",
        "--stddev", "0.1"))
        .hasMessage("--stddev does not apply to gaussian_dropout, which takes a rate (got 0.1)");
  }

  @Test
  void masksAndNoiseShapesOnlyWhereTheMethodHasThem() {
    for (String method : new String[] {"gaussian_dropout", "gaussian_noise"}) {
      String parameter = method.equals("gaussian_noise") ? "--stddev" : "--rate";
      assertThatThrownBy(() -> flags("--method", method, parameter, "0.1", "--mask"))
          .isInstanceOf(UserError.class)
          .hasMessage("--mask does not apply to " + method + ", which has no mask (column `a`)");
      assertThat(flags("--method", method, parameter, "0.1", "--noise-shape", "1")
          .columns.get(0).noiseShape()).isEqualTo(NoiseShape.of(1));
    }
    assertThat(flags("--method", "spatial_dropout", "--rate", "0.1", "--mask").mask).isTrue();
    assertThatThrownBy(() -> flags("--method", "spatial_dropout", "--rate", "0.1",
        "--noise-shape", "1, -1"))
        .hasMessage("--noise-shape does not apply to spatial_dropout, which makes one decision "
            + "per channel (column `a`, got 1, -1); for another noise shape use dropout");
  }

  @Test
  void columnEntriesSetTheirOwnMethodRateAndStddev() throws IOException {
    String start = "{\"input\": \"in\", \"output\": \"out\", \"rate\": 0.2, \"columns\": [\"a\", "
        + "{\"name\": \"b\", \"method\": \"gaussian_noise\", \"stddev\": 0.5}, ";
    JobSettings settings = file(start + "{\"name\": \"c\", \"method\": \"spatial_dropout\"}]}");
    assertThat(settings.columns).extracting(ColumnDropout::method).containsExactly(
        DropoutMethod.DROPOUT, DropoutMethod.GAUSSIAN_NOISE, DropoutMethod.SPATIAL_DROPOUT);
    assertThat(settings.columns).extracting(ColumnDropout::rate).containsExactly(0.2, 0.5, 0.2);
    assertFileRefused(start + "{\"name\": \"c\", \"method\": \"gaussian_noise\", "
        + "\"rate\": 0.3}]}", "rate of column `c` in FILE does not apply to gaussian_noise, "
        + "which takes a stddev (got 0.3)");
    assertFileRefused(start + "{\"name\": \"c\", \"stddev\": 0.3}]}", "stddev of column `c` "
        + "in FILE does not apply to dropout, which takes a rate (got 0.3)");
    assertFileRefused(start + "{\"name\": \"c\", \"method\": \"gaussian_noise\", "
        + "\"stddev\": -0.5}]}", "stddev of column `c` in FILE must be a finite number >= 0 for "
        + "gaussian_noise, got -0.5");
    assertFileRefused(start + "{\"name\": \"c\", \"method\": \"spatial_dropout\", "
        + "\"noise-shape\": [1, -1]}]}", "noise-shape of column `c` in FILE does not apply to "
        + "spatial_dropout, which makes one decision per channel (column `c`, got 1,-1); for "
        + "another noise shape use dropout");
    assertFileRefused(start + "\"c\"], \"mask\": true}", "mask in FILE does not apply to "
        + "gaussian_noise, which has no mask (column `b`)");
    assertFileRefused("{\"input\": \"in\", \"output\": \"out\", \"rate\": 0.2, \"stddev\": 1, "
        + "\"columns\": [\"a\"]}", "stddev in FILE does not apply to dropout, which takes a rate "
        + "(got 1)");
    // A flag overrides every column's method: the file's own stddev then does not apply.
    Path config = dir.resolve("job.json");
    assertThat(resolve("--config", config.toString(), "--method", "gaussian_noise",
        "--stddev", "0.1").columns).allSatisfy(c -> assertThat(c.rate()).isEqualTo(0.1));
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
    assertThat(flags("--rate", "0.1", "--copies", String.valueOf(Values.MAX_COPIES)).copies)
        .isEqualTo(Values.MAX_COPIES);
    for (String copies : new String[] {String.valueOf(Values.MAX_COPIES + 1),
        "99999999999999999999"}) {
      assertThatThrownBy(() -> flags("--rate", "0.1", "--copies", copies))
          .hasMessageStartingWith("--copies must be at most " + Values.MAX_COPIES + ", got "
              + copies + ": ")
          .hasMessageContaining("--seed");
    }
    assertThatThrownBy(() -> flags("--rate", "0.1", "--noise-shape", "+1"))
        .hasMessage("--noise-shape: noise_shape entry '+1' is not an integer, -1 or null");
    assertThat(flags("--rate", "0.1", "--noise-shape", "(1, None)").columns.get(0).noiseShape())
        .isEqualTo(NoiseShape.of(1, -1));
  }

  @Test
  void numbersInTheFileAreCheckedAsWritten() {
    String start = "{\"input\": \"in\", \"output\": \"out\", \"columns\": [\"a\"], ";
    assertFileRefused(start + "\"rate\": 0.1, \"copies\": 1e3}",
        "copies in FILE must be a whole number of at least 1, got '1e3'");
    assertFileRefused(start + "\"rate\": 0.1, \"seed\": 5.0}",
        "seed in FILE must be a 64-bit integer, got '5.0'");
    assertFileRefused(start + "\"rate\": \"0.3f\"}",
        "rate in FILE must be a number in [0, 1] for dropout, got '0.3f'");
    assertFileRefused(start + "\"rate\": [0.3]}",
        "rate in FILE must be a single value, got a list");
    assertFileRefused(start + "\"rate\": 0.1, \"rate\": 0.2}",
        "--config FILE is not valid JSON: Duplicate field 'rate' (line 1)");
    assertFileRefused(start + "\"rate\": 0.1, \"noise-shape\": [1, \"x\"]}",
        "noise-shape in FILE must be a list of integers and nulls, got \"x\" in the list");
  }

  @Test
  void columnEntriesNeedANameThatIsAString() {
    String start = "{\"input\": \"in\", \"output\": \"out\", \"rate\": 0.1, \"columns\": ";
    assertFileRefused(start + "[\"a\", {\"name\": null}]}",
        "name of columns entry 2 in FILE must be a non-empty string, got null");
    assertFileRefused(start + "[{\"name\": 5}]}",
        "name of columns entry 1 in FILE must be a non-empty string, got 5");
    assertFileRefused(start + "[{\"name\": [\"a\"]}]}",
        "name of columns entry 1 in FILE must be a non-empty string, got a list");
    assertFileRefused(start + "[\" \"]}",
        "name of columns entry 1 in FILE must be a non-empty string, got \" \"");
    assertFileRefused(start + "[{\"rate\": 0.2}]}", "columns entry 1 in FILE needs a name");
    assertFileRefused(start + "[7]}",
        "columns entry 1 in FILE must be a column name or an object with a name, got 7");
    assertFileRefused(start + "[]}", "columns in FILE must name at least one column, got []");
    assertFileRefused(start + "\"a\"}",
        "columns in FILE must be a list of column names or objects, got \"a\"");
    assertFileRefused(start + "[\"a\", {\"name\": \"a\"}]}", "columns in FILE names `a` twice");
    assertFileRefused(start + "[{\"name\": \"a\", \"rate\": {}}]}",
        "rate of column `a` in FILE must be a single value, got an object");
  }

  @Test
  void keysInTheFileAreNamesOrListsOfNames() throws IOException {
    String start = "{\"input\": \"in\", \"output\": \"out\", \"rate\": 0.1, \"columns\": [\"a\"], ";
    assertThat(file(start + "\"key\": [\"u\", \"t,z\"]}").keys).containsExactly("u", "t,z");
    assertThat(file(start + "\"key\": \"u, t\"}").keys).containsExactly("u", "t");
    assertThat(file(start + "\"key\": null}").keys).isEmpty();
    for (String odd : new String[] {"5", "true", "{}"}) {
      assertFileRefused(start + "\"key\": " + odd + "}", "key in FILE must be a column name or a "
          + "list of column names, got " + (odd.equals("{}") ? "an object" : odd));
    }
    assertFileRefused(start + "\"key\": [\"u\", null]}",
        "key in FILE must be a column name or a list of column names, got null in the list");
    assertFileRefused(start + "\"key\": []}", "key in FILE must name at least one column, got []");
    assertFileRefused(start + "\"key\": [\"u\", \" \"]}", "key in FILE has an empty column name");
    assertFileRefused(start + "\"key\": \"u,u\"}", "key in FILE names `u` twice");
    assertFileRefused("{\"input\": 5}", "input in FILE must be a string, got 5");
  }

  @Test
  void sparkSettingsAreKeyValuePairs() {
    for (String bad : new String[] {"foo", "=v", "a b=c", ""}) {
      assertThatThrownBy(() -> flags("--rate", "0.1", "--conf", bad)).as(bad)
          .isInstanceOf(CommandLine.ParameterException.class)
          .hasMessage("--conf must be KEY=VALUE, got '" + bad + "'");
    }
    assertThatThrownBy(() -> flags("--rate", "0.1", "--conf"))
        .hasMessage("--conf must be KEY=VALUE, got ''");
    assertThat(flags("--rate", "0.1", "--conf", "k=a=b", "--conf=e=").conf)
        .containsExactly(Map.entry("k", "a=b"), Map.entry("e", ""));
  }

  @Test
  void sparkSettingsInTheFileArePlainValues() throws IOException {
    String start = "{\"input\": \"in\", \"output\": \"out\", \"rate\": 0.1, \"columns\": [\"a\"], ";
    assertThat(file(start + "\"conf\": {\"n\": 8, \"b\": true, \"s\": \"x\"}}").conf)
        .containsExactly(Map.entry("n", "8"), Map.entry("b", "true"), Map.entry("s", "x"));
    assertFileRefused(start + "\"conf\": {\"k\": null}}",
        "conf entry k in FILE must be a string, number or boolean, got null");
    assertFileRefused(start + "\"conf\": {\"k\": {\"a\": 1}}}",
        "conf entry k in FILE must be a string, number or boolean, got an object");
    assertFileRefused(start + "\"conf\": {\"k\": [1]}}",
        "conf entry k in FILE must be a string, number or boolean, got a list");
    assertFileRefused(start + "\"conf\": {\"a b\": 1}}",
        "conf in FILE must name Spark settings without '=' or blanks, got \"a b\"");
    assertFileRefused(start + "\"conf\": [\"k=v\"]}",
        "conf in FILE must be an object of Spark settings, got a list");
  }

  @Test
  void relativePathsInTheFileAreTheFilesOwn() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("jobs/nightly"));
    Path config = folder.resolve("job.json");
    Files.writeString(config, "{\"input\": \"../in\", \"output\": \"out\", \"rate\": 0.1, "
        + "\"columns\": [\"a\"]}");
    JobSettings settings = resolve("--config", config.toString());
    assertThat(settings.input).isEqualTo(dir.resolve("jobs/in").toString());
    assertThat(settings.output).isEqualTo(folder.resolve("out").toString());

    // A config given by a relative path gives relative paths, from the same working directory.
    Path relative = Path.of("").toAbsolutePath().relativize(config);
    assertThat(resolve("--config", relative.toString()).input)
        .isEqualTo(relative.getParent().resolve("../in").normalize().toString());

    for (String qualified : new String[] {"/data/in", "hdfs://nn:8020/in", "s3a://bucket/in",
        "file:/tmp/in"}) {
      Files.writeString(config, "{\"input\": \"" + qualified + "\", \"output\": \"o\", "
          + "\"rate\": 0.1, \"columns\": [\"a\"]}");
      assertThat(resolve("--config", config.toString()).input).isEqualTo(qualified);
    }
    // Flags stay relative to the working directory.
    assertThat(resolve("--config", config.toString(), "--input", "in", "--output", "o").input)
        .isEqualTo("in");
  }

  /** The examples name the data --example makes, from the repository root as from any folder. */
  @Test
  void configExamplesReadTheExampleDataFromTheirFolder() {
    File[] examples = new File("../conf/examples").listFiles((d, n) -> n.endsWith(".json"));
    assertThat(examples).hasSizeGreaterThanOrEqualTo(5);
    for (File example : examples) {
      JobSettings settings = resolve("--config", example.getPath());
      assertThat(settings.input).as(example.getName())
          .isEqualTo(Path.of("../target/example/input").toString());
      assertThat(Path.of(settings.output).getParent()).as(example.getName())
          .isEqualTo(Path.of("../target/example"));
    }
  }

  @Test
  void versionIsTheBuildsWithSparkAndScala() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    String version = pom.replaceAll("(?s).*?<parent>.*?<version>([^<]+)</version>.*", "$1");
    assertThat(new JobVersion().getVersion()).containsExactly("spark-dropout " + version,
        "Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ", Scala "
            + scala.util.Properties.versionNumberString());
    assertThat(version).matches("[0-9]+\\.[0-9]+\\.[0-9]+(-SNAPSHOT)?");
  }
}
