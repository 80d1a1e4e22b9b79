package dev.sparkdropout.sql;

import dev.sparkdropout.sql.kernel.KernelCall;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;

/** What {@code DESCRIBE FUNCTION EXTENDED} shows for each function. */
enum FunctionDocs {
  DROPOUT(
      "Keras dropout: sets each "
          + "element of x to 0.0 with probability rate and multiplies the kept ones by "
          + "1 / (1 - rate).",
      Bullets.RATE_UP_TO_ONE, Bullets.NOISE_SHAPE,
      "\n"
          + "      > SELECT _FUNC_(array(1.0F, 2.0F, 3.0F, 4.0F), 0.5, 42, 'user-7');\n"
          + "       [2.0,0.0,6.0,0.0]\n"
          + "      > SELECT _FUNC_(array(1.0F, 2.0F, 3.0F, 4.0F), 0.5, key => 'user-7', "
          + "seed => 42);\n"
          + "       [2.0,0.0,6.0,0.0]\n"
          + "      > SELECT _FUNC_(array(1.0F, 2.0F, 3.0F, 4.0F), 0.5, 42 ^ xxhash64('features'), "
          + "'user-7');\n"
          + "       [0.0,0.0,6.0,0.0]\n"
          + "      > SELECT _FUNC_(array(array(1.0D, 2.0D), array(3.0D, 4.0D)), 0.5, 42, 'user-7', array(-1, 1));\n"
          + "       [[2.0,4.0],[0.0,0.0]]\n"
          + "      > SELECT _FUNC_(array(1.0F, 2.0F, 3.0F, 4.0F), 0.5, 42, struct('user-7', 3));\n"
          + "       [2.0,0.0,0.0,0.0]\n"),
  ALPHA_DROPOUT(
      "Keras alpha dropout for SELU "
          + "networks: dropped elements take SELU's saturation value, then a * x + b keeps mean 0 "
          + "and variance 1.",
      Bullets.RATE_BELOW_ONE, Bullets.NOISE_SHAPE,
      "\n"
          + "      > SELECT _FUNC_(array(1.0D, 2.0D, 3.0D, 4.0D), 0.5, 42, 'user-7');\n"
          + "       [1.6655988251839635,-0.7791939305180317,3.4384086145158275,-0.7791939305180317]\n"),
  DROPOUT_MASK(
      "The binary mask (1 kept, 0 "
          + "dropped, tinyint) that dropout and alpha_dropout with the same arguments apply to x.",
      Bullets.RATE_UP_TO_ONE, Bullets.NOISE_SHAPE,
      "\n"
          + "      > SELECT _FUNC_(array(1.0F, 2.0F, 3.0F, 4.0F), 0.5, 42, 'user-7');\n"
          + "       [1,0,1,0]\n"
          + "      > SELECT _FUNC_(array(1.0F, 2.0F, 3.0F, 4.0F), 0.5, 42, struct('user-7', 3));\n"
          + "       [1,0,0,0]\n"),
  GAUSSIAN_DROPOUT(
      "Keras Gaussian dropout: multiplies each element of x by 1 + sigma * z, z a "
          + "standard normal variate and sigma = sqrt(rate / (1 - rate)), so the mean stays.",
      Bullets.RATE_BELOW_ONE, Bullets.NOISE_SHAPE,
      "\n"
          + "      > SELECT _FUNC_(array(1.0D, 2.0D, 3.0D, 4.0D), 0.5, 42, 'user-7');\n"
          + "       [2.1195286003626403,3.1469646254894403,2.891140888519967,4.057221171911464]\n"),
  GAUSSIAN_NOISE(
      "Keras Gaussian noise: adds stddev * z to each element of x, z a standard normal "
          + "variate.",
      Bullets.STDDEV, Bullets.NOISE_SHAPE,
      "\n"
          + "      > SELECT _FUNC_(array(1.0D, 2.0D, 3.0D, 4.0D), 0.1, 42, 'user-7');\n"
          + "       [1.111952860036264,2.057348231274472,2.9963713629506654,4.001430529297787]\n"),
  SPATIAL_DROPOUT(
      "Keras spatial dropout: dropout with one decision per channel (the last axis, "
          + "or the first with channels_first => true), shared over the other axes of each row.",
      Bullets.RATE_UP_TO_ONE, Bullets.CHANNELS_FIRST,
      "\n"
          + "      > SELECT _FUNC_(array(array(1.0F, 2.0F), array(3.0F, 4.0F)), 0.5, 42, 'user-7');\n"
          + "       [[2.0,0.0],[6.0,0.0]]\n"
          + "      > SELECT _FUNC_(array(array(1.0F, 2.0F), array(3.0F, 4.0F)), 0.5, 42, 'user-7', "
          + "channels_first => true);\n"
          + "       [[2.0,4.0],[0.0,0.0]]\n");

  /** The bullets of the arguments that differ between functions. */
  private static final class Bullets {
    static final String RATE_BELOW_ONE =
        "      * rate - constant probability that an element is dropped, 0 <= rate < 1.\n"
        + "          Rate 0 returns x unchanged, bit for bit.\n";
    static final String RATE_UP_TO_ONE =
        "      * rate - constant probability that an element is dropped, 0 <= rate <= 1.\n"
        + "          Rate 0 returns x unchanged, bit for bit; rate 1 drops every element.\n";
    static final String STDDEV =
        "      * stddev - constant standard deviation of the noise, finite and >= 0.\n"
        + "          Stddev 0 returns x unchanged, bit for bit.\n";
    static final String NOISE_SHAPE =
        "      * noise_shape - constant int array with one entry per axis of x: 1 shares one\n"
        + "          draw along the axis, -1 or NULL draws per element, n > 1 also requires\n"
        + "          the axis to have size n. The batch axis is never shared.\n";
    static final String CHANNELS_FIRST =
        "      * channels_first - constant boolean, false by default: the channel axis is the\n"
        + "          first of each row's axes instead of the last. Rows must have rank 2 or more.\n";
  }

  private static final String X = "\n"
      + "    Arguments (after those given in order, any may be given by name: rate => 0.3):\n"
      + "      * x - array<float>, array<double>, nested arrays of those (one tensor per row), or\n"
      + "          a Spark ML vector. The result has the same type; NULL rows and elements stay NULL.\n";

  private static final String SEED_AND_KEY = ""
      + "      * seed - constant integer. NULL or absent: one seed is drawn when the query is\n"
      + "          analysed; EXPLAIN shows it, so the run can be replayed. The job, the ML stage and\n"
      + "          the mapPartitions transform give each column c its own seed, seed ^ xxhash64('c'):\n"
      + "          pass that to reproduce their column c here.\n"
      + "      * key - any expression xxhash64 accepts. The noise then depends only on the seed, the\n"
      + "          key's value and the element's position, so a key must identify the row: rows\n"
      + "          with equal keys get equal noise, and so do all rows whose key is NULL. Where no\n"
      + "          one column identifies a row, combine several: struct(user_id, event_time),\n"
      + "          whose stream is xxhash64(user_id, event_time). Absent or a NULL literal:\n"
      + "          partition mode, where the row's stream is its monotonically_increasing_id().\n";

  private static final String COPY = ""
      + "      * copy - int augmentation copy index, 0 by default: copies of a row differ only here.\n";

  /** Spark prints the note's first line after "Note:" and keeps the indentation of the rest. */
  private static final String NOTE = "\n"
      + "    With a key the function is deterministic: the same seed and key value give the same\n"
      + "      noise whatever the partitioning, row order, executors or task retries. Without a key\n"
      + "      it is nondeterministic like rand(seed): the noise repeats only for the same input\n"
      + "      partitioning and row order. A dropped element is exactly 0.0 even where x is NaN or\n"
      + "      infinite (as in JAX/Flax; TensorFlow and PyTorch give NaN there).\n"
      + "  ";

  private final String usage;
  private final String arguments;
  private final String examples;

  FunctionDocs(String usage, String amount, String shape, String examples) {
    this.usage = usage;
    this.arguments = X + amount + SEED_AND_KEY + shape + COPY;
    this.examples = "\n    Examples:" + examples;
  }

  ExpressionInfo info(String name, String signature) {
    return new ExpressionInfo(KernelCall.class.getName(), null, name,
        "_FUNC_(" + signature + ") - " + usage, arguments, examples, NOTE, "misc_funcs", "", "",
        "java_udf");
  }
}
