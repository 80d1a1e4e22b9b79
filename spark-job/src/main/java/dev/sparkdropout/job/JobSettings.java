package dev.sparkdropout.job;

import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.core.NoiseShape;
import dev.sparkdropout.spark.ColumnDropout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Everything one run needs, checked: the flags merged over the {@code --config} file. A flag
 * overrides the same setting everywhere in the file, including inside each column's entry; a
 * column's own setting overrides the file's top-level one.
 */
final class JobSettings {

  /** The methods' parameters, by the names of their flags and settings: rate and stddev. */
  static final List<String> PARAMETERS = Arrays.stream(DropoutMethod.values())
      .map(DropoutMethod::parameterName).distinct().toList();

  final String input;
  final String output;
  final String inputFormat;
  final Long seed;
  /** Key columns, hashed together (docs/SPEC.md §3); empty in partition mode. */
  final List<String> keys;
  /** The number of copies, or {@code null} when --copies is not given (no copy column). */
  final Integer copies;
  final boolean mask;
  final boolean training;
  final boolean overwrite;
  final String master;
  final Map<String, String> conf;
  final List<ColumnDropout> columns;

  JobSettings(String input, String output, String inputFormat, Long seed, List<String> keys,
      Integer copies, boolean mask, boolean training, boolean overwrite, String master,
      Map<String, String> conf, List<ColumnDropout> columns) {
    this.input = input;
    this.output = output;
    this.inputFormat = inputFormat;
    this.seed = seed;
    this.keys = keys;
    this.copies = copies;
    this.mask = mask;
    this.training = training;
    this.overwrite = overwrite;
    this.master = master;
    this.conf = conf;
    this.columns = columns;
  }

  /** The same settings with the seed the run uses. */
  JobSettings withSeed(long value) {
    return new JobSettings(input, output, inputFormat, value, keys, copies, mask, training,
        overwrite, master, conf, columns);
  }

  static JobSettings resolve(JobCommand command) {
    ConfigFile file = command.config == null ? ConfigFile.NONE : ConfigFile.read(command.config);
    Merge merge = new Merge(file);
    String input = merge.text(command.input, "input");
    String output = merge.text(command.output, "output");
    if (input == null) {
      throw UserError.of("--input is required: the dataset to read");
    }
    if (output == null) {
      throw UserError.of("--output is required: where to write the result");
    }
    String inputFormat = merge.value(command.inputFormat, "input-format", Values::inputFormat);
    Long seed = merge.value(command.seed, "seed", Values::seed);
    List<String> keys = keys(command, file);
    Integer copies = merge.value(command.copies, "copies", Values::copies);
    boolean mask = command.mask || Boolean.TRUE.equals(merge.value(null, "mask", Values::bool));
    boolean training = !Boolean.FALSE.equals(merge.value(command.training, "training",
        Values::bool));
    boolean overwrite = command.overwrite
        || Boolean.TRUE.equals(merge.value(null, "overwrite", Values::bool));
    Map<String, String> conf = new LinkedHashMap<>(file.conf());
    conf.putAll(command.conf);
    List<ColumnDropout> columns = columns(command, file, merge);
    if (mask) {
      checkMasks(columns, command.mask ? "--mask" : "mask in " + file.path());
    }
    return new JobSettings(input, output, inputFormat == null ? "parquet" : inputFormat, seed,
        keys, copies, mask, training, overwrite, merge.text(command.master, "master"), conf,
        columns);
  }

  /** The key columns from --key (split at commas) or the file, checked. */
  private static List<String> keys(JobCommand command, ConfigFile file) {
    if (command.key != null) {
      return keys(Arrays.asList(command.key.split(",", -1)), "--key", ": '" + command.key + "'");
    }
    return file.key() == null ? List.of() : keys(file.key(), "key in " + file.path(), "");
  }

  private static List<String> keys(List<String> given, String where, String shown) {
    List<String> keys = new ArrayList<>();
    for (String part : given) {
      String name = part.trim();
      if (name.isEmpty()) {
        throw UserError.of("%s has an empty column name%s", where, shown);
      }
      if (keys.contains(name)) {
        throw UserError.of("%s names `%s` twice", where, name);
      }
      keys.add(name);
    }
    return List.copyOf(keys);
  }

  private static List<ColumnDropout> columns(JobCommand command, ConfigFile file, Merge merge) {
    List<Map<String, String>> entries = entries(command, file);
    List<DropoutMethod> methods = new ArrayList<>();
    for (Map<String, String> entry : entries) {
      DropoutMethod method = merge.column(command.method, entry, "method", Values::method);
      methods.add(method == null ? DropoutMethod.DROPOUT : method);
    }
    // A flag or top-level setting serves every column that takes it; one that none takes is
    // surely a slip, such as --stddev without --method gaussian_noise. A --method flag, though,
    // overrides the file's methods, and so the file's rates and stddevs may no longer apply.
    boolean fileMethods = command.method == null;
    for (String parameter : PARAMETERS) {
      String flag = parameter(command, parameter);
      Given given = merge.find(flag, Map.of(), parameter);
      if (given != null && (flag != null || fileMethods)
          && methods.stream().noneMatch(m -> m.parameterName().equals(parameter))) {
        throw notTaken(given, methods.get(0));
      }
    }
    List<ColumnDropout> columns = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Map<String, String> entry = entries.get(i);
      DropoutMethod method = methods.get(i);
      String name = entry.get("name");
      for (String parameter : PARAMETERS) {
        Given own = merge.own(entry, parameter);
        if (own != null && fileMethods && !method.parameterName().equals(parameter)) {
          throw notTaken(own, method);
        }
      }
      String parameter = method.parameterName();
      Double amount = merge.column(parameter(command, parameter), entry, parameter,
          (text, where) -> Values.parameter(method, text, where));
      if (amount == null) {
        throw UserError.of("--%s is required (or a %s in --config): %s for column `%s`",
            parameter, parameter, parameter.equals("rate") ? "the drop probability"
                : "the standard deviation of " + method.sqlName(), name);
      }
      Given shape = merge.find(command.noiseShape, entry, "noise-shape");
      if (shape != null && method == DropoutMethod.SPATIAL_DROPOUT) {
        throw UserError.of("%s does not apply to %s, which makes one decision per channel "
            + "(column `%s`, got %s); for another noise shape use dropout", shape.where,
            method.sqlName(), name, shape.text.trim());
      }
      columns.add(ColumnDropout.of(name, method, amount)
          .withNoiseShape(shape == null ? null : Values.noiseShape(shape.text, shape.where)));
    }
    return columns;
  }

  /** The column entries of --column, or else of the file, each named once. */
  private static List<Map<String, String>> entries(JobCommand command, ConfigFile file) {
    List<Map<String, String>> entries = new ArrayList<>();
    String where = "--column";
    if (command.columns != null) {
      for (String name : command.columns) {
        if (name.isBlank()) {
          throw UserError.of("--column has an empty name");
        }
        entries.add(Map.of("name", name.trim()));
      }
    } else {
      entries.addAll(file.columns());
      where = "columns in " + file.path();
    }
    if (entries.isEmpty()) {
      throw UserError.of("--column is required: the array or vector columns to augment");
    }
    Set<String> names = new HashSet<>();
    for (Map<String, String> entry : entries) {
      if (!names.add(entry.get("name"))) {
        throw UserError.of("%s names `%s` twice", where, entry.get("name"));
      }
    }
    return entries;
  }

  /** The flag of a method's parameter: --rate or --stddev. */
  private static String parameter(JobCommand command, String name) {
    return name.equals("stddev") ? command.stddev : command.rate;
  }

  private static UserError notTaken(Given given, DropoutMethod method) {
    return UserError.of("%s does not apply to %s, which takes a %s (got %s)", given.where,
        method.sqlName(), method.parameterName(), given.text.trim());
  }

  /** Only methods with a mask may write one: Gaussian noise keeps every element. */
  private static void checkMasks(List<ColumnDropout> columns, String where) {
    for (ColumnDropout column : columns) {
      if (!column.method().hasMask()) {
        throw UserError.of("%s does not apply to %s, which has no mask (column `%s`)", where,
            column.method().sqlName(), column.column());
      }
    }
  }

  /** A setting's text as given, and where: the flag, a column's entry or the file. */
  private record Given(String text, String where) {}

  /** Looks a setting up in the flags, then the file, naming where a bad value came from. */
  private static final class Merge {
    private final ConfigFile file;

    Merge(ConfigFile file) {
      this.file = file;
    }

    String text(String flag, String name) {
      return flag != null ? flag : file.get(name);
    }

    <T> T value(String flag, String name, Parser<T> parser) {
      return column(flag, Map.of(), name, parser);
    }

    <T> T column(String flag, Map<String, String> entry, String name, Parser<T> parser) {
      Given given = find(flag, entry, name);
      return given == null ? null : parser.parse(given.text, given.where);
    }

    /** The flag, else the column's own setting, else the file's; {@code null} if none. */
    Given find(String flag, Map<String, String> entry, String name) {
      if (flag != null) {
        return new Given(flag, "--" + name);
      }
      Given own = own(entry, name);
      if (own != null) {
        return own;
      }
      String value = file.get(name);
      return value == null ? null : new Given(value, name + " in " + file.path());
    }

    /** The column entry's own setting, or {@code null}. */
    Given own(Map<String, String> entry, String name) {
      String value = entry.get(name);
      return value == null ? null : new Given(value, String.format(Locale.ROOT,
          "%s of column `%s` in %s", name, entry.get("name"), file.path()));
    }
  }

  @FunctionalInterface
  interface Parser<T> {
    T parse(String text, String where);
  }
}
