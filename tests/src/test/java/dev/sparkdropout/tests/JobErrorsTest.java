package dev.sparkdropout.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkdropout.sql.SparkTestBase;
import dev.sparkdropout.sql.TestData;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.Before;
import org.junit.Test;

/**
 * Every bad input: a non-zero exit, one clear line, no stack trace, nothing written, and
 * existing data untouched.
 */
public class JobErrorsTest extends SparkTestBase {

  /** --copies' documented limit. */
  private static final int LIMIT = 100;
  private static final Pattern PROGRESS_BAR =
      Pattern.compile("(\\[Stage \\d+:[=> ]*\\(\\d+ \\+ \\d+\\) / \\d+\\])+");

  private File dir;
  private String input;
  private File existing;

  @Before
  public void makeData() throws IOException {
    dir = Files.createTempDirectory("dropout-job-errors").toFile();
    input = new File(dir, "in").getPath();
    TestData.table(spark(), 2).write().parquet(input);
    existing = new File(dir, "existing");
    existing.mkdirs();
    Files.writeString(new File(existing, "keep.txt").toPath(), "precious", StandardCharsets.UTF_8);
  }

  /** Runs with the given flags after the usual ones; the output must not appear. */
  private void assertRefused(String expected, String... flags) throws IOException {
    String output = new File(dir, "out").getPath();
    String[] args = concat(new String[] {"--input", input, "--output", output}, flags);
    JobRunner run = JobRunner.run(args);
    assertThat(run.exitCode).as("exit code of %s", Arrays.toString(flags)).isEqualTo(2);
    assertThat(run.err.strip()).as("stderr of %s", Arrays.toString(flags))
        .startsWith("spark-dropout: " + expected)
        .doesNotContain("\n")
        .doesNotContain("Exception");
    assertThat(new File(output)).doesNotExist();
    assertThat(Files.readString(new File(existing, "keep.txt").toPath())).isEqualTo("precious");
    assertThat(dir.list((d, name) -> name.startsWith("."))).isEmpty();
  }

  /**
   * Runs bin/spark-dropout in its own process, as a user does, on the test input and then
   * {@code flags}: exit code 2, {@code line} alone on stderr, nothing on stdout, nothing written.
   */
  private void assertLauncherRefuses(String line, String... flags) throws Exception {
    assertLauncherRefusesOn(input, line, flags);
  }

  private void assertLauncherRefusesOn(String input, String line, String... flags)
      throws Exception {
    File output = new File(dir, "out");
    List<String> command = new ArrayList<>(List.of("bin/spark-dropout", "--input", input,
        "--output", output.getPath()));
    command.addAll(List.of(flags));
    Launch.Result result = Launch.run(command, Map.of());
    String what = String.join(" ", flags);
    assertThat(result.exitCode).as("exit code of %s; stderr:%n%s", what, result.err)
        .isEqualTo(2);
    assertThat(substance(result.err)).as("stderr of %s:%n%s", what, result.err)
        .containsExactly("spark-dropout: " + line);
    assertThat(result.out).as("stdout of %s", what).isEmpty();
    assertThat(output).doesNotExist();
    assertThat(dir.list((d, name) -> name.startsWith("."))).isEmpty();
  }

  /**
   * The lines a user sees left on the console: not blank lines, nor Spark's progress bar for
   * the schema's read, which the bar's own carriage returns erase from a terminal.
   */
  private static List<String> substance(String output) {
    return output.lines().filter(line -> !line.isBlank() && !PROGRESS_BAR.matcher(line).matches())
        .collect(Collectors.toList());
  }

  private File config(String name, String json) throws IOException {
    File file = new File(dir, name);
    Files.writeString(file.toPath(), json, StandardCharsets.UTF_8);
    return file;
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Test
  public void badColumns() throws IOException {
    assertRefused("--column nope does not exist; the columns are id, user, f, d, seq, cube, "
        + "v", "--column", "nope", "--rate", "0.3");
    assertRefused("--column user has type string; expected array<float>", "--column", "user",
        "--rate", "0.3");
    assertRefused("--column id has type bigint; expected", "--column", "f,id", "--rate", "0.3");
    assertRefused("--key nope does not exist", "--column", "f", "--rate", "0.3", "--key", "nope");
    assertRefused("--column is required", "--rate", "0.3");
    assertRefused("--column names `f` twice", "--column", "f,f", "--rate", "0.3");
  }

  @Test
  public void nonFloatArrayColumnAndVerboseStackTrace() throws IOException {
    String ints = new File(dir, "ints").getPath();
    spark().sql("SELECT id, array(1, 2, 3) AS counts FROM range(3)").write().parquet(ints);
    String[] args = {"--input", ints, "--output", new File(dir, "out").getPath(), "--column",
        "counts", "--rate", "0.3"};
    JobRunner quiet = JobRunner.run(args);
    assertThat(quiet.exitCode).isEqualTo(2);
    assertThat(quiet.err.strip()).isEqualTo("spark-dropout: --column counts has type array<int>; "
        + "expected array<float>, array<double>, nested arrays of those, or a Spark ML vector");
    JobRunner verbose = JobRunner.run(concat(args, new String[] {"--verbose"}));
    assertThat(verbose.exitCode).isEqualTo(2);
    assertThat(verbose.err).startsWith(quiet.err.strip()).contains("\tat dev.sparkdropout.job.");
    assertThat(new File(dir, "out")).doesNotExist();
  }

  @Test
  public void badValues() throws IOException {
    assertRefused("--rate must be a number in [0, 1] for dropout, got 1.5", "--column", "f",
        "--rate", "1.5");
    assertRefused("--rate must be a number in [0, 1] for dropout, got -0.1", "--column", "f",
        "--rate", "-0.1");
    assertRefused("--rate must be a number in [0, 1] for dropout, got 'half'", "--column", "f",
        "--rate", "half");
    assertRefused("--rate must be a number in [0, 1] for dropout, got 'NaN'", "--column", "f",
        "--rate", "NaN");
    assertRefused("--rate is required", "--column", "f");
    assertRefused("--method must be one of dropout, alpha_dropout, gaussian_dropout, "
        + "gaussian_noise, spatial_dropout, got 'gaussian'", "--column", "f", "--rate", "0.3",
        "--method", "gaussian");
    assertRefused("--noise-shape (1, -1) has 2 entries, but column f of type array<float> has "
        + "rank 1", "--column", "f", "--rate", "0.3", "--noise-shape", "1,-1");
    assertRefused("--noise-shape: noise_shape entry 0 (axis 2) must be 1, -1, NULL or a size "
        + "above 1", "--column", "seq", "--rate", "0.3", "--noise-shape", "1,0");
    assertRefused("--copies must be a whole number of at least 1, got 0", "--column", "f",
        "--rate", "0.3", "--copies", "0");
    assertRefused("--seed must be a 64-bit integer, got 'x'", "--column", "f", "--rate", "0.3",
        "--seed", "x");
    assertRefused("--training must be true or false, got 'maybe'", "--column", "f", "--rate",
        "0.3", "--training", "maybe");
    assertRefused("--input-format must be parquet, orc or json, got 'csv'", "--column", "f",
        "--rate", "0.3", "--input-format", "csv");
    assertRefused("Unknown options: '--rat', '0.3' (see --help)", "--column", "f", "--rat", "0.3");
  }

  @Test
  public void eachMethodsParametersMasksAndShapes() throws IOException {
    for (String method : new String[] {"alpha_dropout", "gaussian_dropout"}) {
      assertRefusedOn(input, "--rate must be a number in [0, 1) for " + method + ", got 1",
          "--column", "f", "--method", method, "--rate", "1");
    }
    assertRefusedOn(input, "--stddev must be a finite number >= 0 for gaussian_noise, got -1",
        "--column", "f", "--method", "gaussian_noise", "--stddev", "-1");
    assertRefusedOn(input, "--stddev is required (or a stddev in --config): the standard "
        + "deviation of gaussian_noise for column `f`", "--column", "f", "--method",
        "gaussian_noise");
    assertRefusedOn(input, "--stddev does not apply to dropout, which takes a rate (got 0.1)",
        "--column", "f", "--rate", "0.3", "--stddev", "0.1");
    assertRefusedOn(input, "--rate does not apply to gaussian_noise, which takes a stddev "
        + "(got 0.3)", "--column", "f", "--method", "gaussian_noise", "--rate", "0.3");
    assertRefusedOn(input, "--mask does not apply to gaussian_dropout, which has no mask "
        + "(column `f`)", "--column", "f", "--method", "gaussian_dropout", "--rate", "0.3",
        "--mask");
    assertRefusedOn(input, "--noise-shape does not apply to spatial_dropout, which makes one "
        + "decision per channel (column `seq`, got 1,-1); for another noise shape use dropout",
        "--column", "seq", "--method", "spatial_dropout", "--rate", "0.3", "--noise-shape",
        "1,-1");
    File file = config("own.json", "{\"rate\": 0.3, \"columns\": [\"f\", {\"name\": \"d\", "
        + "\"method\": \"gaussian_noise\", \"rate\": 0.1}]}");
    assertRefusedOn(input, "rate of column `d` in " + file + " does not apply to gaussian_noise, "
        + "which takes a stddev (got 0.1)", "--config", file.getPath());
  }

  @Test
  public void spatialDropoutOfFlatRowsSaysToUseDropout() throws IOException {
    // Checked when the schema is known, before any row is read: seq is fine, f and v are flat.
    assertRefusedOn(input, "--column f of type array<float>: spatial_dropout needs rows of rank 2 "
        + "or more (one decision per channel), got rank 1; use dropout for flat rows",
        "--column", "seq,f", "--method", "spatial_dropout", "--rate", "0.3");
    File file = config("spatial.json", "{\"rate\": 0.3, \"columns\": [\"cube\", "
        + "{\"name\": \"v\", \"method\": \"spatial_dropout\"}]}");
    assertRefusedOn(input, "--column v of type vector: spatial_dropout needs rows of rank 2 or "
        + "more (one decision per channel), got rank 1; use dropout for flat rows", "--config",
        file.getPath());
  }

  @Test
  public void badPaths() throws IOException {
    JobRunner missing = JobRunner.run("--input", new File(dir, "missing").getPath(), "--output",
        new File(dir, "out").getPath(), "--column", "f", "--rate", "0.3");
    assertThat(missing.exitCode).isEqualTo(2);
    assertThat(missing.err.strip()).isEqualTo("spark-dropout: --input does not exist: "
        + new File(dir, "missing").getPath());

    JobRunner exists = JobRunner.run("--input", input, "--output", existing.getPath(),
        "--column", "f", "--rate", "0.3");
    assertThat(exists.exitCode).isEqualTo(2);
    assertThat(exists.err.strip()).isEqualTo("spark-dropout: --output already exists: "
        + existing.getPath() + " (add --overwrite to replace it)");
    assertThat(existing.list()).containsExactly("keep.txt");

    for (String output : new String[] {input, input + "/nested", dir.getPath()}) {
      JobRunner overlap = JobRunner.run("--input", input, "--output", output, "--column", "f",
          "--rate", "0.3", "--overwrite");
      assertThat(overlap.exitCode).isEqualTo(2);
      assertThat(overlap.err.strip()).startsWith("spark-dropout: --output " + output
          + " overlaps --input " + input + ": the job never writes over its input");
    }
    assertThat(spark().read().parquet(input).count()).isEqualTo(TestData.ROWS + 3);
    assertThat(new File(input + "/nested")).doesNotExist();

    assertRefused("--config file does not exist: ", "--config", new File(dir, "no.json").getPath());
    File bad = new File(dir, "bad.json");
    Files.writeString(bad.toPath(), "{\"columns\": [\"f\"], \"rate\": 0.3, \"colour\": 1}");
    assertRefused("--config " + bad.getPath() + ": unknown setting 'colour'", "--config",
        bad.getPath());
  }

  @Test
  public void aRowThatFailsMidJobLeavesNothingAtTheDestination() throws IOException {
    StructType schema = new StructType().add("id", DataTypes.LongType)
        .add("seq", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType)));
    String ragged = new File(dir, "ragged").getPath();
    spark().createDataFrame(java.util.List.<Row>of(
        RowFactory.create(1L, Arrays.asList(Arrays.asList(1f, 2f), Arrays.asList(3f, 4f))),
        RowFactory.create(2L, Arrays.asList(Arrays.asList(1f, 2f), Arrays.asList(3f)))), schema)
        .write().parquet(ragged);
    File output = new File(dir, "out");
    JobRunner run = JobRunner.run("--input", ragged, "--output", output.getPath(), "--column",
        "seq", "--rate", "0.3", "--noise-shape", "1,-1");
    assertThat(run.exitCode).isEqualTo(1);
    // In this JVM Spark logs to the tests' log file, which the line names.
    assertThat(run.err.strip()).matches("spark-dropout: failed: Column `seq`: a noise_shape "
        + "needs rectangular rows, but axis 2 has sizes 2 and 1 in one row "
        + "\\(Spark's log: \\S+\\.log\\)");
    assertThat(output).doesNotExist();
    assertThat(dir.list((d, name) -> name.startsWith("."))).isEmpty();

    // With --overwrite the old output survives a failed run.
    JobRunner replaced = JobRunner.run("--input", ragged, "--output", existing.getPath(),
        "--column", "seq", "--rate", "0.3", "--noise-shape", "1,-1", "--overwrite");
    assertThat(replaced.exitCode).isEqualTo(1);
    assertThat(existing.list()).containsExactly("keep.txt");
  }

  @Test
  public void configEntriesOfTheWrongShape() throws Exception {
    File nullName = config("null-name.json", "{\"rate\": 0.3, \"columns\": [{\"name\": null}]}");
    assertLauncherRefuses("name of columns entry 1 in " + nullName
        + " must be a non-empty string, got null", "--config", nullName.getPath());
    File number = config("number.json", "{\"rate\": 0.3, \"columns\": [\"f\", {\"name\": 7}]}");
    assertRefused("name of columns entry 2 in " + number + " must be a non-empty string, got 7",
        "--config", number.getPath());
    File key = config("key.json", "{\"rate\": 0.3, \"columns\": [\"f\"], \"key\": {\"a\": 1}}");
    assertRefused("key in " + key + " must be a column name or a list of column names, got an "
        + "object", "--config", key.getPath());
    File keys = config("keys.json", "{\"rate\": 0.3, \"columns\": [\"f\"], \"key\": [\"id\", 2]}");
    assertRefused("key in " + keys + " must be a column name or a list of column names, got 2 "
        + "in the list", "--config", keys.getPath());
    File conf = config("conf.json", "{\"columns\": [\"f\"], \"rate\": 0.3, "
        + "\"conf\": {\"spark.sql.shuffle.partitions\": [8]}}");
    assertRefused("conf entry spark.sql.shuffle.partitions in " + conf + " must be a string, "
        + "number or boolean, got a list", "--config", conf.getPath());
  }

  @Test
  public void numbersArePlainDecimals() throws Exception {
    assertLauncherRefuses("--rate must be a number in [0, 1] for dropout, got '0.3f'",
        "--column", "f", "--rate", "0.3f");
    assertRefused("--rate must be a number in [0, 1] for dropout, got '0x1p-2'", "--column", "f",
        "--rate", "0x1p-2");
    assertRefused("--seed must be a 64-bit integer, got '+5'", "--column", "f", "--rate", "0.3",
        "--seed", "+5");
    assertRefused("--copies must be a whole number of at least 1, got '0x2'", "--column", "f",
        "--rate", "0.3", "--copies", "0x2");
    File file = config("rate.json", "{\"columns\": [\"f\"], \"rate\": \"0x1p-2\"}");
    assertRefused("rate in " + file + " must be a number in [0, 1] for dropout, got '0x1p-2'",
        "--config", file.getPath());
  }

  @Test
  public void sparkSettingsMustBeKeyValuePairs() throws Exception {
    assertLauncherRefuses("--conf must be KEY=VALUE, got 'foo' (see --help)", "--column", "f",
        "--rate", "0.3", "--conf", "foo");
  }

  @Test
  public void newColumnsThatClashUpToCase() throws Exception {
    String clash = new File(dir, "clash").getPath();
    spark().sql("SELECT id, array(cast(id AS float)) AS f, id AS F_MASK, id AS Copy "
        + "FROM range(3)").write().parquet(clash);
    String sameName = " (Spark ignores case unless spark.sql.caseSensitive=true)";
    assertLauncherRefusesOn(clash, "--mask column f_mask already exists as `F_MASK`" + sameName,
        "--column", "f", "--rate", "0.3", "--mask");
    assertRefusedOn(clash, "--copies column copy already exists as `Copy`" + sameName,
        "--column", "f", "--rate", "0.3", "--copies", "2");
    assertRefusedOn(clash, "--column F does not exist (did you mean `f`?)", "--column", "F",
        "--rate", "0.3", "--copies", "2");
    assertRefusedOn(clash, "--key ID does not exist (did you mean `id`?)", "--column", "f",
        "--rate", "0.3", "--key", "ID");
  }

  /** In this JVM, on {@code input}: exit code 2, {@code line} alone, nothing written. */
  private void assertRefusedOn(String input, String line, String... flags) {
    String output = new File(dir, "out").getPath();
    JobRunner run = JobRunner.run(concat(new String[] {"--input", input, "--output", output},
        flags));
    assertThat(run.exitCode).as(run.err).isEqualTo(2);
    assertThat(run.err).isEqualTo("spark-dropout: " + line + "\n");
    assertThat(new File(output)).doesNotExist();
  }

  @Test
  public void copiesHaveALimit() throws Exception {
    assertLauncherRefuses("--copies must be at most " + LIMIT + ", got " + (LIMIT + 1)
        + ": all copies of a row are computed at once, in one task and one piece of generated "
        + "code; for more, run the job again with another --seed and --output", "--column", "f",
        "--rate", "0.3", "--copies",
        String.valueOf(LIMIT + 1));
  }

  @Test
  public void relativePathsInAConfigFileAreTheFilesOwn() throws Exception {
    File folder = new File(dir, "jobs");
    folder.mkdirs();
    File file = new File(folder, "job.json");
    Files.writeString(file.toPath(), "{\"input\": \"../in\", \"output\": \"augmented\", "
        + "\"columns\": [\"f\"], \"rate\": 0.3, \"seed\": 1}", StandardCharsets.UTF_8);
    Launch.Result run = Launch.run(List.of("bin/spark-dropout", "--config", file.getPath()),
        Map.of());
    assertThat(run.exitCode).as(run.err).isZero();
    assertThat(new File(folder, "augmented/_SUCCESS")).exists();
    assertThat(new File(Launch.ROOT, "augmented")).doesNotExist();
    assertThat(run.out).contains("input     " + input + " (parquet)");
  }

  @Test
  public void versionIsTheJarsWithSparkAndScala() throws Exception {
    Properties built = new Properties();
    try (var in = Files.newInputStream(
        new File(SparkLine.jobModule(), "target/maven-archiver/pom.properties").toPath())) {
      built.load(in);
    }
    // The launcher's classpath, not this JVM's: the tests module resolves another Scala.
    String classpath = Files.readString(
        new File(SparkLine.jobModule(), "target/classpath.txt").toPath());
    Launch.Result run = Launch.run(List.of("bin/spark-dropout", "--version"), Map.of());
    assertThat(run.exitCode).as(run.err).isZero();
    assertThat(run.out).isEqualTo("spark-dropout " + built.getProperty("version") + "\n"
        + "Spark " + jarVersion(classpath, "spark-core_" + SparkLine.scalaBinaryVersion())
        + ", Scala "
        + jarVersion(classpath, "scala-library") + "\n");
    assertThat(run.err).isEmpty();
  }

  /** The version in the name of the jar {@code artifact}-VERSION.jar on {@code classpath}. */
  private static String jarVersion(String classpath, String artifact) {
    Matcher jar = Pattern.compile("(?:^|[/\\\\])" + Pattern.quote(artifact)
        + "-([0-9][^/\\\\:;]*)\\.jar").matcher(classpath);
    assertThat(jar.find()).as("%s on %s", artifact, classpath).isTrue();
    return jar.group(1);
  }
}
