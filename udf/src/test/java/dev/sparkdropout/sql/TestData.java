package dev.sparkdropout.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A table with every supported input type and the awkward values: NULL rows, NULL elements and
 * inner arrays, NaN, infinities, -0.0, empty arrays, dense and sparse vectors. Nested columns are
 * rectangular per row (sizes differ between rows), so every noise shape applies.
 */
public final class TestData {

  public static final StructType SCHEMA = new StructType()
      .add("id", DataTypes.LongType)
      .add("user", DataTypes.StringType)
      .add("f", DataTypes.createArrayType(DataTypes.FloatType))
      .add("d", DataTypes.createArrayType(DataTypes.DoubleType))
      .add("seq", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType)))
      .add("cube", DataTypes.createArrayType(
          DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.DoubleType))))
      .add("v", SQLDataTypes.VectorType());

  public static final int ROWS = 60;

  private TestData() {}

  public static Dataset<Row> table(SparkSession spark, int partitions) {
    return spark.createDataFrame(rows(), SCHEMA).repartition(partitions, new org.apache.spark.sql.Column("id"))
        .sortWithinPartitions("id");
  }

  static List<Row> rows() {
    Random random = new Random(5);
    List<Row> rows = new ArrayList<>();
    for (int id = 0; id < ROWS; id++) {
      int steps = 1 + id % 4;
      int features = 2 + id % 5;
      rows.add(RowFactory.create((long) id, "user-" + (id % 17), floats(random, 3 + id % 9 * 9),
          doubles(random, 1 + id % 6 * 7), seq(random, steps, features), cube(random, id),
          vector(random, id)));
    }
    rows.add(RowFactory.create(1000L, "nulls", null, null, null, null, null));
    rows.add(RowFactory.create(1001L, "special",
        special(Float.NaN, null, -0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.MIN_VALUE, Float.MAX_VALUE, 1.0f),
        Arrays.asList(Double.NaN, -0.0, null, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, 1.0),
        Arrays.asList(Arrays.asList(1.0f, null, 3.0f), null, Arrays.asList(Float.NaN, -0.0f, 6f)),
        Arrays.asList(Arrays.asList(Arrays.asList(1.0, null, 2.0, 3.0), null,
            Arrays.asList(-0.0, Double.NaN, Double.POSITIVE_INFINITY, 4.0))),
        Vectors.sparse(6, new int[] {1, 4}, new double[] {Double.NaN, -0.0})));
    rows.add(RowFactory.create(1002L, "empty", List.of(), List.of(), List.of(),
        List.of(), Vectors.dense(new double[0])));
    return rows;
  }

  /** The values twice and once more, so they pass through whole vectors and a tail alike. */
  private static List<Float> special(Float... values) {
    List<Float> row = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      row.addAll(Arrays.asList(values));
    }
    return row;
  }

  private static List<Float> floats(Random random, int n) {
    List<Float> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      values.add((float) random.nextGaussian());
    }
    return values;
  }

  private static List<Double> doubles(Random random, int n) {
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      values.add(random.nextGaussian() * 10);
    }
    return values;
  }

  private static List<List<Float>> seq(Random random, int steps, int features) {
    List<List<Float>> rows = new ArrayList<>();
    for (int t = 0; t < steps; t++) {
      rows.add(floats(random, features));
    }
    return rows;
  }

  /** 2 x 3 x 4 except every fifth row, which is 1 x 3 x 4: noise_shape (-1, 3, 1) fits both. */
  private static List<List<List<Double>>> cube(Random random, int id) {
    List<List<List<Double>>> cube = new ArrayList<>();
    for (int i = 0; i < (id % 5 == 0 ? 1 : 2); i++) {
      List<List<Double>> plane = new ArrayList<>();
      for (int j = 0; j < 3; j++) {
        plane.add(doubles(random, 4));
      }
      cube.add(plane);
    }
    return cube;
  }

  private static org.apache.spark.ml.linalg.Vector vector(Random random, int id) {
    double[] values = new double[7];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextDouble() < 0.4 ? 0.0 : random.nextGaussian();
    }
    org.apache.spark.ml.linalg.Vector dense = Vectors.dense(values);
    return id % 2 == 0 ? dense : dense.toSparse();
  }
}
