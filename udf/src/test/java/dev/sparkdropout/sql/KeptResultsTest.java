package dev.sparkdropout.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkdropout.sql.SpecReference.Output;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.Test;

/**
 * Results Spark holds beyond the row that made them are still that row's, although generated
 * code writes each call's results into one buffer of its own, row after row: two calls in one
 * row, aggregates, sorts, windows, caches and lambdas. Alpha dropout writes no zeros, so a value left
 * over from another row would show. (That a reused buffer's bytes equal a new array's, padding
 * included, is {@code OutputBufferTest}'s: Spark normalizes float keys before it compares them.)
 */
public class KeptResultsTest extends SparkTestBase {

  private static final String CALL = "alpha_dropout(f, 0.3, 7, user)";
  private static final SpecReference SEED_7 = reference(7);

  private static SpecReference reference(long seed) {
    return new SpecReference(Output.ALPHA_DROPOUT, 0.3, seed, null, 0);
  }

  private static void assertBits(Object expected, Object actual, String what) {
    Object actualJava = SpecReference.toJava(actual);
    assertThat(SpecReference.sameBits(expected, actualJava))
        .as("%s: expected %s, got %s", what, expected, actualJava).isTrue();
  }

  private void table() {
    TestData.table(spark(), 3).createOrReplaceTempView("t");
  }

  /**
   * Selects {@code column}, its stream, the pair of its calls with seeds 1 and 2 in one array,
   * then {@code more}; checks the pair and returns the rows.
   */
  private List<Row> twoCallsInOneRow(String column, String more) {
    table();
    List<Row> rows = spark().sql(String.format(Locale.ROOT, "SELECT %1$s, xxhash64(user),"
        + " array(alpha_dropout(%1$s, 0.3, 1, user), alpha_dropout(%1$s, 0.3, 2, user))%2$s"
        + " FROM t", column, more)).collectAsList();
    assertThat(rows).hasSize(TestData.ROWS + 3);
    for (Row row : rows) {
      List<Object> pair = row.getList(2);
      assertBits(reference(1).expected(row.get(0), 1, row.getLong(1)), pair.get(0), "seed 1");
      assertBits(reference(2).expected(row.get(0), 1, row.getLong(1)), pair.get(1), "seed 2");
    }
    return rows;
  }

  @Test
  public void twoCallsInOneRowKeepTheirOwnResults() {
    for (Row row : twoCallsInOneRow("f", ", alpha_dropout(f, 0.3, 1, user)")) {
      assertBits(reference(1).expected(row.get(0), 1, row.getLong(1)), row.get(3),
          "seed 1 again");
    }
  }

  @Test
  public void twoVectorCallsInOneRowKeepTheirOwnResults() {
    twoCallsInOneRow("v", "");
  }

  @Test
  public void aggregatesKeepEveryRowsResult() {
    table();
    List<Row> groups = spark().sql("SELECT first(xxhash64(user)) AS s,"
        + " collect_list(struct(f, " + CALL + " AS y)) AS rows, max(" + CALL + ") AS top,"
        + " min(" + CALL + ") AS bottom FROM t WHERE f IS NOT NULL GROUP BY user")
        .collectAsList();
    assertThat(groups).hasSize(19); // 17 users and two special rows
    List<Row> values = new ArrayList<>();
    for (Row group : groups) {
      for (Row row : group.<Row>getList(1)) {
        assertBits(SEED_7.expected(row.get(0), 1, group.getLong(0)), row.get(1), "listed");
        values.add(RowFactory.create(group.getLong(0), row.get(1)));
      }
    }
    // Spark's own max and min over the same values, materialized.
    StructType schema = new StructType().add("s", DataTypes.LongType)
        .add("y", DataTypes.createArrayType(DataTypes.FloatType));
    spark().createDataFrame(values, schema).createOrReplaceTempView("kept");
    List<Row> expected = spark().sql("SELECT s, max(y), min(y) FROM kept GROUP BY s")
        .collectAsList();
    assertThat(groups.stream().map(g -> Arrays.asList(g.get(0), g.get(2), g.get(3)).toString())
        .sorted().collect(Collectors.toList()))
        .isEqualTo(expected.stream().map(e -> Arrays.asList(e.get(0), e.get(1), e.get(2))
            .toString()).sorted().collect(Collectors.toList()));
  }

  @Test
  public void aSortComparesTwoRowsResults() {
    table();
    // The call is evaluated inside the sort, for both rows of every comparison. (Keyed by id: in
    // ORDER BY, a name not selected, such as user, may resolve to SQL's current user.)
    String call = "alpha_dropout(f, 0.3, 7, id)";
    List<Long> sorted = spark().sql("SELECT id FROM t WHERE f IS NOT NULL ORDER BY " + call
        + ", id").collectAsList().stream().map(r -> r.getLong(0)).collect(Collectors.toList());
    List<Row> materialized = spark().sql("SELECT id, " + call + " AS y FROM t WHERE f IS NOT NULL")
        .collectAsList();
    StructType schema = new StructType().add("id", DataTypes.LongType)
        .add("y", DataTypes.createArrayType(DataTypes.FloatType));
    List<Long> expected = spark().createDataFrame(materialized, schema).orderBy("y", "id")
        .collectAsList().stream().map(r -> r.getLong(0)).collect(Collectors.toList());
    assertThat(sorted).hasSize(TestData.ROWS + 2).isEqualTo(expected);
  }

  @Test
  public void aLambdasResultsForOneRowStaySideBySide() {
    table();
    List<Row> rows = spark().sql("SELECT f, reverse(f), xxhash64(user),"
        + " transform(array(f, reverse(f)), x -> alpha_dropout(x, 0.3, 7, user)) FROM t"
        + " WHERE f IS NOT NULL").collectAsList();
    for (Row row : rows) {
      List<Object> results = row.getList(3);
      assertBits(SEED_7.expected(row.get(0), 1, row.getLong(2)), results.get(0), "f");
      assertBits(SEED_7.expected(row.get(1), 1, row.getLong(2)), results.get(1), "reverse(f)");
    }
  }

  @Test
  public void aWindowSeesThePreviousRowsResult() {
    table();
    List<Row> rows = spark().sql("SELECT f, s, prev_f, prev_y FROM (SELECT f, xxhash64(user) AS s,"
        + " lag(f) OVER (PARTITION BY user ORDER BY id) AS prev_f, lag(y) OVER (PARTITION BY user"
        + " ORDER BY id) AS prev_y FROM (SELECT id, user, f, " + CALL + " AS y FROM t))"
        + " WHERE prev_f IS NOT NULL").collectAsList();
    assertThat(rows).hasSizeGreaterThan(30);
    for (Row row : rows) {
      assertBits(SEED_7.expected(row.get(2), 1, row.getLong(1)), row.get(3), "previous row");
    }
  }

  @Test
  public void aCachedResultIsTheRowsOwn() {
    table();
    Dataset<Row> cached = spark().sql("SELECT f, xxhash64(user) AS s, " + CALL + " AS y FROM t")
        .cache();
    try {
      cached.count(); // fills the cache
      List<Row> rows = cached.collectAsList();
      assertThat(rows).hasSize(TestData.ROWS + 3);
      for (Row row : rows) {
        assertBits(SEED_7.expected(row.get(0), 1, row.getLong(1)), row.get(2), "cached");
      }
    } finally {
      cached.unpersist(true);
    }
  }
}
