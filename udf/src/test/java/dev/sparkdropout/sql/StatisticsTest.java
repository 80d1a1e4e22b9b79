package dev.sparkdropout.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.Test;

/**
 * docs/SPEC.md §1 and §8 through SQL: on N(0,1) data alpha dropout keeps mean 0 and variance 1,
 * dropout at 0.5 doubles the variance (the Wolfram example's 0.995 and 2.01), Gaussian dropout
 * keeps the mean and multiplies the second moment by 1 + rate / (1 - rate), and Gaussian noise
 * adds stddev^2 to the variance. Tolerances are about five standard errors over 200,000 values.
 */
public class StatisticsTest extends SparkTestBase {

  private void standardNormalTable() {
    Random random = new Random(42);
    List<Row> rows = new ArrayList<>();
    for (int id = 0; id < 400; id++) {
      List<Double> values = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        values.add(random.nextGaussian());
      }
      rows.add(RowFactory.create((long) id, values));
    }
    StructType schema = new StructType().add("id", DataTypes.LongType)
        .add("x", DataTypes.createArrayType(DataTypes.DoubleType));
    spark().createDataFrame(rows, schema).createOrReplaceTempView("normal");
  }

  private Row moments(String call) {
    return spark().sql("SELECT avg(y), var_samp(y) FROM (SELECT explode(" + call
        + ") AS y FROM normal)").first();
  }

  @Test
  public void alphaDropoutKeepsMeanZeroAndVarianceOne() {
    standardNormalTable();
    for (String rate : new String[] {"0.1", "0.5", "0.8"}) {
      Row m = moments("alpha_dropout(x, " + rate + ", 3, id)");
      assertThat(m.getDouble(0)).as("mean at %s", rate).isCloseTo(0.0, offset(0.02));
      assertThat(m.getDouble(1)).as("variance at %s", rate).isCloseTo(1.0, offset(0.03));
    }
  }

  @Test
  public void dropoutAtHalfDoublesTheVariance() {
    standardNormalTable();
    Row m = moments("dropout(x, 0.5, 3)");
    assertThat(m.getDouble(0)).isCloseTo(0.0, offset(0.02));
    assertThat(m.getDouble(1)).isCloseTo(2.0, offset(0.04));
  }

  @Test
  public void gaussianDropoutKeepsTheMeanAndScalesTheSecondMoment() {
    standardNormalTable();
    for (double rate : new double[] {0.2, 0.5}) {
      Row m = spark().sql("SELECT avg(y), avg(y * y) / avg(x * x) FROM (SELECT explode(arrays_zip("
          + "x, gaussian_dropout(x, " + rate + ", 5, id))) AS p FROM normal) "
          + "LATERAL VIEW inline(array(p)) AS x, y").first();
      assertThat(m.getDouble(0)).as("mean at %s", rate).isCloseTo(0.0, offset(0.02));
      assertThat(m.getDouble(1)).as("second moment at %s", rate)
          .isCloseTo(1 + rate / (1 - rate), offset(0.06));
    }
  }

  @Test
  public void gaussianNoiseAddsTheSquareOfItsStddevToTheVariance() {
    standardNormalTable();
    for (double stddev : new double[] {0.1, 0.5, 2.0}) {
      Row m = spark().sql("SELECT avg(y) - avg(x), var_samp(y) - var_samp(x) FROM (SELECT "
          + "explode(arrays_zip(x, gaussian_noise(x, " + stddev + ", 5))) AS p FROM normal) "
          + "LATERAL VIEW inline(array(p)) AS x, y").first();
      assertThat(m.getDouble(0)).as("mean at %s", stddev).isCloseTo(0.0, offset(0.015 * stddev));
      assertThat(m.getDouble(1)).as("variance at %s", stddev)
          .isCloseTo(stddev * stddev, offset(0.02 * stddev + 0.004 * stddev * stddev));
    }
  }
}
