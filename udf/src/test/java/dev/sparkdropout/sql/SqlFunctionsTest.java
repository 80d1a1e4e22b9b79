package dev.sparkdropout.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkdropout.sql.SpecReference.Output;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Every function, input type and mode, element by element and bit for bit against
 * {@link SpecReference}. The row's stream is selected beside the call: partition mode's
 * {@code monotonically_increasing_id()} in the same projection counts the same rows, and key mode's
 * stream is Spark's own {@code xxhash64(key)}.
 */
public class SqlFunctionsTest extends SparkTestBase {

  private static final String[][] COLUMNS = {
      {"f", "1"}, {"d", "1"}, {"seq", "2"}, {"cube", "3"}, {"v", "1"}};

  @Rule
  public final TemporaryFolder temp = new TemporaryFolder();

  private void check(SparkSession session, Output output, String column, int rank, double rate,
      long seed, boolean keyMode, Integer[] noiseShape, int copy) {
    check(TestData.table(session, 3), output, column, rank, rate, seed, keyMode, noiseShape, copy);
  }

  private void check(Dataset<Row> table, Output output, String column, int rank, double rate,
      long seed, boolean keyMode, Integer[] noiseShape, int copy) {
    SparkSession session = table.sparkSession();
    table.createOrReplaceTempView("t");
    String function = output.function();
    StringBuilder call = new StringBuilder(String.format(Locale.ROOT, "%s(%s, %s, %dL, %s",
        function, column, Double.toString(rate), seed, keyMode ? "user" : "NULL"));
    call.append(", ").append(noiseShape == null ? "NULL" : shapeSql(noiseShape));
    call.append(", ").append(copy).append(')');
    String stream = keyMode ? "xxhash64(user)" : "monotonically_increasing_id()";
    Dataset<Row> result = session.sql(
        "SELECT " + column + " AS x, " + stream + " AS stream, " + call + " AS y FROM t");
    SpecReference reference = new SpecReference(output, rate, seed, noiseShape, copy);
    List<Row> rows = result.collectAsList();
    assertThat(rows).hasSize(TestData.ROWS + 3);
    for (Row row : rows) {
      Object expected = reference.expected(row.get(0), rank, row.getLong(1));
      Object actual = SpecReference.toJava(row.get(2));
      assertThat(SpecReference.sameBits(expected, actual))
          .as("%s on %s: expected %s, got %s", call, row.get(0), expected, actual)
          .isTrue();
    }
  }

  private static String shapeSql(Integer[] shape) {
    StringJoiner joiner = new StringJoiner(", ", "array(", ")");
    for (Integer entry : shape) {
      joiner.add(entry == null ? "NULL" : entry.toString());
    }
    return joiner.toString();
  }

  @Test
  public void everyFunctionAndTypeInKeyMode() {
    for (Output output : Output.values()) {
      for (String[] column : COLUMNS) {
        check(spark(), output, column[0], Integer.parseInt(column[1]), 0.3, 42L, true, null, 0);
      }
    }
  }

  @Test
  public void everyFunctionAndTypeInPartitionMode() {
    for (Output output : Output.values()) {
      for (String[] column : COLUMNS) {
        check(spark(), output, column[0], Integer.parseInt(column[1]), 0.5, -7L, false, null, 0);
      }
    }
  }

  @Test
  public void noiseShapesOnNestedArraysAndVectors() {
    Integer[][] seqShapes = {{1, -1}, {-1, 1}, {1, 1}, {null, -1}};
    Integer[][] cubeShapes = {{1, 3, -1}, {-1, 3, 1}, {1, 1, 4}, {-1, -1, -1}};
    for (Output output : Output.values()) {
      for (Integer[] shape : seqShapes) {
        check(spark(), output, "seq", 2, 0.4, 3L, true, shape, 0);
      }
      for (Integer[] shape : cubeShapes) {
        check(spark(), output, "cube", 3, 0.2, 3L, false, shape, 0);
      }
      check(spark(), output, "v", 1, 0.4, 3L, true, new Integer[] {1}, 0);
      check(spark(), output, "f", 1, 0.4, 3L, false, new Integer[] {1}, 0);
    }
  }

  @Test
  public void nestedRowsReadFromParquetGiveTheSameBits() throws Exception {
    // Parquet's reader hands nested rows over as column vectors, not as unsafe arrays.
    spark().conf().set("spark.sql.parquet.enableNestedColumnVectorizedReader", "true");
    try {
      String path = temp.newFolder().getPath() + "/t";
      TestData.table(spark(), 3).write().parquet(path);
      Dataset<Row> table = spark().read().parquet(path);
      for (Output output : Output.values()) {
        check(table, output, "seq", 2, 0.4, 8L, true, null, 0);
        check(table, output, "seq", 2, 0.4, 8L, true, new Integer[] {1, -1}, 0);
        check(table, output, "cube", 3, 0.3, 8L, true, null, 1);
        check(table, output, "cube", 3, 0.3, 8L, true, new Integer[] {-1, 3, 1}, 0);
      }
    } finally {
      spark().conf().unset("spark.sql.parquet.enableNestedColumnVectorizedReader");
    }
  }

  @Test
  public void copiesDifferOnlyThroughTheCopyIndex() {
    check(spark(), Output.DROPOUT, "f", 1, 0.5, 11L, true, null, 2);
    check(spark(), Output.ALPHA_DROPOUT, "seq", 2, 0.5, 11L, false, new Integer[] {1, -1}, 5);
  }

  @Test
  public void rateZeroReturnsTheInputAndAnAllOnesMask() {
    for (Output output : Output.values()) {
      check(spark(), output, "f", 1, 0.0, 1L, true, null, 0);
      check(spark(), output, "cube", 3, 0.0, 1L, false, null, 0);
    }
    TestData.table(spark(), 3).createOrReplaceTempView("t");
    long changed = spark().sql("SELECT * FROM t WHERE NOT (dropout(f, 0) <=> f) "
        + "OR NOT (alpha_dropout(v, 0.0, 5) <=> v)").count();
    assertThat(changed).isZero();
  }

  @Test
  public void interpretedEvaluationGivesTheSameBits() {
    // What Spark falls back to when code generation fails or is turned off.
    spark().conf().set("spark.sql.codegen.wholeStage", "false");
    spark().conf().set("spark.sql.codegen.factoryMode", "NO_CODEGEN");
    try {
      for (Output output : Output.values()) {
        check(spark(), output, "f", 1, 0.3, 4L, false, null, 0);
        check(spark(), output, "cube", 3, 0.3, 4L, true, new Integer[] {1, 3, -1}, 1);
        check(spark(), output, "v", 1, 0.3, 4L, true, null, 0);
      }
    } finally {
      spark().conf().unset("spark.sql.codegen.wholeStage");
      spark().conf().unset("spark.sql.codegen.factoryMode");
    }
  }

  @Test
  public void manyRatesAndSeedsOnFloatsAndDoubles() {
    double[] rates = {0.1, 0.2, 0.25, 0.3, 0.5, 0.8, 0.95};
    long[] seeds = {0L, 1L, -1L, Long.MAX_VALUE, 0x243f6a8885a308d3L};
    for (int i = 0; i < rates.length; i++) {
      long seed = seeds[i % seeds.length];
      check(spark(), Output.ALPHA_DROPOUT, "f", 1, rates[i], seed, true, null, 0);
      check(spark(), Output.DROPOUT, "d", 1, rates[i], seed, i % 2 == 0, null, 0);
    }
  }

  @Test
  public void nullRowsAndElementsStayNull() {
    TestData.table(spark(), 1).createOrReplaceTempView("t");
    Row nulls = spark().sql("SELECT dropout(f, 0.5, 1), alpha_dropout(v, 0.5, 1), "
        + "dropout_mask(seq, 0.5, 1) FROM t WHERE user = 'nulls'").first();
    assertThat(nulls.isNullAt(0) && nulls.isNullAt(1) && nulls.isNullAt(2)).isTrue();
    Row special = spark().sql("SELECT dropout(f, 0.5, 1, id), dropout_mask(seq, 0.5, 1, id) "
        + "FROM t WHERE user = 'special'").first();
    assertThat(special.getList(0).get(1)).isNull();
    List<Object> maskRows = special.getList(1);
    assertThat(maskRows.get(1)).isNull();
    assertThat(SpecReference.toJava(maskRows.get(0)).toString()).matches("\\[[01], null, [01]\\]");
  }

  @Test
  public void sparseVectorsStaySparseUnderDropout() {
    TestData.table(spark(), 1).createOrReplaceTempView("t");
    Row row = spark().sql("SELECT v, dropout(v, 0.5, 1, id) FROM t WHERE id = 1").first();
    assertThat(row.get(0)).isInstanceOf(SparseVector.class);
    assertThat(row.get(1)).isInstanceOf(SparseVector.class);
    assertThat(((SparseVector) row.get(1)).indices())
        .containsExactly(((SparseVector) row.get(0)).indices());
  }

  @Test
  public void partitionModeCountsNullRowsAndRepeatsForTheSamePartitioning() {
    Dataset<Row> table = TestData.table(spark(), 3);
    table.createOrReplaceTempView("t");
    String query = "SELECT id, dropout(f, 0.5, 9) AS y FROM t";
    List<Row> first = spark().sql(query).collectAsList();
    assertSameRows(spark().sql(query).collectAsList(), first);
    // The NULL row takes its position in the stream: every row's stream is its position.
    check(spark(), Output.MASK, "f", 1, 0.5, 9L, false, null, 0);
  }

  @Test
  public void keyModeDoesNotDependOnPartitioning() {
    String call = "SELECT id, dropout(f, 0.3, 5, user) AS a, dropout_mask(cube, 0.3, 5, id, "
        + "array(1, -1, 1)) AS b, alpha_dropout(v, 0.3, 5, id) AS c FROM t";
    TestData.table(spark(), 1).createOrReplaceTempView("t");
    List<Row> one = spark().sql(call + " ORDER BY id").collectAsList();
    TestData.table(spark(), 7).createOrReplaceTempView("t");
    List<Row> seven = spark().sql(call + " ORDER BY id").collectAsList();
    assertSameRows(seven, one);
  }
}
