package dev.sparkdropout.job;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code --config} file: JSON (with {@code //} comments) holding the flags' settings under the
 * flags' names, a {@code columns} list whose entries may set their own {@code rate},
 * {@code method} and {@code noise-shape}, and {@code conf} for Spark settings. Values stay text
 * until {@link JobSettings} checks them, so file and flags share one set of messages.
 */
final class ConfigFile {

  static final ConfigFile NONE = new ConfigFile("", Map.of(), List.of(), Map.of());

  private static final Set<String> SETTINGS = Set.of("input", "output", "input-format", "rate",
      "method", "seed", "key", "noise-shape", "copies", "mask", "training", "overwrite",
      "master", "columns", "conf");
  private static final Set<String> COLUMN_SETTINGS = Set.of("name", "rate", "method",
      "noise-shape");

  private final String path;
  private final Map<String, String> settings;
  private final List<Map<String, String>> columns;
  private final Map<String, String> conf;

  private ConfigFile(String path, Map<String, String> settings, List<Map<String, String>> columns,
      Map<String, String> conf) {
    this.path = path;
    this.settings = settings;
    this.columns = columns;
    this.conf = conf;
  }

  static ConfigFile read(String path) {
    JsonNode root;
    try {
      ObjectMapper mapper = new ObjectMapper().enable(JsonParser.Feature.ALLOW_COMMENTS);
      root = mapper.readTree(Files.readString(Path.of(path)));
    } catch (NoSuchFileException e) {
      throw UserError.of("--config file does not exist: %s", path);
    } catch (JsonProcessingException e) {
      throw UserError.of("--config %s is not valid JSON: %s (line %d)", path,
          e.getOriginalMessage(), e.getLocation() == null ? 0 : e.getLocation().getLineNr());
    } catch (IOException e) {
      throw UserError.of("--config %s cannot be read: %s", path, e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw UserError.of("--config %s must hold a JSON object", path);
    }
    Map<String, String> settings = new LinkedHashMap<>();
    List<Map<String, String>> columns = new ArrayList<>();
    Map<String, String> conf = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String name = entry.getKey();
      JsonNode value = entry.getValue();
      if (!SETTINGS.contains(name)) {
        throw UserError.of("--config %s: unknown setting '%s'; the settings are %s", path, name,
            String.join(", ", new java.util.TreeSet<>(SETTINGS)));
      }
      if (name.equals("columns")) {
        columns.addAll(columns(path, value));
      } else if (name.equals("conf")) {
        if (!value.isObject()) {
          throw UserError.of("--config %s: conf must be an object of Spark settings", path);
        }
        value.fields().forEachRemaining(e -> conf.put(e.getKey(), e.getValue().asText()));
      } else {
        settings.put(name, text(path, name, value));
      }
    }
    return new ConfigFile(path, settings, columns, conf);
  }

  private static List<Map<String, String>> columns(String path, JsonNode value) {
    if (!value.isArray()) {
      throw UserError.of("--config %s: columns must be a list of names or objects", path);
    }
    List<Map<String, String>> columns = new ArrayList<>();
    for (JsonNode item : value) {
      Map<String, String> column = new LinkedHashMap<>();
      if (item.isTextual()) {
        column.put("name", item.asText());
      } else if (item.isObject()) {
        item.fields().forEachRemaining(e -> {
          if (!COLUMN_SETTINGS.contains(e.getKey())) {
            throw UserError.of("--config %s: unknown column setting '%s'; a column has %s", path,
                e.getKey(), String.join(", ", new java.util.TreeSet<>(COLUMN_SETTINGS)));
          }
          column.put(e.getKey(), text(path, e.getKey(), e.getValue()));
        });
        if (!column.containsKey("name")) {
          throw UserError.of("--config %s: every column needs a name", path);
        }
      } else {
        throw UserError.of("--config %s: columns must be a list of names or objects", path);
      }
      columns.add(column);
    }
    return columns;
  }

  /** A value as the text a flag would carry; arrays (noise shapes) become "1,-1". */
  private static String text(String path, String name, JsonNode value) {
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      value.forEach(item -> items.add(item.isNull() ? "null" : item.asText()));
      return String.join(",", items);
    }
    if (value.isObject()) {
      throw UserError.of("--config %s: %s must be a single value", path, name);
    }
    return value.isNull() ? null : value.asText();
  }

  String path() {
    return path;
  }

  /** A top-level setting, or {@code null}. */
  String get(String name) {
    return settings.get(name);
  }

  List<Map<String, String>> columns() {
    return columns;
  }

  Map<String, String> conf() {
    return conf;
  }
}
