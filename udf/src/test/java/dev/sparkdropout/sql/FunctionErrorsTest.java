package dev.sparkdropout.sql;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkdropout.sql.kernel.RowTooLargeException;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.Test;

/**
 * Bad arguments fail when the query is analysed, before any data is read, with one line naming
 * the function, the argument and the value; rows that do not fit a noise shape fail the job
 * with the column, the axis and both sizes, and rows too large for one Spark array with the
 * column, the row's size and the limit.
 */
public class FunctionErrorsTest extends SparkTestBase {

  private void assertAnalysisError(String select, String message) {
    TestData.table(spark(), 2).createOrReplaceTempView("t");
    // spark.sql analyses eagerly and no action runs here, so nothing has been read.
    assertThatThrownBy(() -> spark().sql("SELECT " + select + " FROM t"))
        .isInstanceOf(AnalysisException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  public void rateOutsideTheMethodsRange() {
    assertAnalysisError("dropout(f, 1.5)", "dropout: argument rate must be a number in [0, 1], got 1.5");
    assertAnalysisError("spatial_dropout(seq, 1.01)",
        "spatial_dropout: argument rate must be a number in [0, 1], got 1.01");
    assertAnalysisError("alpha_dropout(d, -0.1)",
        "alpha_dropout: argument rate must be a number in [0, 1), got -0.1");
    assertAnalysisError("alpha_dropout(d, 1)",
        "alpha_dropout: argument rate must be a number in [0, 1), got 1.0");
    assertAnalysisError("gaussian_dropout(d, 1.0)",
        "gaussian_dropout: argument rate must be a number in [0, 1), got 1.0");
    assertAnalysisError("dropout_mask(v, CAST('NaN' AS DOUBLE))",
        "dropout_mask: argument rate must be a number in [0, 1], got NaN");
  }

  @Test
  public void stddevNegativeNotANumberOrInfinite() {
    assertAnalysisError("gaussian_noise(f, -0.5)",
        "gaussian_noise: argument stddev must be a finite number >= 0, got -0.5");
    assertAnalysisError("gaussian_noise(f, CAST('NaN' AS DOUBLE))",
        "gaussian_noise: argument stddev must be a finite number >= 0, got NaN");
    assertAnalysisError("gaussian_noise(f, CAST('Infinity' AS DOUBLE))",
        "gaussian_noise: argument stddev must be a finite number >= 0, got Infinity");
    assertAnalysisError("gaussian_noise(f, NULL)", "gaussian_noise: argument stddev must not be NULL");
    assertAnalysisError("gaussian_noise(f, rate => 0.1)",
        "gaussian_noise: has no parameter named rate; its parameters are x, stddev, seed, key, "
            + "noise_shape, copy");
  }

  @Test
  public void spatialDropoutNeedsRowsOfRankTwoAndABooleanConstant() {
    String flat = ": spatial_dropout needs rows of rank 2 or more (one decision per channel), "
        + "got rank 1; use dropout for flat rows";
    assertAnalysisError("spatial_dropout(f, 0.3)",
        "spatial_dropout: argument x (f) has type array<float>" + flat);
    assertAnalysisError("spatial_dropout(v, 0.3, 1)",
        "spatial_dropout: argument x (v) has type vector" + flat);
    assertAnalysisError("spatial_dropout(seq, 0.3, channels_first => 'yes')",
        "spatial_dropout: argument channels_first must be true or false, got 'yes' of type string");
    assertAnalysisError("spatial_dropout(seq, 0.3, channels_first => id > 3)",
        "spatial_dropout: argument channels_first must be a constant, got (id > 3)");
    assertAnalysisError("spatial_dropout(seq, 0.3, 1, NULL, 0, NULL)",
        "spatial_dropout: argument channels_first must be true or false, got NULL of type void");
    assertAnalysisError("spatial_dropout(seq, 0.3, noise_shape => array(1, -1))",
        "spatial_dropout: has no parameter named noise_shape; its parameters are x, rate, seed, "
            + "key, copy, channels_first");
    assertAnalysisError("spatial_dropout(seq, 0.3, 1, NULL, 0, true, 2)",
        "spatial_dropout: expects 2 to 6 arguments (x, rate [, seed [, key [, copy "
            + "[, channels_first]]]]), got 7");
  }

  @Test
  public void rateNullNonConstantOrNotANumber() {
    assertAnalysisError("dropout(f, NULL)", "dropout: argument rate must not be NULL");
    assertAnalysisError("dropout(f, CAST(NULL AS DOUBLE))", "dropout: argument rate must not be NULL");
    assertAnalysisError("dropout(f, id / 100.0)", "dropout: argument rate must be a constant, got (id / 100.0)");
    assertAnalysisError("dropout(f, rand(1))", "dropout: argument rate must be a constant, got rand(1)");
    assertAnalysisError("dropout(f, '0.3')", "dropout: argument rate must be a number, got '0.3' of type string");
  }

  @Test
  public void unsupportedInputTypes() {
    String expected = "; expected array<float>, array<double>, nested arrays of those, or a Spark ML vector";
    assertAnalysisError("dropout(array(1, 2), 0.3)",
        "dropout: argument x (array(1, 2)) has type array<int>" + expected);
    assertAnalysisError("alpha_dropout(user, 0.3)",
        "alpha_dropout: argument x (user) has type string" + expected);
    assertAnalysisError("dropout_mask(id, 0.3)", "dropout_mask: argument x (id) has type bigint" + expected);
  }

  @Test
  public void noiseShapeOfTheWrongRankOrWithBadEntries() {
    assertAnalysisError("dropout(seq, 0.3, 1, NULL, array(1, -1, 1))",
        "dropout: argument noise_shape (1, -1, 1) has 3 entries, but x (seq) of type "
            + "array<array<float>> has rank 2");
    assertAnalysisError("dropout(v, 0.3, 1, NULL, array(1, 1))",
        "dropout: argument noise_shape (1, 1) has 2 entries, but x (v) of type vector has rank 1");
    assertAnalysisError("dropout(f, 0.3, 1, NULL, array(0))",
        "dropout: argument noise_shape entry 0 (axis 1) must be 1, -1, NULL or a size above 1");
    assertAnalysisError("dropout(f, 0.3, 1, NULL, array(id))",
        "dropout: argument noise_shape must be a constant integer array such as array(1, -1)");
  }

  @Test
  public void seedKeyCopyAndArity() {
    assertAnalysisError("dropout(f, 0.3, id)",
        "dropout: argument seed must be an integer constant or NULL, got id of type bigint");
    assertAnalysisError("dropout(f, 0.3, 1.5)", "dropout: argument seed must be an integer constant or NULL");
    assertAnalysisError("dropout(f, 0.3, 1, map(1, 2))",
        "dropout: argument key (map(1, 2)) has type map<int,int>, which xxhash64 cannot hash");
    assertAnalysisError("dropout(f, 0.3, 1, id, NULL, 'a')", "dropout: argument copy must be an int");
    assertAnalysisError("dropout(f)", "dropout: expects 2 to 6 arguments");
    assertAnalysisError("dropout(f, 0.3, 1, id, NULL, 0, 7)",
        "dropout: expects 2 to 6 arguments (x, rate [, seed [, key [, noise_shape [, copy]]]]), "
            + "got 7");
  }

  @Test
  public void argumentsGivenByNameThatDoNotFit() {
    assertAnalysisError("dropout(f, rate => 0.3, speed => 1)", "dropout: has no parameter named "
        + "speed; its parameters are x, rate, seed, key, noise_shape, copy");
    assertAnalysisError("dropout(f, rate => 0.3, 42)",
        "dropout: argument 42 is given by position after arguments given by name");
    assertAnalysisError("dropout_mask(f, 0.3, rate => 0.2)",
        "dropout_mask: argument rate is given twice");
    assertAnalysisError("alpha_dropout(f, seed => 1)", "alpha_dropout: argument rate is missing");
    assertAnalysisError("dropout(rate => 0.3)", "dropout: argument x is missing");
    assertAnalysisError("dropout(f, rate => 1.5)",
        "dropout: argument rate must be a number in [0, 1], got 1.5");
  }

  @Test
  public void columnApiFailsTheSameWay() {
    assertThatThrownBy(() -> TestData.table(spark(), 1)
        .select(DropoutColumns.dropout(col("f"), 1.5)))
        .isInstanceOf(AnalysisException.class)
        .hasMessageStartingWith("dropout: argument rate must be a number in [0, 1], got 1.5");
    assertThatThrownBy(() -> TestData.table(spark(), 1)
        .select(DropoutColumns.alphaDropout(col("user"), 0.2)))
        .isInstanceOf(AnalysisException.class)
        .hasMessageStartingWith("alpha_dropout: argument x (user) has type string");
  }

  @Test
  public void rowThatDoesNotFitAFixedNoiseSizeNamesColumnAxisAndSizes() {
    TestData.table(spark(), 2).createOrReplaceTempView("t");
    assertThatThrownBy(() -> spark().sql(
        "SELECT dropout(cube, 0.3, 1, id, array(-1, 3, 5)) FROM t").collect())
        .isInstanceOf(SparkException.class)
        .hasMessageContaining(
            "Column `cube`: noise_shape (-1, 3, 5) expects size 5 on axis 3, but the row has size 4");
  }

  @Test
  public void raggedRowWithANoiseShapeNamesColumnAxisAndSizes() {
    assertThatThrownBy(() -> spark().sql("SELECT dropout(array(array(1F, 2F), array(3F)), 0.3, 1, "
        + "NULL, array(-1, -1)) AS r").collect())
        .isInstanceOf(SparkException.class)
        .hasMessageContaining("Column `array(array(1.0, 2.0), array(3.0))`: a noise_shape needs "
            + "rectangular rows, but axis 2 has sizes 2 and 1 in one row");
  }

  @Test
  public void rowTooLargeForOneSparkArrayNamesColumnSizeAndLimit() {
    StructType schema = new StructType().add("v", SQLDataTypes.VectorType());
    // Repartitioned so that tasks run the kernels, as for a table, not the optimizer.
    spark().createDataFrame(List.of(RowFactory.create(
            Vectors.sparse(Integer.MAX_VALUE, new int[] {3, 70}, new double[] {1.5, -2}))), schema)
        .repartition(1).createOrReplaceTempView("huge");
    // The mask and alpha dropout's dense result have the vector's size; dropout stays sparse.
    assertThat(spark().sql("SELECT dropout(v, 0.3, 1) FROM huge").collectAsList()).hasSize(1);
    assertThatThrownBy(() -> spark().sql("SELECT dropout_mask(v, 0.3, 1) FROM huge").collect())
        .isInstanceOf(SparkException.class)
        .rootCause()
        .isInstanceOf(RowTooLargeException.class)
        .hasMessage("Column `v`: a row of 2147483647 elements of 1 byte needs more than "
            + "2147483632 bytes, the most one Spark array holds");
    assertThatThrownBy(() -> spark().sql("SELECT alpha_dropout(v, 0.3, 1) FROM huge").collect())
        .isInstanceOf(SparkException.class)
        .rootCause()
        .hasMessage("Column `v`: a row of 2147483647 elements of 8 bytes needs more than "
            + "2147483632 bytes, the most one Spark array holds");
  }

  @Test
  public void raggedRowWithoutANoiseShapeIsFine() {
    spark().sql("SELECT dropout(array(array(1F, 2F), array(3F)), 0.3, 1) AS r").collect();
  }
}
