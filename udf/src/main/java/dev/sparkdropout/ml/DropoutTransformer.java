package dev.sparkdropout.ml;

import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.core.NoiseShape;
import dev.sparkdropout.sql.DropoutColumns;
import dev.sparkdropout.sql.FunctionRegistration;
import dev.sparkdropout.spark.Seeds;
import dev.sparkdropout.spark.ColumnChecks;
import dev.sparkdropout.spark.TensorType;
import dev.sparkdropout.spark.line.MlParams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dropout, alpha dropout, Gaussian dropout, Gaussian noise or spatial dropout of array and vector
 * columns as a Spark ML stage, for augmenting features inside a Pipeline. It builds the same
 * expressions as the SQL functions, so its output equals {@code dropout(...)},
 * {@code gaussian_noise(...)} and so on with the same arguments and the column's own seed:
 * {@code seed ^ xxhash64('features')} for input column {@code features} (docs/SPEC.md §3).
 * Spatial dropout is dropout with the noise shape {@code (1, ..., 1, -1)} of the column's rank
 * (channels last), so it has masks too; the Gaussian methods have none.
 *
 * <pre>{@code
 * new DropoutTransformer().setInputCol("features").setRate(0.3).setSeed(42).setKeyCol("id");
 * new DropoutTransformer().setInputCol("features").setRate(0.3).setSeed(42)
 *     .setKeyCols(new String[] {"user_id", "event_time"});
 * new DropoutTransformer().setInputCols(new String[] {"a", "b"}).setMethod("alpha_dropout")
 *     .setRate(0.1).setMaskCols(new String[] {"a_mask", "b_mask"});
 * new DropoutTransformer().setInputCol("features").setMethod("gaussian_noise").setStddev(0.05);
 * }</pre>
 *
 * Output columns default to the input columns (replaced in place, same type). With
 * {@code training = false} the inputs pass through unchanged and masks are all ones.
 *
 * <p>A key must identify the row: rows with equal keys, NULL keys included, get equal masks.
 * {@code keyCols} hashes several columns together, as {@code xxhash64(k1, ..., kn)}.
 */
public class DropoutTransformer extends Transformer implements DefaultParamsWritable {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(DropoutTransformer.class);

  private final String uid;

  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final StringArrayParam inputCols;
  private final StringArrayParam outputCols;
  private final DoubleParam rate;
  private final DoubleParam stddev;
  private final Param<String> method;
  private final LongParam seed;
  private final Param<String> keyCol;
  private final StringArrayParam keyCols;
  private final IntArrayParam noiseShape;
  private final Param<String> maskCol;
  private final StringArrayParam maskCols;
  private final BooleanParam training;

  public DropoutTransformer() {
    this(Identifiable$.MODULE$.randomUID("dropout"));
  }

  public DropoutTransformer(String uid) {
    this.uid = uid;
    inputCol = MlParams.string(this, "inputCol", "column to apply dropout to (single-column form)");
    outputCol = MlParams.string(this, "outputCol",
        "column for the result; default: inputCol, replaced in place");
    inputCols = new StringArrayParam(this, "inputCols",
        "columns to apply dropout to (multi-column form)");
    outputCols = new StringArrayParam(this, "outputCols",
        "columns for the results, one per input; default: inputCols, replaced in place");
    // No validators on method, rate and stddev: the ranges depend on the method, so
    // transformSchema checks the three together, in the stage's one message style.
    rate = new DoubleParam(this, "rate", "probability that an element is dropped: in [0, 1] "
        + "for dropout and spatial_dropout (1 drops all), [0, 1) for alpha_dropout and "
        + "gaussian_dropout; unused by gaussian_noise; default 0.5");
    setDefault(rate, 0.5);
    stddev = new DoubleParam(this, "stddev", "standard deviation of gaussian_noise's additive "
        + "noise, a finite number >= 0; unused by the other methods; default 0.1");
    setDefault(stddev, 0.1);
    method = MlParams.string(this, "method", "one of " + DropoutMethod.names()
        + "; default dropout");
    setDefault(method, "dropout");
    seed = new LongParam(this, "seed", "seed of the stage; column c uses seed XOR xxhash64(c), "
        + "for its values and its mask; unset: one seed drawn for each transform");
    keyCol = MlParams.string(this, "keyCol", "key column: masks depend only on (seed, key "
        + "value, position), whatever the partitioning, so the key must identify the row: rows "
        + "with equal keys, NULL included, get equal masks; unset: partition mode");
    keyCols = new StringArrayParam(this, "keyCols", "key columns (instead of keyCol), hashed "
        + "together as xxhash64(k1, ..., kn): together they must identify the row, as rows "
        + "with equal keys get equal masks; unset: partition mode");
    noiseShape = new IntArrayParam(this, "noiseShape", "Keras noise_shape, one entry per axis "
        + "of a row: 1 shared, -1 independent, n > 1 a fixed size; unset: all independent");
    maskCol = MlParams.string(this, "maskCol", "column for the binary mask (single-column form)");
    maskCols = new StringArrayParam(this, "maskCols",
        "columns for the binary masks, one per input (multi-column form)");
    training = new BooleanParam(this, "training",
        "true applies dropout; false returns the input unchanged and all-ones masks; "
        + "default true");
    setDefault(training, true);
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> inputCol() {
    return inputCol;
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  public StringArrayParam inputCols() {
    return inputCols;
  }

  public StringArrayParam outputCols() {
    return outputCols;
  }

  public DoubleParam rate() {
    return rate;
  }

  public DoubleParam stddev() {
    return stddev;
  }

  public Param<String> method() {
    return method;
  }

  public LongParam seed() {
    return seed;
  }

  public Param<String> keyCol() {
    return keyCol;
  }

  public StringArrayParam keyCols() {
    return keyCols;
  }

  public IntArrayParam noiseShape() {
    return noiseShape;
  }

  public Param<String> maskCol() {
    return maskCol;
  }

  public StringArrayParam maskCols() {
    return maskCols;
  }

  public BooleanParam training() {
    return training;
  }

  public DropoutTransformer setInputCol(String value) {
    return (DropoutTransformer) set(inputCol, value);
  }

  public DropoutTransformer setOutputCol(String value) {
    return (DropoutTransformer) set(outputCol, value);
  }

  public DropoutTransformer setInputCols(String[] value) {
    return (DropoutTransformer) set(inputCols, value);
  }

  public DropoutTransformer setOutputCols(String[] value) {
    return (DropoutTransformer) set(outputCols, value);
  }

  public DropoutTransformer setRate(double value) {
    return (DropoutTransformer) set(rate, value);
  }

  public DropoutTransformer setStddev(double value) {
    return (DropoutTransformer) set(stddev, value);
  }

  public DropoutTransformer setMethod(String value) {
    return (DropoutTransformer) set(method, value);
  }

  public DropoutTransformer setSeed(long value) {
    return (DropoutTransformer) set(seed, value);
  }

  public DropoutTransformer setKeyCol(String value) {
    return (DropoutTransformer) set(keyCol, value);
  }

  public DropoutTransformer setKeyCols(String[] value) {
    return (DropoutTransformer) set(keyCols, value);
  }

  public DropoutTransformer setNoiseShape(int[] value) {
    return (DropoutTransformer) set(noiseShape, value);
  }

  public DropoutTransformer setMaskCol(String value) {
    return (DropoutTransformer) set(maskCol, value);
  }

  public DropoutTransformer setMaskCols(String[] value) {
    return (DropoutTransformer) set(maskCols, value);
  }

  public DropoutTransformer setTraining(boolean value) {
    return (DropoutTransformer) set(training, value);
  }

  public double getRate() {
    return (Double) $(rate);
  }

  public double getStddev() {
    return (Double) $(stddev);
  }

  public String getMethod() {
    return $(method);
  }

  public boolean getTraining() {
    return (Boolean) $(training);
  }

  public String[] getKeyCols() {
    return $(keyCols);
  }

  /** The columns this stage reads, writes and masks, from either form, checked. */
  private Plan plan(StructType schema) {
    boolean single = isSet(inputCol);
    boolean multi = isSet(inputCols);
    if (single == multi) {
      throw error(single ? "set inputCol or inputCols, not both"
          : "set inputCol (one column) or inputCols (several)");
    }
    if (single && (isSet(outputCols) || isSet(maskCols))
        || multi && (isSet(outputCol) || isSet(maskCol))) {
      throw error("use inputCol with outputCol and maskCol, or inputCols with outputCols and "
          + "maskCols, not a mix");
    }
    String[] inputs = single ? new String[] {$(inputCol)} : $(inputCols);
    String[] outputs = single
        ? new String[] {isSet(outputCol) ? $(outputCol) : $(inputCol)}
        : isSet(outputCols) ? $(outputCols) : inputs;
    String[] masks = single
        ? (isSet(maskCol) ? new String[] {$(maskCol)} : null)
        : isSet(maskCols) ? $(maskCols) : null;
    checkLengths("outputCols", inputs, outputs);
    if (masks != null) {
      checkLengths("maskCols", inputs, masks);
    }
    if (inputs.length == 0) {
      throw error("inputCols is empty");
    }
    DropoutMethod chosen = methodValue();
    double amount = amountValue(chosen);
    if (masks != null && !chosen.hasMask()) {
      throw error("%s is set, but %s has no mask; masks are for dropout, alpha_dropout and "
          + "spatial_dropout", single ? "maskCol" : "maskCols", chosen.sqlName());
    }
    if (chosen == DropoutMethod.SPATIAL_DROPOUT && isSet(noiseShape)) {
      throw error("noiseShape is set, but spatial_dropout makes its own, one decision per "
          + "channel; for another noise shape use dropout");
    }
    ColumnChecks checks = ColumnChecks.of(schema, message -> error("%s", message));
    List<TensorType> tensors = new ArrayList<>();
    for (String input : inputs) {
      tensors.add(checks.tensor("input column `" + input + "`", input));
    }
    NoiseShape given = isSet(noiseShape) ? noiseShapeValue() : null;
    NoiseShape[] shapes = new NoiseShape[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      if (given != null) {
        checks.noiseShapeFits("noiseShape " + given, given.rank(), "column `" + inputs[i] + "`",
            tensors.get(i));
      }
      shapes[i] = chosen == DropoutMethod.SPATIAL_DROPOUT
          ? spatialShape(inputs[i], tensors.get(i)) : given;
    }
    String[] keys = keysOf(checks);
    Set<String> written = new HashSet<>();
    for (int i = 0; i < inputs.length; i++) {
      if (!written.add(outputs[i])) {
        throw error("output column `%s` is written twice", outputs[i]);
      }
      if (!outputs[i].equals(inputs[i])) {
        checks.absent("output column `" + outputs[i] + "`", outputs[i]);
      }
    }
    if (masks != null) {
      for (String mask : masks) {
        checks.absent("mask column `" + mask + "`", mask);
        if (!written.add(mask)) {
          throw error("mask column `%s` already exists", mask);
        }
      }
    }
    // Spatial dropout is dropout with its noise shape, which also gives it a mask.
    DropoutMethod applied = chosen == DropoutMethod.SPATIAL_DROPOUT ? DropoutMethod.DROPOUT
        : chosen;
    return new Plan(inputs, outputs, masks, tensors, keys, applied, amount, shapes);
  }

  private DropoutMethod methodValue() {
    try {
      return DropoutMethod.fromName($(method));
    } catch (IllegalArgumentException e) {
      throw error("method '%s' is not one of %s", $(method), DropoutMethod.names());
    }
  }

  /** The number the method uses, in its range: gaussian_noise's stddev, or the rate. */
  private double amountValue(DropoutMethod chosen) {
    double value = (Double) $(chosen == DropoutMethod.GAUSSIAN_NOISE ? stddev : rate);
    try {
      return chosen.check(value);
    } catch (IllegalArgumentException e) {
      throw error("method %s: %s", chosen.sqlName(), e.getMessage());
    }
  }

  /** Spatial dropout's noise shape for the column's rank, channels last as in Keras. */
  private NoiseShape spatialShape(String input, TensorType tensor) {
    try {
      return NoiseShape.spatial(tensor.rank(), false);
    } catch (IllegalArgumentException e) {
      throw error("input column `%s` of type %s: %s", input, tensor.dataType().simpleString(),
          e.getMessage());
    }
  }

  /** The key columns from either form, each existing; empty in partition mode. */
  private String[] keysOf(ColumnChecks checks) {
    if (isSet(keyCol) && isSet(keyCols)) {
      throw error("set keyCol or keyCols, not both");
    }
    String param = isSet(keyCol) ? "keyCol" : "keyCols";
    String[] keys = isSet(keyCol) ? new String[] {$(keyCol)}
        : isSet(keyCols) ? $(keyCols) : new String[0];
    if (isSet(keyCols) && keys.length == 0) {
      throw error("keyCols is empty; leave it unset for partition mode");
    }
    for (String key : keys) {
      checks.existing(param + " `" + key + "`", key);
    }
    return keys;
  }

  private void checkLengths(String param, String[] inputs, String[] others) {
    if (others.length != inputs.length) {
      throw error("Params (inputCols, %s) should have equal lengths, but they have different "
          + "lengths: (%d, %d).", param, inputs.length, others.length);
    }
  }

  private NoiseShape noiseShapeValue() {
    int[] entries = $(noiseShape);
    Integer[] boxed = new Integer[entries.length];
    for (int i = 0; i < entries.length; i++) {
      boxed[i] = entries[i];
    }
    try {
      return NoiseShape.of(boxed);
    } catch (IllegalArgumentException e) {
      throw error("%s", e.getMessage());
    }
  }

  private IllegalArgumentException error(String format, Object... args) {
    return new IllegalArgumentException(
        "DropoutTransformer " + uid + ": " + String.format(Locale.ROOT, format, args));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    Plan plan = plan(schema);
    List<StructField> fields = new ArrayList<>(Arrays.asList(schema.fields()));
    for (int i = 0; i < plan.inputs.length; i++) {
      if (!plan.outputs[i].equals(plan.inputs[i])) {
        fields.add(new StructField(plan.outputs[i], plan.tensors.get(i).dataType(), true,
            Metadata.empty()));
      }
    }
    if (plan.masks != null) {
      for (int i = 0; i < plan.inputs.length; i++) {
        fields.add(new StructField(plan.masks[i], plan.tensors.get(i).maskType(), true,
            Metadata.empty()));
      }
    }
    return new StructType(fields.toArray(new StructField[0]));
  }

  /**
   * One seed for the whole stage, drawn here when {@code seed} is unset; each column uses its
   * own seed derived from it, shared by its values and its mask (docs/SPEC.md §3).
   */
  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    Plan plan = plan(dataset.schema());
    FunctionRegistration.ensureRegistered(dataset.sparkSession());
    boolean train = getTraining();
    long stageSeed = isSet(seed) ? (Long) $(seed) : Seeds.draw();
    if (!isSet(seed)) {
      LOG.info("DropoutTransformer {}: seed {} drawn; setSeed({}L) replays it", uid, stageSeed,
          stageSeed);
    }
    Map<String, Column> columns = new LinkedHashMap<>();
    for (int i = 0; i < plan.inputs.length; i++) {
      Column input = dataset.col(plan.inputs[i]);
      columns.put(plan.outputs[i],
          train ? call(dataset, plan, i, plan.amount, stageSeed).build() : input);
    }
    if (plan.masks != null) {
      for (int i = 0; i < plan.inputs.length; i++) {
        // Out of training nothing is dropped: the mask of rate 0 is all ones (NULLs stay NULL).
        columns.put(plan.masks[i],
            call(dataset, plan, i, train ? plan.amount : 0.0, stageSeed).mask());
      }
    }
    return dataset.toDF().withColumns(columns);
  }

  /** The Column API call for input {@code i}, under the column's own seed. */
  private static DropoutColumns.Builder call(Dataset<?> dataset, Plan plan, int i, double amount,
      long stageSeed) {
    DropoutColumns.Builder builder = DropoutColumns.dropout(dataset.col(plan.inputs[i]))
        .method(plan.method)
        .rate(amount)
        .seed(Seeds.column(stageSeed, plan.inputs[i]));
    if (plan.keys.length > 0) {
      builder.key(Arrays.stream(plan.keys).map(functions::col).toArray(Column[]::new));
    }
    if (plan.shapes[i] != null) {
      builder.noiseShape(plan.shapes[i]);
    }
    return builder;
  }

  @Override
  public DropoutTransformer copy(ParamMap extra) {
    return (DropoutTransformer) defaultCopy(extra);
  }

  public static MLReader<DropoutTransformer> read() {
    return new DefaultParamsReader<>();
  }

  public static DropoutTransformer load(String path) {
    return read().load(path);
  }

  /**
   * One stage's columns, resolved from either form, and what is applied to them: the method as
   * the Column API takes it (spatial dropout as dropout), its rate or stddev, and each input's
   * noise shape or {@code null}.
   */
  private static final class Plan {
    private final String[] inputs;
    private final String[] outputs;
    private final String[] masks;
    private final List<TensorType> tensors;
    private final String[] keys;
    private final DropoutMethod method;
    private final double amount;
    private final NoiseShape[] shapes;

    Plan(String[] inputs, String[] outputs, String[] masks, List<TensorType> tensors,
        String[] keys, DropoutMethod method, double amount, NoiseShape[] shapes) {
      this.inputs = inputs;
      this.outputs = outputs;
      this.masks = masks;
      this.tensors = tensors;
      this.keys = keys;
      this.method = method;
      this.amount = amount;
      this.shapes = shapes;
    }
  }
}
