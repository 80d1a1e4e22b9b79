package dev.sparkdropout.sql;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.spark.line.ScalaCollections;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry;
import org.apache.spark.sql.catalyst.analysis.SimpleFunctionRegistry;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.junit.Test;

/**
 * The extension, {@code FunctionRegistration.register} and the Column API are one
 * implementation: same expressions, same bits; the functions describe themselves and run
 * codegen'd.
 */
public class RegistrationTest extends SparkTestBase {

  private static final String QUERY = "SELECT id, "
      + "dropout(f, 0.3, 42) AS a, alpha_dropout(seq, 0.2, 42, user, array(1, -1)) AS b, "
      + "dropout_mask(cube, 0.5, 42, id, array(-1, 1, -1)) AS c, alpha_dropout(v, 0.1, 42) AS e, "
      + "dropout(d, 0.6, 42, id, NULL, 3) AS g FROM t ORDER BY id";

  private List<Row> run(SparkSession session) {
    TestData.table(session, 3).createOrReplaceTempView("t");
    return session.sql(QUERY).collectAsList();
  }

  @Test
  public void extensionAndRegisterGiveTheSameBits() {
    assertSameRows(run(extensionSession()), run(spark()));
  }

  @Test
  @SuppressWarnings("deprecation")
  public void theFirstNamesOfTheExtensionAndRegisterStillWork() {
    SparkSession fresh = spark().newSession();
    dev.sparkdropout.udf.DropoutUdfs.register(fresh);
    assertSameRows(run(fresh), run(spark()));

    SparkSessionExtensions extensions = new SparkSessionExtensions();
    new dev.sparkdropout.udf.DropoutExtensions().apply(extensions);
    FunctionRegistry registry = extensions.registerFunctions(new SimpleFunctionRegistry());
    List<String> names = new ArrayList<>();
    ScalaCollections.list(registry.listFunction()).forEach(id -> names.add(id.funcName()));
    for (SqlFunction function : SqlFunction.values()) {
      assertThat(names).contains(function.sqlName());
    }
  }

  @Test
  public void columnApiBuildsTheSameExpressionsAsSql() {
    Dataset<Row> table = TestData.table(spark(), 3);
    table.createOrReplaceTempView("t");
    Dataset<Row> api = table.select(col("id"),
        DropoutColumns.dropout(col("f"), 0.3, 42L).as("a"),
        DropoutColumns.dropout(col("seq")).method(DropoutMethod.ALPHA_DROPOUT).rate(0.2)
            .seed(42).key(col("user")).noiseShape(1, -1).build().as("b"),
        DropoutColumns.dropout(col("cube")).rate(0.5).seed(42).key(col("id"))
            .noiseShape(-1, 1, null).mask().as("c"),
        DropoutColumns.alphaDropout(col("v"), 0.1, 42L).as("e"),
        DropoutColumns.dropout(col("d")).rate(0.6).seed(42).key(col("id")).copy(3).build()
            .as("g"))
        .orderBy("id");
    assertSameRows(api.collectAsList(), spark().sql(QUERY).collectAsList());
    assertThat(withoutIds(api.queryExecution().optimizedPlan().toString()))
        .isEqualTo(withoutIds(spark().sql(QUERY).queryExecution().optimizedPlan().toString()));
  }

  /** Plans of two analyses differ only in expression ids and, here, the Column API's names. */
  private static String withoutIds(String plan) {
    return plan.replaceAll("#\\d+", "#").replaceAll(" AS [^,\\]]*#", " AS #");
  }

  @Test
  public void columnApiRegistersTheFunctionsInTheActiveSession() {
    SparkSession fresh = spark().newSession();
    SparkSession.setActiveSession(fresh);
    try {
      Dataset<Row> df = TestData.table(fresh, 1);
      List<Row> rows = df.select(DropoutColumns.dropoutMask(col("f"), 0.5, 1L, col("id")))
          .collectAsList();
      assertThat(rows).hasSize(TestData.ROWS + 3);
    } finally {
      SparkSession.setActiveSession(spark());
    }
  }

  @Test
  public void explainShowsTheCompiledKernelCallAndTheSeed() {
    TestData.table(spark(), 2).createOrReplaceTempView("t");
    Dataset<Row> df = spark().sql("SELECT dropout(f, 0.3, 1234) AS y FROM t");
    df.collect(); // adaptive execution shows the final, code-generated plan after a run
    String plan = df.queryExecution().executedPlan().toString();
    assertThat(plan)
        .contains("FlatArrays.applyFloats(")
        .contains("dropout(rate=0.3, seed=1234)")
        .contains("monotonically_increasing_id()")
        .containsPattern("\\*\\(\\d+\\) Project");
  }

  @Test
  public void aMissingSeedIsDrawnOnceAtAnalysisAndShownByExplain() {
    TestData.table(spark(), 2).createOrReplaceTempView("t");
    Dataset<Row> df = spark().sql("SELECT id, dropout(f, 0.5, NULL, id) AS y FROM t ORDER BY id");
    Matcher seed = Pattern.compile("dropout\\(rate=0\\.5, seed=(-?\\d+)\\)")
        .matcher(df.queryExecution().analyzed().toString());
    assertThat(seed.find()).isTrue();
    assertSameRows(df.collectAsList(), df.collectAsList());
    Dataset<Row> replay = spark().sql(
        "SELECT id, dropout(f, 0.5, " + seed.group(1) + ", id) AS y FROM t ORDER BY id");
    assertSameRows(replay.collectAsList(), df.collectAsList());
  }

  @Test
  public void resultColumnsAreNamedAfterTheCall() {
    TestData.table(spark(), 1).createOrReplaceTempView("t");
    assertThat(spark().sql("SELECT dropout(f, 0.3, 42), dropout_mask(v, 0.5) FROM t").columns())
        .containsExactly("dropout(f, 0.3, 42)", "dropout_mask(v, 0.5)");
    // Inside another expression too, in SQL and through the Column API; rate 0, the input itself.
    Dataset<Row> t = spark().table("t");
    assertThat(spark().sql("SELECT size(alpha_dropout(f, 0.3, 42, id)), dropout(f, 0.3)[0], "
        + "dropout(f, 0.0) FROM t").columns())
        .containsExactly("size(alpha_dropout(f, 0.3, 42, id))", "dropout(f, 0.3)[0]",
            "dropout(f, 0.0)");
    assertThat(t.select(functions.size(DropoutColumns.dropout(t.col("f"), 0.3, 42L)))
        .columns()).containsExactly("size(dropout(f, 0.3, 42))");
  }

  @Test
  public void argumentsGivenByNameMatchThoseGivenByPosition() {
    TestData.table(spark(), 2).createOrReplaceTempView("t");
    Dataset<Row> byName = spark().sql("SELECT id, dropout(f, 0.3, key => id, seed => 42), "
        + "alpha_dropout(x => seq, rate => 0.2, noise_shape => array(1, -1), seed => 7, "
        + "copy => 1), dropout_mask(f, rate => 0.5, seed => 3) FROM t ORDER BY id");
    Dataset<Row> byPosition = spark().sql("SELECT id, dropout(f, 0.3, 42, id), "
        + "alpha_dropout(seq, 0.2, 7, NULL, array(1, -1), 1), dropout_mask(f, 0.5, 3) "
        + "FROM t ORDER BY id");
    assertSameRows(byName.collectAsList(), byPosition.collectAsList());
    assertThat(byName.columns()).containsExactly("id",
        "dropout(f, 0.3, key => id, seed => 42)",
        "alpha_dropout(x => seq, rate => 0.2, noise_shape => array(1, -1), seed => 7, copy => 1)",
        "dropout_mask(f, rate => 0.5, seed => 3)");
  }

  @Test
  public void keyModeIsDeterministicAndPartitionModeIsNot() {
    TestData.table(spark(), 1).createOrReplaceTempView("t");
    assertThat(firstExpression("SELECT dropout(f, 0.3, 1, id) FROM t").deterministic()).isTrue();
    assertThat(firstExpression("SELECT dropout(f, 0.3, 1) FROM t").deterministic()).isFalse();
  }

  private Expression firstExpression(String query) {
    Project project = (Project) spark().sql(query).queryExecution().analyzed();
    return (Expression) project.projectList().head();
  }

  @Test
  public void describeFunctionExplainsArgumentsWithExamplesThatRun() {
    for (SparkSession session : List.of(spark(), extensionSession())) {
      for (SqlFunction function : SqlFunction.values()) {
        List<String> lines = new ArrayList<>();
        for (Row row : session.sql("DESCRIBE FUNCTION EXTENDED " + function.sqlName())
            .collectAsList()) {
          lines.add(row.getString(0));
        }
        String text = String.join("\n", lines);
        assertThat(text)
            .contains("Function: " + function.sqlName())
            .contains("Usage: " + function.sqlName() + "(" + function.signature() + ")")
            .contains(function.method() == DropoutMethod.SPATIAL_DROPOUT
                ? "* channels_first - " : "* noise_shape - ")
            .contains("its own seed, seed ^ xxhash64('c')")
            .contains("a key must identify the row")
            .contains("combine several: struct(user_id, event_time)")
            .contains("Examples:")
            .contains("deterministic");
        Matcher example = Pattern.compile("> SELECT (.*);\\n\\s+(\\S.*)").matcher(text);
        int examples = 0;
        while (example.find()) {
          String actual = session.sql("SELECT CAST(" + example.group(1) + " AS STRING)")
              .first().getString(0);
          assertThat(actual.replace(" ", "")).as(example.group(1)).isEqualTo(example.group(2));
          examples++;
        }
        assertThat(examples).isPositive();
      }
    }
  }

  @Test
  public void keyModeStandsInAggregates() {
    TestData.table(spark(), 2).createOrReplaceTempView("t");
    Row row = spark().sql("SELECT sum(aggregate(dropout_mask(f, 0.3, 1, id), 0, (a, b) -> a + b)), "
        + "sum(size(f)) FROM t").first();
    double kept = row.getLong(0) / (double) row.getLong(1);
    assertThat(kept).isBetween(0.55, 0.85);
  }

}
