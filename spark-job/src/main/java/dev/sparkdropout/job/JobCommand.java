package dev.sparkdropout.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The command line of docs/SPEC.md §7. Values are kept as text here and checked in
 * {@link JobSettings}, so every mistake gets the same kind of one-line message.
 */
@Command(name = "spark-dropout", sortOptions = false, mixinStandardHelpOptions = true,
    versionProvider = JobVersion.class,
    description = "Applies Keras dropout, alpha dropout, Gaussian dropout, Gaussian noise or "
        + "spatial dropout to array and vector columns of a dataset and writes the result as "
        + "parquet, in local mode or on any Spark cluster.")
final class JobCommand {

  @Option(names = "--input", paramLabel = "PATH", description = "Dataset to read.")
  String input;

  @Option(names = "--output", paramLabel = "PATH",
      description = "Where to write the result (parquet); must not exist unless --overwrite.")
  String output;

  @Option(names = "--column", split = ",", paramLabel = "NAME",
      description = "Array or vector columns to augment, comma-separated.")
  List<String> columns;

  @Option(names = "--method", paramLabel = "METHOD",
      description = "The Keras layer: dropout (default), alpha_dropout, gaussian_dropout, "
          + "gaussian_noise (takes --stddev, not --rate) or spatial_dropout (one decision per "
          + "channel, the last axis, for rows of rank 2 or more).")
  String method;

  @Option(names = "--rate", paramLabel = "R",
      description = "Drop probability: 0 <= R <= 1 for dropout and spatial_dropout (1 drops "
          + "everything), 0 <= R < 1 for alpha_dropout and gaussian_dropout.")
  String rate;

  @Option(names = "--stddev", paramLabel = "S",
      description = "The noise's standard deviation for gaussian_noise, a finite S >= 0; "
          + "required with it, as in Keras's GaussianNoise.")
  String stddev;

  @Option(names = "--seed", paramLabel = "S",
      description = "64-bit seed; drawn, printed and recorded when absent.")
  String seed;

  @Option(names = "--key", paramLabel = "COL[,COL...]",
      description = "Key columns, hashed together: masks then follow the key, not the "
          + "partitioning (key mode). A key must identify the row: rows with equal keys, NULL "
          + "keys included, get equal masks.")
  String key;

  @Option(names = "--noise-shape", paramLabel = "N1,N2,...",
      description = "Keras noise_shape per row: 1 shared, -1 independent, n a fixed size "
          + "(not with spatial_dropout, which sets its own).")
  String noiseShape;

  @Option(names = "--copies", paramLabel = "N",
      description = "Write N differently augmented copies of every row, with an int column copy; "
          + "N at most " + Values.MAX_COPIES + " (all copies of a row are computed at once): for "
          + "more, run again with another --seed.")
  String copies;

  @Option(names = "--mask", description = "Also write <column>_mask with the binary masks "
      + "(not with gaussian_dropout or gaussian_noise, which keep every element).")
  boolean mask;

  @Option(names = "--training", paramLabel = "true|false",
      description = "false writes the input unchanged (and all-ones masks).")
  String training;

  @Option(names = "--input-format", paramLabel = "parquet|orc|json",
      description = "Format of the input (default parquet).")
  String inputFormat;

  @Option(names = "--overwrite", description = "Replace an existing output.")
  boolean overwrite;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master; default local[*] unless spark-submit sets one.")
  String master;

  @Option(names = "--config", paramLabel = "FILE",
      description = "JSON settings, with per-column settings; flags override the file.")
  String config;

  @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting.",
      parameterConsumer = SparkSetting.class)
  Map<String, String> conf = new LinkedHashMap<>();

  @Option(names = "--example",
      description = "Make a small sample dataset and run the job on it locally.")
  boolean example;

  @Option(names = "--verbose", description = "Show stack traces and Spark's own messages.")
  boolean verbose;

  /**
   * Reads one {@code --conf KEY=VALUE} itself: picocli's own message for a map option without
   * '=' reads "Value for option option '--conf' ...".
   */
  static final class SparkSetting implements IParameterConsumer {
    @Override
    public void consumeParameters(Stack<String> args, ArgSpec option, CommandSpec command) {
      String text = args.isEmpty() ? "" : args.pop();
      try {
        Map.Entry<String, String> setting = Values.sparkSetting(text, "--conf");
        option.<Map<String, String>>getValue().put(setting.getKey(), setting.getValue());
      } catch (UserError e) {
        throw new ParameterException(command.commandLine(), e.getMessage());
      }
    }
  }

  /** The parser, public to tests as in Trino's CLI: options are declared, not hand-parsed. */
  static CommandLine parser(JobCommand command) {
    return new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true);
  }
}
