package dev.sparkdropout.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkdropout.sql.SparkTestBase;
import dev.sparkdropout.sql.TestData;
import java.io.File;
import java.nio.file.Files;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.Test;

/** The ML stage as a Pipeline user meets it: Params by name, persistence, inference, errors. */
public class DropoutTransformerTest extends SparkTestBase {

  private Dataset<Row> data() {
    Dataset<Row> data = TestData.table(spark(), 3);
    data.createOrReplaceTempView("ml");
    return data;
  }

  @Test
  public void paramsSetByNameInASavedAndLoadedPipelineEqualSql() throws Exception {
    DropoutTransformer stage = new DropoutTransformer();
    stage.set(stage.getParam("inputCol"), "f");
    stage.set(stage.getParam("outputCol"), "f_out");
    stage.set(stage.getParam("method"), "alpha_dropout");
    stage.set(stage.getParam("rate"), 0.25);
    stage.set(stage.getParam("seed"), 2024L);
    stage.set(stage.getParam("keyCol"), "user");
    stage.set(stage.getParam("maskCol"), "f_mask");
    Dataset<Row> data = data();
    PipelineModel model = new Pipeline().setStages(new PipelineStage[] {stage}).fit(data);
    File dir = Files.createTempDirectory("dropout-pipeline").toFile();
    String path = new File(dir, "model").getPath();
    model.write().overwrite().save(path);
    PipelineModel loaded = PipelineModel.load(path);

    String seed = "2024 ^ xxhash64('f')";
    List<Row> expected = spark().sql("SELECT id, alpha_dropout(f, 0.25, " + seed + ", user) AS "
        + "f_out, dropout_mask(f, 0.25, " + seed + ", user) AS f_mask FROM ml ORDER BY id")
        .collectAsList();
    assertSameRows(loaded.transform(data).select("id", "f_out", "f_mask").orderBy("id")
        .collectAsList(), expected);
    assertSameRows(model.transform(data).select("id", "f_out", "f_mask").orderBy("id")
        .collectAsList(), expected);
    DropoutTransformer reloaded = (DropoutTransformer) loaded.stages()[0];
    assertThat(reloaded.uid()).isEqualTo(stage.uid());
    assertThat(reloaded.getRate()).isEqualTo(0.25);
  }

  @Test
  public void trainingFalseReturnsTheInputUnchangedAndAllOnesMasks() {
    Dataset<Row> data = data();
    DropoutTransformer stage = new DropoutTransformer().setInputCols(new String[] {"f", "cube", "v"})
        .setMaskCols(new String[] {"f_mask", "cube_mask", "v_mask"}).setRate(0.9).setSeed(1)
        .setTraining(false);
    Dataset<Row> out = stage.transform(data);
    assertSameRows(out.select("id", "user", "f", "d", "seq", "cube", "v").orderBy("id")
        .collectAsList(), data.orderBy("id").collectAsList());
    long notAllOnes = out.selectExpr("f_mask", "v_mask", "flatten(flatten(cube_mask)) AS c")
        .where("exists(f_mask, m -> m <> 1) OR exists(v_mask, m -> m <> 1) "
            + "OR exists(c, m -> m <> 1)").count();
    assertThat(notAllOnes).isZero();
    assertThat(new DropoutTransformer().setInputCol("f").setTraining(false).transform(data)
        .queryExecution().optimizedPlan().toString())
        .isEqualTo(data.queryExecution().optimizedPlan().toString());
  }

  @Test
  public void defaultsMatchTheSqlFunctions() {
    DropoutTransformer stage = new DropoutTransformer();
    assertThat(stage.getMethod()).isEqualTo("dropout");
    assertThat(stage.getTraining()).isTrue();
    assertThat(stage.isSet(stage.seed())).isFalse();
    Dataset<Row> data = data();
    List<Row> expected = spark().sql("SELECT id, dropout(d, 0.5, 8 ^ xxhash64('d'), id) AS d "
        + "FROM ml ORDER BY id").collectAsList();
    assertSameRows(new DropoutTransformer("my-uid").setInputCol("d").setSeed(8).setKeyCol("id")
        .transform(data).select("id", "d").orderBy("id").collectAsList(), expected);
  }

  @Test
  public void transformSchemaDescribesTheOutput() {
    StructType out = new DropoutTransformer().setInputCols(new String[] {"f", "seq"})
        .setOutputCols(new String[] {"f2", "seq"}).setMaskCols(new String[] {"fm", "sm"})
        .transformSchema(TestData.SCHEMA);
    assertThat(out.fieldNames())
        .containsExactly("id", "user", "f", "d", "seq", "cube", "v", "f2", "fm", "sm");
    assertThat(out.apply("f2").dataType()).isEqualTo(TestData.SCHEMA.apply("f").dataType());
    assertThat(out.apply("sm").dataType().simpleString()).isEqualTo("array<array<tinyint>>");
  }

  @Test
  public void transformSchemaRejectsBadSettingsWithClearMessages() {
    StructType schema = TestData.SCHEMA;
    assertThatThrownBy(() -> new DropoutTransformer("t").transformSchema(schema))
        .hasMessage("DropoutTransformer t: set inputCol (one column) or inputCols (several)");
    assertThatThrownBy(() -> new DropoutTransformer("t").setInputCol("f")
        .setInputCols(new String[] {"d"}).transformSchema(schema))
        .hasMessage("DropoutTransformer t: set inputCol or inputCols, not both");
    assertThatThrownBy(() -> new DropoutTransformer("t").setInputCols(new String[] {"f", "d"})
        .setOutputCols(new String[] {"x"}).transformSchema(schema))
        .hasMessage("DropoutTransformer t: Params (inputCols, outputCols) should have equal "
            + "lengths, but they have different lengths: (2, 1).");
    assertThatThrownBy(() -> new DropoutTransformer("t").setInputCol("user").transformSchema(schema))
        .hasMessageStartingWith("DropoutTransformer t: input column `user` has type string; expected");
    assertThatThrownBy(() -> new DropoutTransformer("t").setInputCol("nope").transformSchema(schema))
        .hasMessageStartingWith("DropoutTransformer t: input column `nope` does not exist");
    assertThatThrownBy(() -> new DropoutTransformer("t").setInputCol("seq")
        .setNoiseShape(new int[] {1}).transformSchema(schema))
        .hasMessage("DropoutTransformer t: noiseShape (1) has 1 entries, but column `seq` of "
            + "type array<array<float>> has rank 2");
    assertThatThrownBy(() -> new DropoutTransformer("t").setInputCol("f").setOutputCol("d")
        .transformSchema(schema))
        .hasMessage("DropoutTransformer t: output column `d` already exists");
    assertThatThrownBy(() -> new DropoutTransformer("t").setInputCol("f").setMaskCol("v")
        .transformSchema(schema))
        .hasMessage("DropoutTransformer t: mask column `v` already exists");
    assertThatThrownBy(() -> new DropoutTransformer("t").setInputCol("f").setKeyCol("k")
        .transformSchema(schema))
        .hasMessageStartingWith("DropoutTransformer t: keyCol `k` does not exist");
    assertThatThrownBy(() -> new DropoutTransformer("t").setInputCol("f").setKeyCol("user")
        .setKeyCols(new String[] {"user", "id"}).transformSchema(schema))
        .hasMessage("DropoutTransformer t: set keyCol or keyCols, not both");
    assertThatThrownBy(() -> new DropoutTransformer("t").setInputCol("f")
        .setKeyCols(new String[] {"user", "k"}).transformSchema(schema))
        .hasMessage("DropoutTransformer t: keyCols `k` does not exist; the columns are id, user, "
            + "f, d, seq, cube, v");
    assertThatThrownBy(() -> new DropoutTransformer("t").setInputCol("f")
        .setKeyCols(new String[0]).transformSchema(schema))
        .hasMessage("DropoutTransformer t: keyCols is empty; leave it unset for partition mode");
  }

  /**
   * ML on Spark Connect (Spark 4) makes only the stages a jar registers for ServiceLoader, by
   * class name and uid: ours must be listed and have the uid constructor.
   */
  @Test
  public void theStageIsRegisteredForMlOnSparkConnect() throws Exception {
    List<Class<?>> registered = ServiceLoader.load(Transformer.class).stream()
        .map(ServiceLoader.Provider::type).collect(Collectors.toList());
    assertThat(registered).contains(DropoutTransformer.class);
    assertThat(DropoutTransformer.class.getConstructor(String.class).newInstance("dropout_x").uid())
        .isEqualTo("dropout_x");
  }
}
