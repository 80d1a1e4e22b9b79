package dev.sparkdropout.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkdropout.sql.SparkTestBase;
import dev.sparkdropout.sql.TestData;
import java.io.File;
import java.nio.file.Files;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.Test;

/**
 * The ML stage's methods of docs/SPEC.md §8: the stddev Param, spatial dropout's masks, rate 1,
 * training off, persistence and the errors transformSchema raises before any data is read.
 * {@code NoiseSurfacesAgreeTest} compares its values with the SQL functions on every input type.
 */
public class NoiseMethodsStageTest extends SparkTestBase {

  private static final StructType SCHEMA = TestData.SCHEMA;

  private Dataset<Row> data() {
    Dataset<Row> data = TestData.table(spark(), 2);
    data.createOrReplaceTempView("noise_stage");
    return data;
  }

  @Test
  public void stddevDefaultsToOneTenthAndIsSavedAndLoadedWithThePipeline() throws Exception {
    assertThat(new DropoutTransformer().getStddev()).isEqualTo(0.1);
    DropoutTransformer stage = new DropoutTransformer().setInputCol("d").setOutputCol("d_out")
        .setMethod("gaussian_noise").setStddev(2.5).setSeed(13).setKeyCol("id");
    Dataset<Row> data = data();
    PipelineModel model = new Pipeline().setStages(new PipelineStage[] {stage}).fit(data);
    String path = new File(Files.createTempDirectory("noise-pipeline").toFile(), "model")
        .getPath();
    model.write().overwrite().save(path);
    PipelineModel loaded = PipelineModel.load(path);

    DropoutTransformer reloaded = (DropoutTransformer) loaded.stages()[0];
    assertThat(reloaded.getStddev()).isEqualTo(2.5);
    assertThat(reloaded.getMethod()).isEqualTo("gaussian_noise");
    List<Row> expected = spark().sql("SELECT id, gaussian_noise(d, 2.5, 13 ^ xxhash64('d'), id) "
        + "AS d_out FROM noise_stage ORDER BY id").collectAsList();
    assertSameRows(loaded.transform(data).select("id", "d_out").orderBy("id").collectAsList(),
        expected);
  }

  @Test
  public void gaussianNoiseWithoutAStddevUsesTheDefault() {
    Dataset<Row> data = data();
    List<Row> expected = spark().sql("SELECT id, gaussian_noise(f, 0.1, 5 ^ xxhash64('f'), id) "
        + "AS f FROM noise_stage ORDER BY id").collectAsList();
    assertSameRows(new DropoutTransformer().setInputCol("f").setMethod("gaussian_noise")
        .setSeed(5).setKeyCol("id").transform(data).select("id", "f").orderBy("id")
        .collectAsList(), expected);
  }

  /** Rate 1 drops every element (SPEC §2): +0.0 and mask 0, NULL elements staying NULL. */
  @Test
  public void rateOneDropsEveryElementOfDropoutAndSpatialDropout() {
    Dataset<Row> data = data();
    for (String method : List.of("dropout", "spatial_dropout")) {
      List<Row> rows = new DropoutTransformer().setInputCol("seq").setMaskCol("seq_mask")
          .setMethod(method).setRate(1.0).setSeed(3).transform(data)
          .selectExpr("flatten(seq) AS values", "flatten(seq_mask) AS mask")
          .where("size(values) > 0").collectAsList();
      assertThat(rows).as(method).isNotEmpty();
      for (Row row : rows) {
        List<Float> values = row.getList(0);
        List<Byte> mask = row.getList(1);
        for (int i = 0; i < values.size(); i++) {
          if (values.get(i) != null) {
            assertThat(Float.floatToRawIntBits(values.get(i))).as(method).isZero();
            assertThat(mask.get(i)).as(method).isEqualTo((byte) 0);
          }
        }
      }
    }
  }

  @Test
  public void trainingFalseReturnsTheInputUnchangedForEveryMethod() {
    Dataset<Row> data = data();
    List<Row> input = data.orderBy("id").collectAsList();
    for (String method : List.of("gaussian_dropout", "gaussian_noise", "spatial_dropout")) {
      String[] columns = method.equals("spatial_dropout")
          ? new String[] {"seq", "cube"} : new String[] {"f", "d", "seq", "cube", "v"};
      DropoutTransformer stage = new DropoutTransformer().setInputCols(columns).setMethod(method)
          .setRate(0.5).setStddev(3.0).setSeed(1).setTraining(false);
      Dataset<Row> out = stage.transform(data);
      assertSameRows(out.select("id", "user", "f", "d", "seq", "cube", "v").orderBy("id")
          .collectAsList(), input);
    }
    long notAllOnes = new DropoutTransformer().setInputCol("cube").setMaskCol("cube_mask")
        .setMethod("spatial_dropout").setRate(0.9).setSeed(1).setTraining(false).transform(data)
        .where("exists(flatten(flatten(cube_mask)), m -> m <> 1)").count();
    assertThat(notAllOnes).isZero();
  }

  @Test
  public void transformSchemaGivesSpatialDropoutMasksOfTheInputsShape() {
    StructType out = new DropoutTransformer().setInputCols(new String[] {"seq", "cube"})
        .setMaskCols(new String[] {"sm", "cm"}).setMethod("spatial_dropout").setRate(1.0)
        .transformSchema(SCHEMA);
    assertThat(out.apply("sm").dataType().simpleString()).isEqualTo("array<array<tinyint>>");
    assertThat(out.apply("cm").dataType().simpleString())
        .isEqualTo("array<array<array<tinyint>>>");
    assertThat(out.apply("cube").dataType()).isEqualTo(SCHEMA.apply("cube").dataType());
  }

  @Test
  public void transformSchemaNamesTheBadParamAndItsValue() {
    assertThatThrownBy(() -> stage().setMethod("gaussian").transformSchema(SCHEMA))
        .hasMessage("DropoutTransformer t: method 'gaussian' is not one of dropout, "
            + "alpha_dropout, gaussian_dropout, gaussian_noise, spatial_dropout");
    assertThatThrownBy(() -> stage().setMethod("alpha_dropout").setRate(1.0)
        .transformSchema(SCHEMA))
        .hasMessage("DropoutTransformer t: method alpha_dropout: rate must be a number in "
            + "[0, 1), got 1.0");
    assertThatThrownBy(() -> stage().setMethod("gaussian_dropout").setRate(1.0)
        .transformSchema(SCHEMA))
        .hasMessage("DropoutTransformer t: method gaussian_dropout: rate must be a number in "
            + "[0, 1), got 1.0");
    assertThatThrownBy(() -> stage().setRate(1.5).transformSchema(SCHEMA))
        .hasMessage("DropoutTransformer t: method dropout: rate must be a number in [0, 1], "
            + "got 1.5");
    assertThatThrownBy(() -> stage().setInputCol("seq").setMethod("spatial_dropout")
        .setRate(Double.NaN).transformSchema(SCHEMA))
        .hasMessage("DropoutTransformer t: method spatial_dropout: rate must be a number in "
            + "[0, 1], got NaN");
    for (double stddev : new double[] {-1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> stage().setMethod("gaussian_noise").setStddev(stddev)
          .transformSchema(SCHEMA))
          .hasMessage("DropoutTransformer t: method gaussian_noise: stddev must be a finite "
              + "number >= 0, got " + stddev);
    }
    assertThatThrownBy(() -> stage().setMethod("gaussian_noise").setMaskCol("m")
        .transformSchema(SCHEMA))
        .hasMessage("DropoutTransformer t: maskCol is set, but gaussian_noise has no mask; "
            + "masks are for dropout, alpha_dropout and spatial_dropout");
    assertThatThrownBy(() -> new DropoutTransformer("t").setInputCols(new String[] {"f", "d"})
        .setMaskCols(new String[] {"fm", "dm"}).setMethod("gaussian_dropout")
        .transformSchema(SCHEMA))
        .hasMessage("DropoutTransformer t: maskCols is set, but gaussian_dropout has no mask; "
            + "masks are for dropout, alpha_dropout and spatial_dropout");
    assertThatThrownBy(() -> new DropoutTransformer("t").setInputCol("seq")
        .setMethod("spatial_dropout").setNoiseShape(new int[] {1, -1}).transformSchema(SCHEMA))
        .hasMessage("DropoutTransformer t: noiseShape is set, but spatial_dropout makes its "
            + "own, one decision per channel; for another noise shape use dropout");
    assertThatThrownBy(() -> stage().setMethod("spatial_dropout").transformSchema(SCHEMA))
        .hasMessage("DropoutTransformer t: input column `f` of type array<float>: "
            + "spatial_dropout needs rows of rank 2 or more (one decision per channel), got "
            + "rank 1; use dropout for flat rows");
    assertThatThrownBy(() -> new DropoutTransformer("t").setInputCols(new String[] {"seq", "v"})
        .setMethod("spatial_dropout").transformSchema(SCHEMA))
        .hasMessage("DropoutTransformer t: input column `v` of type vector: spatial_dropout "
            + "needs rows of rank 2 or more (one decision per channel), got rank 1; use dropout "
            + "for flat rows");
  }

  @Test
  public void transformChecksTheParamsAsTransformSchemaDoes() {
    assertThatThrownBy(() -> stage().setMethod("gaussian_noise").setStddev(-2.0)
        .transform(data()))
        .hasMessage("DropoutTransformer t: method gaussian_noise: stddev must be a finite "
            + "number >= 0, got -2.0");
  }

  private static DropoutTransformer stage() {
    return new DropoutTransformer("t").setInputCol("f");
  }
}
