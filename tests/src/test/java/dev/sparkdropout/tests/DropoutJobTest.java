package dev.sparkdropout.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkdropout.sql.MaskAgreement;
import dev.sparkdropout.sql.SparkTestBase;
import dev.sparkdropout.sql.SpecReference.Output;
import dev.sparkdropout.sql.TestData;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.util.QueryExecutionListener;
import org.apache.spark.sql.types.DataTypes;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TestRule;
import scala.collection.JavaConverters;

/**
 * The job end to end in local mode on data the tests make: its output equals the SQL functions
 * for every flag, and its summary and replay work.
 */
public class DropoutJobTest extends SparkTestBase {

  @Rule public final TestRule progress = Progress.testNames();

  private File dir;

  @Before
  public void makeDirectory() throws IOException {
    dir = Files.createTempDirectory("dropout-job").toFile();
  }

  private String path(String name) {
    return new File(dir, name).getAbsolutePath();
  }

  /** The test table as parquet in {@code files} files. */
  private String parquetInput(String name, int files) {
    TestData.table(spark(), files).write().parquet(path(name));
    return path(name);
  }

  private JobRunner succeed(String... args) {
    JobRunner run = JobRunner.run(args);
    assertThat(run.exitCode).as("exit code; stderr: %s", run.err).isZero();
    return run;
  }

  private List<Row> output(String name, String... columns) {
    return spark().read().parquet(path(name)).selectExpr(columns).orderBy("id", "copy_")
        .collectAsList();
  }

  /** The seed of the job's column {@code column} in SQL: the job's seed XOR its name's hash. */
  private static String seed(long seed, String column) {
    return "(" + seed + " ^ xxhash64('" + column + "'))";
  }

  private List<Row> sql(String input, String select) {
    spark().read().parquet(input).createOrReplaceTempView("job_input");
    return spark().sql("SELECT " + select + " FROM job_input ORDER BY id").collectAsList();
  }

  @Test
  public void keyModeOutputEqualsTheSqlFunctions() {
    String input = parquetInput("in", 5);
    succeed("--input", input, "--output", path("out"), "--column", "f,seq,v,d", "--rate", "0.3",
        "--seed", "11", "--key", "user");
    List<Row> expected = sql(input, "id, user, dropout(f, 0.3, " + seed(11, "f") + ", user) AS f, "
        + "dropout(d, 0.3, " + seed(11, "d") + ", user) AS d, "
        + "dropout(seq, 0.3, " + seed(11, "seq") + ", user) AS seq, cube, "
        + "dropout(v, 0.3, " + seed(11, "v") + ", user) AS v, 0 AS copy_");
    assertSameRows(output("out", "id", "user", "f", "d", "seq", "cube", "v", "0 AS copy_"),
        expected);
    assertThat(spark().read().parquet(path("out")).schema()).isEqualTo(TestData.SCHEMA);
  }

  @Test
  public void severalKeyColumnsAreHashedTogetherAndRepeatedKeysAreCounted() throws IOException {
    String input = path("in");
    // Both key columns are NULL on some rows, only part on others; (who, part) repeats.
    TestData.table(spark(), 2).selectExpr("*", "IF(id % 5 = 0, NULL, user) AS who",
        "IF(id % 5 = 0 OR id % 7 = 1, NULL, id % 7) AS part").write().parquet(input);
    JobRunner run = succeed("--input", input, "--output", path("out"), "--column", "f,seq",
        "--rate", "0.3", "--seed", "5", "--key", "who, part");
    assertSameRows(output("out", "id", "f", "seq", "0 AS copy_"), sql(input,
        "id, dropout(f, 0.3, " + seed(5, "f") + ", struct(who, part)) AS f, "
            + "dropout(seq, 0.3, " + seed(5, "seq") + ", struct(who, part)) AS seq, "
            + "0 AS copy_"));
    Row counts = spark().read().parquet(input).selectExpr("count(*)",
        "count(DISTINCT struct(who, part))", "count_if(who IS NULL AND part IS NULL)").first();
    long rows = counts.getLong(0);
    long distinct = counts.getLong(1);
    long nulls = counts.getLong(2);
    assertThat(distinct).isLessThan(rows);
    assertThat(nulls).isPositive();
    JsonNode summary = new ObjectMapper().readTree(new File(path("out"), "_dropout_summary.json"));
    assertThat(summary.get("key")).hasToString("[\"who\",\"part\"]");
    assertThat(summary.get("distinct_keys").asLong()).isEqualTo(distinct);
    assertThat(summary.get("null_keys").asLong()).isEqualTo(nulls);
    assertThat(run.out).contains(String.format("  keys      %d rows, %d distinct keys, %d NULL",
        rows, distinct, nulls));
    assertThat(run.err.strip()).isEqualTo(String.format("spark-dropout: warning: --key who,part "
        + "repeats: %d rows have %d distinct keys (%d rows a NULL key), and rows with equal keys "
        + "get equal masks; give columns that identify a row, e.g. --key who,part,<another "
        + "column>", rows, distinct, nulls));

    JobRunner unique = succeed("--input", input, "--output", path("by-id"), "--column", "f",
        "--rate", "0.3", "--seed", "5", "--key", "user,id");
    assertThat(unique.err).isEmpty();
    assertThat(unique.out).contains(String.format("  keys      %d rows, %d distinct keys, 0 NULL",
        rows, rows));
  }

  @Test
  public void keyModeGivesTheSameOutputForOneAndFiveInputFiles() {
    String one = parquetInput("one", 1);
    String five = parquetInput("five", 5);
    assertThat(new File(five).list((d, name) -> name.endsWith(".parquet"))).hasSize(5);
    for (String[] run : new String[][] {{one, "out1"}, {five, "out5"}}) {
      succeed("--input", run[0], "--output", path(run[1]), "--column", "f,cube", "--rate", "0.4",
          "--seed", "3", "--key", "id", "--copies", "2", "--mask");
    }
    String[] columns = {"id", "f", "cube", "f_mask", "cube_mask", "copy AS copy_"};
    assertSameRows(output("out5", columns), output("out1", columns));
  }

  @Test
  public void withoutASeedEachMaskDescribesItsValuesAndEachColumnHasItsOwn() {
    String input = path("in");
    TestData.table(spark(), 2).selectExpr("*", "transform(f, x -> x + 1F) AS g").write()
        .parquet(input);
    succeed("--input", input, "--output", path("out"), "--column", "f,g,seq,v", "--rate", "0.5",
        "--method", "alpha_dropout", "--mask");
    Dataset<Row> out = spark().read().parquet(path("out")).join(spark().read().parquet(input)
        .selectExpr("id", "f AS f_in", "g AS g_in", "seq AS seq_in", "v AS v_in"), "id");
    for (String column : new String[] {"f", "g", "seq", "v"}) {
      MaskAgreement.assertMaskDescribesValues(out.select(column + "_in", column, column + "_mask")
          .collectAsList(), 0, 1, 2, Output.ALPHA_DROPOUT, 0.5);
    }
    MaskAgreement.assertIndependentMasks(out.select("f_mask", "g_mask").collectAsList(), 0, 1);
  }

  @Test
  public void partitionModeOutputEqualsTheSqlFunctionsOnTheSameInput() {
    String input = parquetInput("in", 3);
    succeed("--input", input, "--output", path("out"), "--column", "d", "--rate", "0.5",
        "--seed", "5");
    spark().read().parquet(input).createOrReplaceTempView("job_input");
    List<Row> expected = spark().sql("SELECT id, dropout(d, 0.5, " + seed(5, "d") + ") AS d "
        + "FROM job_input")
        .orderBy("id").collectAsList();
    assertSameRows(spark().read().parquet(path("out")).select("id", "d").orderBy("id")
        .collectAsList(), expected);
  }

  @Test
  public void copiesMasksAlphaDropoutAndNoiseShapesOnNestedArrays() {
    String input = parquetInput("in", 2);
    succeed("--input", input, "--output", path("out"), "--column", "cube", "--rate", "0.25",
        "--seed", "-9", "--key", "user", "--method", "alpha_dropout", "--noise-shape", "1,3,-1",
        "--copies", "3", "--mask");
    Dataset<Row> out = spark().read().parquet(path("out"));
    assertThat(out.columns()).containsExactly("id", "user", "f", "d", "seq", "cube", "v",
        "cube_mask", "copy");
    assertThat(out.schema().apply("copy").dataType()).isEqualTo(DataTypes.IntegerType);
    assertThat(out.count()).isEqualTo(3L * (TestData.ROWS + 3));
    for (int copy = 0; copy < 3; copy++) {
      String args = "0.25, " + seed(-9, "cube") + ", user, array(1, 3, -1), " + copy;
      List<Row> expected = sql(input, "id, alpha_dropout(cube, " + args + ") AS cube, "
          + "dropout_mask(cube, " + args + ") AS cube_mask, f");
      assertSameRows(out.where("copy = " + copy).select("id", "cube", "cube_mask", "f")
          .orderBy("id").collectAsList(), expected);
    }
  }

  @Test
  public void gaussianNoiseEqualsTheSqlFunctionAndWritesNoMask() {
    String input = parquetInput("in", 3);
    succeed("--input", input, "--output", path("out"), "--column", "f,seq,v", "--method",
        "gaussian_noise", "--stddev", "0.5", "--seed", "11", "--key", "user");
    assertSameRows(output("out", "id", "f", "seq", "v", "0 AS copy_"), sql(input,
        "id, gaussian_noise(f, 0.5, " + seed(11, "f") + ", user) AS f, "
            + "gaussian_noise(seq, 0.5, " + seed(11, "seq") + ", user) AS seq, "
            + "gaussian_noise(v, 0.5, " + seed(11, "v") + ", user) AS v, 0 AS copy_"));
    assertThat(spark().read().parquet(path("out")).schema()).isEqualTo(TestData.SCHEMA);
  }

  @Test
  public void gaussianDropoutCopiesEachEqualTheSqlFunctionWithTheirIndex() {
    String input = parquetInput("in", 2);
    succeed("--input", input, "--output", path("out"), "--column", "d,cube,v", "--method",
        "gaussian_dropout", "--rate", "0.4", "--seed", "-3", "--key", "user", "--copies", "3");
    Dataset<Row> out = spark().read().parquet(path("out"));
    assertThat(out.columns()).containsExactly("id", "user", "f", "d", "seq", "cube", "v",
        "copy");
    for (int copy = 0; copy < 3; copy++) {
      StringBuilder select = new StringBuilder("id");
      for (String column : new String[] {"d", "cube", "v"}) {
        select.append(", gaussian_dropout(").append(column).append(", 0.4, ")
            .append(seed(-3, column)).append(", user, NULL, ").append(copy).append(") AS ")
            .append(column);
      }
      assertSameRows(out.where("copy = " + copy).select("id", "d", "cube", "v").orderBy("id")
          .collectAsList(), sql(input, select.toString()));
    }
  }

  @Test
  public void spatialDropoutIsDropoutWithOneDecisionPerChannelAndItsMask() {
    String input = parquetInput("in", 2);
    succeed("--input", input, "--output", path("out"), "--column", "seq,cube", "--method",
        "spatial_dropout", "--rate", "0.5", "--seed", "8", "--key", "user", "--copies", "2",
        "--mask");
    Dataset<Row> out = spark().read().parquet(path("out"));
    for (int copy = 0; copy < 2; copy++) {
      String seq = "0.5, " + seed(8, "seq") + ", user";
      String cube = "0.5, " + seed(8, "cube") + ", user";
      List<Row> expected = sql(input, "id, spatial_dropout(seq, " + seq + ", " + copy
          + ") AS seq, dropout_mask(seq, " + seq + ", array(1, -1), " + copy + ") AS seq_mask, "
          + "spatial_dropout(cube, " + cube + ", " + copy + ") AS cube, dropout_mask(cube, "
          + cube + ", array(1, 1, -1), " + copy + ") AS cube_mask");
      assertSameRows(out.where("copy = " + copy).select("id", "seq", "seq_mask", "cube",
          "cube_mask").orderBy("id").collectAsList(), expected);
    }
  }

  @Test
  public void rateOneDropsEveryElementOfDropout() throws IOException {
    String input = parquetInput("in", 2);
    succeed("--input", input, "--output", path("out"), "--column", "f,v", "--rate", "1",
        "--seed", "2", "--key", "id", "--mask");
    assertSameRows(output("out", "id", "f", "v", "f_mask", "0 AS copy_"), sql(input,
        "id, dropout(f, 1.0, " + seed(2, "f") + ", id) AS f, dropout(v, 1.0, " + seed(2, "v")
            + ", id) AS v, dropout_mask(f, 1.0, " + seed(2, "f") + ", id) AS f_mask, 0 AS copy_"));
    JsonNode summary = new ObjectMapper().readTree(new File(path("out"), "_dropout_summary.json"));
    assertThat(summary.get("columns").get(0).get("kept_fraction").asDouble()).isZero();
  }

  @Test
  public void copiesReadTheInputOnceAndEachEqualsSqlWithItsIndexInPartitionMode()
      throws Exception {
    String input = parquetInput("in", 3);
    List<SparkPlan> plans = new ArrayList<>();
    QueryExecutionListener listener = new QueryExecutionListener() {
      @Override
      public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
        plans.add(qe.executedPlan());
      }

      @Override
      public void onFailure(String funcName, QueryExecution qe, Exception exception) {}
    };
    spark().listenerManager().register(listener);
    try {
      succeed("--input", input, "--output", path("out"), "--column", "f,seq", "--rate", "0.4",
          "--seed", "6", "--copies", "5", "--mask");
      spark().sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark().listenerManager().unregister(listener);
    }
    List<FileSourceScanExec> scans = new ArrayList<>();
    plans.forEach(plan -> collectScans(plan, scans));
    // Spark 4 also reports the job's Dataset.rdd() (it counts the input's partitions) as a
    // query: its scan is planned but reads nothing, so only scans that read rows count.
    List<Long> rowsRead = new ArrayList<>();
    for (FileSourceScanExec scan : scans) {
      long rows = (Long) scan.metrics().apply("numOutputRows").value();
      if (rows > 0) {
        rowsRead.add(rows);
      }
    }
    assertThat(rowsRead).as("rows read by each scan of the input in %s", plans)
        .containsExactly((long) (TestData.ROWS + 3));
    Dataset<Row> out = spark().read().parquet(path("out"));
    for (int copy = 0; copy < 5; copy++) {
      String f = "0.4, " + seed(6, "f") + ", NULL, NULL, " + copy;
      String seq = "0.4, " + seed(6, "seq") + ", NULL, NULL, " + copy;
      List<Row> expected = sql(input, "id, dropout(f, " + f + ") AS f, dropout_mask(f, " + f
          + ") AS f_mask, dropout(seq, " + seq + ") AS seq");
      assertSameRows(out.where("copy = " + copy).select("id", "f", "f_mask", "seq")
          .orderBy("id").collectAsList(), expected);
    }
  }

  /** The file scans in {@code plan}, the write command's query included. */
  private static void collectScans(SparkPlan plan, List<FileSourceScanExec> scans) {
    if (plan instanceof FileSourceScanExec) {
      scans.add((FileSourceScanExec) plan);
    }
    List<SparkPlan> children = new ArrayList<>(JavaConverters.seqAsJavaList(plan.children()));
    if (plan instanceof AdaptiveSparkPlanExec) {
      children.add(((AdaptiveSparkPlanExec) plan).executedPlan());
    }
    children.forEach(child -> collectScans(child, scans));
  }

  @Test
  public void trainingFalseWritesTheInputUnchangedWithAllOnesMasks() {
    String input = parquetInput("in", 2);
    succeed("--input", input, "--output", path("out"), "--column", "f,v", "--rate", "0.9",
        "--training", "false", "--mask");
    assertSameRows(output("out", "id", "user", "f", "d", "seq", "cube", "v", "0 AS copy_"),
        sql(input, "*, 0 AS copy_"));
    assertThat(spark().read().parquet(path("out"))
        .where("exists(f_mask, m -> m <> 1) OR exists(v_mask, m -> m <> 1)").count()).isZero();
  }

  @Test
  public void configFileGivesEachColumnItsOwnSettingsAndFlagsOverrideIt() throws IOException {
    String input = parquetInput("in", 2);
    File config = new File(dir, "job.json");
    Files.writeString(config.toPath(), "// two columns, their own settings\n"
        + "{\"input\": \"" + input + "\", \"output\": \"" + path("ignored") + "\",\n"
        + " \"seed\": 77, \"key\": \"user\", \"rate\": 0.1,\n"
        + " \"columns\": [\"f\", {\"name\": \"seq\", \"rate\": 0.6, \"method\": \"alpha_dropout\","
        + " \"noise-shape\": [1, null]}]}", StandardCharsets.UTF_8);
    succeed("--config", config.getPath(), "--output", path("out"), "--seed", "78");
    assertThat(new File(path("ignored"))).doesNotExist();
    assertSameRows(output("out", "id", "f", "seq", "0 AS copy_"), sql(input,
        "id, dropout(f, 0.1, " + seed(78, "f") + ", user) AS f, alpha_dropout(seq, 0.6, "
            + seed(78, "seq") + ", user, array(1, -1)) AS seq, 0 AS copy_"));
    // A flag overrides the setting inside every column entry too.
    succeed("--config", config.getPath(), "--output", path("out2"), "--rate", "0.2");
    assertSameRows(output("out2", "id", "seq", "0 AS copy_"), sql(input,
        "id, alpha_dropout(seq, 0.2, " + seed(77, "seq") + ", user, array(1, -1)) AS seq, "
            + "0 AS copy_"));
  }

  @Test
  public void jsonAndOrcInputs() {
    // JSON has no NaN or infinity, and no vectors: the arrays of the ordinary rows.
    Dataset<Row> arrays = TestData.table(spark(), 2).drop("v").where("user <> 'special'");
    arrays.write().json(path("json"));
    arrays.write().orc(path("orc"));
    for (String format : new String[] {"json", "orc"}) {
      succeed("--input", path(format), "--input-format", format, "--output", path(format + "-out"),
          "--column", "d,seq", "--rate", "0.3", "--seed", "1", "--key", "id");
      Dataset<Row> in = spark().read().format(format).load(path(format));
      in.createOrReplaceTempView("formatted");
      List<Row> expected = spark().sql("SELECT id, dropout(d, 0.3, " + seed(1, "d") + ", id) AS "
          + "d, dropout(seq, 0.3, " + seed(1, "seq") + ", id) AS seq FROM formatted ORDER BY id")
          .collectAsList();
      assertSameRows(spark().read().parquet(path(format + "-out")).select("id", "d", "seq")
          .orderBy("id").collectAsList(), expected);
    }
  }

  @Test
  public void aDrawnSeedIsPrintedRecordedAndReplays() throws IOException {
    String input = parquetInput("in", 2);
    JobRunner first = succeed("--input", input, "--output", path("out"), "--column", "f",
        "--rate", "0.5", "--key", "id");
    JsonNode summary = new ObjectMapper().readTree(new File(path("out"), "_dropout_summary.json"));
    long seed = summary.get("seed").asLong();
    assertThat(first.out).contains("seed " + seed + " (drawn; replay with --seed " + seed + ")");
    succeed("--input", input, "--output", path("replay"), "--column", "f", "--rate", "0.5",
        "--key", "id", "--seed", Long.toString(seed));
    assertSameRows(output("replay", "id", "f", "0 AS copy_"), output("out", "id", "f", "0 AS copy_"));
  }

  @Test
  public void summaryIsPrintedAndWrittenIntoTheOutput() throws IOException {
    String input = parquetInput("in", 2);
    JobRunner run = succeed("--input", input, "--output", path("out"), "--column", "d,v",
        "--rate", "0.5", "--seed", "4", "--copies", "2");
    assertThat(run.out).contains("spark-dropout summary").contains("kept")
        .contains("mean before").contains("var after");
    JsonNode summary = new ObjectMapper().readTree(new File(path("out"), "_dropout_summary.json"));
    assertThat(summary.get("rows_in").asLong()).isEqualTo(TestData.ROWS + 3);
    assertThat(summary.get("rows_out").asLong()).isEqualTo(2L * (TestData.ROWS + 3));
    assertThat(summary.get("seed").asLong()).isEqualTo(4);
    assertThat(summary.get("input_partitions").asInt())
        .isEqualTo(spark().read().parquet(input).rdd().getNumPartitions());
    assertThat(summary.get("input_split_settings").get("spark.sql.files.minPartitionNum")
        .asInt()).isEqualTo(64);
    assertThat(run.out).contains("splits    " + summary.get("input_partitions").asInt()
        + " partitions (spark.sql.files.maxPartitionBytes=");
    String spark = spark().version();
    assertThat(summary.get("spark").asText()).isEqualTo(spark);
    assertThat(run.out).contains("spark     " + spark + " (Scala ");
    JsonNode d = summary.get("columns").get(0);
    assertThat(d.get("column").asText()).isEqualTo("d");
    assertThat(d.get("kept_fraction").asDouble()).isBetween(0.4, 0.6);
    assertThat(d.get("elements_after").asLong()).isEqualTo(2 * d.get("elements_before").asLong());
    assertThat(new File(path("out"), "_SUCCESS")).exists();
  }

  /**
   * Gaussian noise adds variance stddev^2; Gaussian dropout multiplies it, with the squared
   * mean, by 1 + rate / (1 - rate). Neither has a kept fraction.
   */
  @Test
  public void summaryOfGaussianMethodsShowsTheirParameterAndNoKeptFraction() throws IOException {
    String input = path("in");
    spark().sql("SELECT id, transform(sequence(0, 15), i -> sin(id * 16 + i)) AS x, "
        + "transform(sequence(0, 15), i -> CAST(cos(id * 16 + i) AS FLOAT)) AS y "
        + "FROM range(2000)").write().parquet(input);
    File config = new File(dir, "gaussian.json");
    Files.writeString(config.toPath(), "{\"columns\": [{\"name\": \"x\", \"method\": "
        + "\"gaussian_noise\", \"stddev\": 0.5}, {\"name\": \"y\", \"method\": "
        + "\"gaussian_dropout\", \"rate\": 0.2}]}", StandardCharsets.UTF_8);
    JobRunner run = succeed("--input", input, "--output", path("out"), "--config",
        config.getPath(), "--seed", "12", "--key", "id");
    assertThat(run.out).containsPattern("\\n  column +method +kept +mean before")
        .containsPattern("\\n  x +gaussian_noise\\(stddev=0\\.5\\) +n/a +-?[0-9]")
        .containsPattern("\\n  y +gaussian_dropout\\(rate=0\\.2\\) +n/a +-?[0-9]");
    JsonNode columns = new ObjectMapper().readTree(new File(path("out"),
        "_dropout_summary.json")).get("columns");
    JsonNode x = columns.get(0);
    assertThat(x.get("method").asText()).isEqualTo("gaussian_noise");
    assertThat(x.get("stddev").asDouble()).isEqualTo(0.5);
    assertThat(x.get("rate").isNull()).isTrue();
    assertThat(x.get("kept_fraction").isNull()).isTrue();
    assertThat(x.get("elements_after").asLong()).isEqualTo(2000 * 16);
    assertThat(x.get("mean_after").asDouble())
        .isCloseTo(x.get("mean_before").asDouble(), within(0.02));
    assertThat(x.get("variance_after").asDouble())
        .isCloseTo(x.get("variance_before").asDouble() + 0.25, within(0.03));
    JsonNode y = columns.get(1);
    assertThat(y.get("rate").asDouble()).isEqualTo(0.2);
    assertThat(y.get("stddev").isNull()).isTrue();
    assertThat(y.get("kept_fraction").isNull()).isTrue();
    double mean = y.get("mean_before").asDouble();
    double variance = y.get("variance_before").asDouble();
    assertThat(y.get("variance_after").asDouble())
        .isCloseTo(variance + 0.25 * (variance + mean * mean), within(0.03));
  }

  @Test
  public void overwriteReplacesAnExistingOutput() {
    String input = parquetInput("in", 1);
    succeed("--input", input, "--output", path("out"), "--column", "f", "--rate", "0.5",
        "--seed", "1", "--key", "id");
    succeed("--input", input, "--output", path("out"), "--column", "f", "--rate", "0.2",
        "--seed", "1", "--key", "id", "--overwrite");
    assertSameRows(output("out", "id", "f", "0 AS copy_"),
        sql(input, "id, dropout(f, 0.2, " + seed(1, "f") + ", id) AS f, 0 AS copy_"));
  }
}
