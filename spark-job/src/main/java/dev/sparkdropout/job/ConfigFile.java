package dev.sparkdropout.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A {@code --config} file: JSON (with {@code //} comments) holding the flags' settings under the
 * flags' names, a {@code columns} list whose entries may set their own {@code method},
 * {@code rate}, {@code stddev} and {@code noise-shape}, and {@code conf} for Spark settings.
 * Values stay the text a flag would carry until {@link JobSettings} checks them, so file and
 * flags share one set of messages; only their JSON shapes (a name that is not a string, say) are
 * checked here.
 */
final class ConfigFile {

  static final ConfigFile NONE = new ConfigFile("", Map.of(), null, List.of(), Map.of());

  private static final Set<String> SETTINGS = Set.of("input", "output", "input-format", "rate",
      "stddev", "method", "seed", "key", "noise-shape", "copies", "mask", "training", "overwrite",
      "master", "columns", "conf");
  private static final Set<String> COLUMN_SETTINGS = Set.of("name", "rate", "stddev",
      "method", "noise-shape");
  /** Settings whose value is a path or URL, where a number or boolean is surely a slip. */
  private static final Set<String> STRINGS = Set.of("input", "output", "master");
  /** A path with a URI scheme ("hdfs:", "s3a:", "file:") or a leading '/': not relative. */
  private static final Pattern QUALIFIED =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*:|/).*", Pattern.DOTALL);

  private final String path;
  private final Map<String, String> settings;
  private final List<String> key;
  private final List<Map<String, String>> columns;
  private final Map<String, String> conf;

  private ConfigFile(String path, Map<String, String> settings, List<String> key,
      List<Map<String, String>> columns, Map<String, String> conf) {
    this.path = path;
    this.settings = settings;
    this.key = key;
    this.columns = columns;
    this.conf = conf;
  }

  static ConfigFile read(String path) {
    Object root;
    try {
      root = ConfigJson.parse(Files.readString(Path.of(path)));
    } catch (NoSuchFileException e) {
      throw UserError.of("--config file does not exist: %s", path);
    } catch (JsonProcessingException e) {
      throw UserError.of("--config %s is not valid JSON: %s (line %d)", path,
          e.getOriginalMessage(), e.getLocation() == null ? 0 : e.getLocation().getLineNr());
    } catch (IOException e) {
      throw UserError.of("--config %s cannot be read: %s", path, e.getMessage());
    }
    if (!(root instanceof Map)) {
      throw UserError.of("--config %s must hold a JSON object", path);
    }
    Map<String, String> settings = new LinkedHashMap<>();
    List<String> key = null;
    List<Map<String, String>> columns = new ArrayList<>();
    Map<String, String> conf = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : object(root).entrySet()) {
      String name = entry.getKey();
      Object value = entry.getValue();
      String where = name + " in " + path;
      if (!SETTINGS.contains(name)) {
        throw UserError.of("--config %s: unknown setting '%s'; the settings are %s", path, name,
            String.join(", ", new TreeSet<>(SETTINGS)));
      }
      if (name.equals("columns")) {
        columns.addAll(columns(path, value));
      } else if (name.equals("conf")) {
        conf.putAll(conf(path, value));
      } else if (name.equals("key")) {
        key = key(value, where);
      } else {
        String text = text(name, value, where);
        if (text != null) {
          settings.put(name, name.equals("input") || name.equals("output")
              ? resolve(path, text, where) : text);
        }
      }
    }
    return new ConfigFile(path, settings, key, columns, conf);
  }

  /**
   * A relative path in the file, taken from the file's folder: the file then runs from any
   * working directory, and its paths read as they would from where it lies.
   */
  private static String resolve(String file, String text, String where) {
    Path folder = Path.of(file).getParent();
    if (folder == null || text.isEmpty() || QUALIFIED.matcher(text).matches()) {
      return text;
    }
    try {
      return folder.resolve(text).normalize().toString();
    } catch (InvalidPathException e) {
      throw UserError.of("%s must be a path, got %s", where, ConfigJson.show(text));
    }
  }

  private static List<Map<String, String>> columns(String path, Object value) {
    if (!(value instanceof List)) {
      throw UserError.of("columns in %s must be a list of column names or objects, got %s",
          path, ConfigJson.show(value));
    }
    if (((List<?>) value).isEmpty()) {
      throw UserError.of("columns in %s must name at least one column, got []", path);
    }
    List<Map<String, String>> columns = new ArrayList<>();
    List<?> items = (List<?>) value;
    for (int i = 0; i < items.size(); i++) {
      String entry = String.format(Locale.ROOT, "columns entry %d in %s", i + 1, path);
      Object item = items.get(i);
      Map<String, String> column = new LinkedHashMap<>();
      if (item instanceof String) {
        column.put("name", name(item, entry));
      } else if (item instanceof Map) {
        Map<String, Object> fields = object(item);
        if (!fields.containsKey("name")) {
          throw UserError.of("%s needs a name", entry);
        }
        String name = name(fields.get("name"), entry);
        column.put("name", name);
        fields.forEach((setting, field) -> {
          if (!COLUMN_SETTINGS.contains(setting)) {
            throw UserError.of("--config %s: unknown column setting '%s'; a column has %s", path,
                setting, String.join(", ", new TreeSet<>(COLUMN_SETTINGS)));
          }
          if (!setting.equals("name")) {
            column.put(setting, text(setting, field,
                String.format(Locale.ROOT, "%s of column `%s` in %s", setting, name,
                    path)));
          }
        });
      } else {
        throw UserError.of("%s must be a column name or an object with a name, got %s", entry,
            ConfigJson.show(item));
      }
      columns.add(column);
    }
    return columns;
  }

  private static String name(Object value, String entry) {
    if (!(value instanceof String) || ((String) value).isBlank()) {
      throw UserError.of("name of %s must be a non-empty string, got %s", entry,
          ConfigJson.show(value));
    }
    return (String) value;
  }

  /** Key columns: one name, names separated by commas as --key takes them, or a list. */
  private static List<String> key(Object value, String where) {
    if (value == null) {
      return null;
    }
    if (value instanceof String) {
      return List.of(((String) value).split(",", -1));
    }
    if (value instanceof List && ((List<?>) value).isEmpty()) {
      throw UserError.of("%s must name at least one column, got []", where);
    }
    if (value instanceof List) {
      List<String> names = new ArrayList<>();
      for (Object item : (List<?>) value) {
        if (!(item instanceof String)) {
          throw UserError.of("%s must be a column name or a list of column names, got %s in "
              + "the list", where, ConfigJson.show(item));
        }
        names.add((String) item);
      }
      return names;
    }
    throw UserError.of("%s must be a column name or a list of column names, got %s", where,
        ConfigJson.show(value));
  }

  private static Map<String, String> conf(String path, Object value) {
    if (!(value instanceof Map)) {
      throw UserError.of("conf in %s must be an object of Spark settings, got %s", path,
          ConfigJson.show(value));
    }
    Map<String, String> conf = new LinkedHashMap<>();
    object(value).forEach((name, setting) -> {
      if (!Values.isSparkSettingName(name)) {
        throw UserError.of("conf in %s must name Spark settings without '=' or blanks, got %s",
            path, ConfigJson.show(name));
      }
      if (setting == null || setting instanceof List || setting instanceof Map) {
        throw UserError.of("conf entry %s in %s must be a string, number or boolean, got %s",
            name, path, ConfigJson.show(setting));
      }
      conf.put(name, setting.toString());
    });
    return conf;
  }

  /**
   * A value as the text a flag would carry, or {@code null} for JSON null (the setting is not
   * given); noise shapes may be lists, which become "1,-1".
   */
  private static String text(String name, Object value, String where) {
    if (value == null || value instanceof String) {
      return (String) value;
    }
    if (value instanceof List && name.equals("noise-shape")) {
      List<String> items = new ArrayList<>();
      for (Object item : (List<?>) value) {
        if (item != null && !(item instanceof ConfigJson.JsonNumber)) {
          throw UserError.of("%s must be a list of integers and nulls, got %s in the list",
              where, ConfigJson.show(item));
        }
        items.add(String.valueOf(item));
      }
      return String.join(",", items);
    }
    if (value instanceof List || value instanceof Map) {
      throw UserError.of("%s must be a single value, got %s", where, ConfigJson.show(value));
    }
    if (STRINGS.contains(name)) {
      throw UserError.of("%s must be a string, got %s", where, ConfigJson.show(value));
    }
    return value.toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value) {
    return (Map<String, Object>) value;
  }

  String path() {
    return path;
  }

  /** A top-level setting, or {@code null}; relative input and output paths are resolved. */
  String get(String name) {
    return settings.get(name);
  }

  /** The key columns as given, unchecked, or {@code null} when the file has no key. */
  List<String> key() {
    return key;
  }

  List<Map<String, String>> columns() {
    return columns;
  }

  Map<String, String> conf() {
    return conf;
  }
}
