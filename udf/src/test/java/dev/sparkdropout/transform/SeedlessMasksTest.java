package dev.sparkdropout.transform;

import static dev.sparkdropout.sql.MaskAgreement.assertIndependentMasks;
import static dev.sparkdropout.sql.MaskAgreement.assertMaskDescribesValues;
import static org.apache.spark.sql.functions.col;

import dev.sparkdropout.spark.ColumnDropout;
import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.ml.DropoutTransformer;
import dev.sparkdropout.sql.DropoutColumns;
import dev.sparkdropout.sql.SparkTestBase;
import dev.sparkdropout.sql.SpecReference.Output;
import dev.sparkdropout.sql.TestData;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.Test;

/**
 * A mask describes the values beside it on every surface that makes both, also when no seed is
 * given (docs/SPEC.md §2: one seed per call, stage or pass); and the columns a stage or pass
 * augments together get masks of their own (docs/SPEC.md §3, column seeds).
 */
public class SeedlessMasksTest extends SparkTestBase {

  /** Every input type, and g: f's values plus one, as long as f in every row. */
  private static final String[] COLUMNS = {"f", "d", "seq", "cube", "v", "g"};

  private Dataset<Row> data() {
    return TestData.table(spark(), 3).selectExpr("*", "transform(f, x -> x + 1F) AS g");
  }

  private static String[] suffixed(String suffix) {
    String[] names = new String[COLUMNS.length];
    for (int i = 0; i < names.length; i++) {
      names[i] = COLUMNS[i] + suffix;
    }
    return names;
  }

  /** For each column: its input, values and mask side by side, checked. */
  private static void assertMasksDescribeValues(Dataset<Row> result, Output method, double rate,
      String input, String values, String mask) {
    for (String column : COLUMNS) {
      List<Row> rows = result.select(String.format(input, column), String.format(values, column),
          String.format(mask, column)).collectAsList();
      assertMaskDescribesValues(rows, 0, 1, 2, method, rate);
    }
  }

  /** With column seeds, f's and g's masks are independent. */
  private static void assertColumnsHaveTheirOwnMasks(Dataset<Row> result) {
    assertIndependentMasks(result.select("f_mask", "g_mask").collectAsList(), 0, 1);
  }

  @Test
  public void theColumnApiBuilderDrawsOneSeedForValuesAndMask() {
    Dataset<Row> data = data();
    List<Column> columns = new ArrayList<>();
    for (String column : COLUMNS) {
      DropoutColumns.Builder call = DropoutColumns.dropout(col(column)).rate(0.5)
          .method(DropoutMethod.ALPHA_DROPOUT);
      columns.add(col(column).as(column + "_in"));
      columns.add(call.build().as(column + "_out"));
      columns.add(call.mask().as(column + "_mask"));
    }
    assertMasksDescribeValues(data.select(columns.toArray(new Column[0])), Output.ALPHA_DROPOUT,
        0.5, "%s_in", "%s_out", "%s_mask");
  }

  @Test
  public void theMlStageDrawsOneSeedAndGivesEachColumnItsOwn() {
    Dataset<Row> result = new DropoutTransformer().setInputCols(COLUMNS)
        .setOutputCols(suffixed("_out")).setMaskCols(suffixed("_mask")).setRate(0.5)
        .transform(data());
    assertMasksDescribeValues(result, Output.DROPOUT, 0.5, "%s", "%s_out", "%s_mask");
    assertColumnsHaveTheirOwnMasks(result);
  }

  @Test
  public void theTransformGivesEachColumnItsOwnSeed() {
    Dataset<Row> data = data();
    List<ColumnDropout> columns = new ArrayList<>();
    List<String> selected = new ArrayList<>();
    for (String column : COLUMNS) {
      columns.add(ColumnDropout.of(column, DropoutMethod.ALPHA_DROPOUT, 0.5)
          .withMask(column + "_mask"));
      selected.add(column + " AS " + column + "_in");
    }
    selected.add("*");
    Dataset<Row> result = DropoutPartitions.apply(data.selectExpr(selected.toArray(new String[0])),
        5L, columns);
    assertMasksDescribeValues(result, Output.ALPHA_DROPOUT, 0.5, "%s_in", "%s", "%s_mask");
    assertColumnsHaveTheirOwnMasks(result);
  }
}
