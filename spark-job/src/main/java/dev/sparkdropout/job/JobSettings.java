package dev.sparkdropout.job;

import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.core.NoiseShape;
import dev.sparkdropout.spark.ColumnDropout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one run needs, checked: the flags merged over the {@code --config} file. A flag
 * overrides the same setting everywhere in the file, including inside each column's entry; a
 * column's own setting overrides the file's top-level one.
 */
final class JobSettings {

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
    Map<String, String> conf = new LinkedHashMap<>(file.conf());
    conf.putAll(command.conf);
    return new JobSettings(input, output, inputFormat == null ? "parquet" : inputFormat,
        merge.value(command.seed, "seed", Values::seed),
        keys(command, file),
        merge.value(command.copies, "copies", Values::copies),
        command.mask || Boolean.TRUE.equals(merge.value(null, "mask", Values::bool)),
        !Boolean.FALSE.equals(merge.value(command.training, "training", Values::bool)),
        command.overwrite || Boolean.TRUE.equals(merge.value(null, "overwrite", Values::bool)),
        merge.text(command.master, "master"),
        conf,
        columns(command, file, merge));
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
    List<ColumnDropout> columns = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Map<String, String> entry : entries) {
      String name = entry.get("name");
      if (!names.add(name)) {
        throw UserError.of("%s names `%s` twice", where, name);
      }
      Double rate = merge.column(command.rate, entry, "rate", Values::rate);
      if (rate == null) {
        throw UserError.of("--rate is required (or a rate in --config): the drop probability "
            + "for column `%s`", name);
      }
      DropoutMethod method = merge.column(command.method, entry, "method", Values::method);
      NoiseShape shape = merge.column(command.noiseShape, entry, "noise-shape", Values::noiseShape);
      columns.add(ColumnDropout.of(name, method == null ? DropoutMethod.DROPOUT : method, rate)
          .withNoiseShape(shape));
    }
    return columns;
  }

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
      if (flag != null) {
        return parser.parse(flag, "--" + name);
      }
      String value = file.get(name);
      return value == null ? null : parser.parse(value, name + " in " + file.path());
    }

    <T> T column(String flag, Map<String, String> entry, String name, Parser<T> parser) {
      if (flag != null) {
        return parser.parse(flag, "--" + name);
      }
      String own = entry.get(name);
      if (own != null) {
        return parser.parse(own, String.format(java.util.Locale.ROOT, "%s of column `%s` in %s",
            name, entry.get("name"), file.path()));
      }
      return value(null, name, parser);
    }
  }

  @FunctionalInterface
  interface Parser<T> {
    T parse(String text, String where);
  }
}
