package dev.sparkdropout.job;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A config file's JSON as plain values: {@link Map}, {@link List}, {@link String},
 * {@link Boolean}, {@code null} and {@link JsonNumber}, which keeps a number as written, so that
 * "copies": 1e3 is checked as the flag's "1e3" would be, not as Jackson's 1000.0.
 */
final class ConfigJson {

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  /** A JSON number, as written. */
  record JsonNumber(String text) {
    @Override
    public String toString() {
      return text;
    }
  }

  private ConfigJson() {}

  /** The one value {@code text} holds; Jackson's exceptions say what is wrong and where. */
  static Object parse(String text) throws IOException {
    try (JsonParser parser = FACTORY.createParser(text)) {
      if (parser.nextToken() == null) {
        throw new JsonParseException(parser, "no content");
      }
      Object value = value(parser);
      if (parser.nextToken() != null) {
        throw new JsonParseException(parser, "more content after the first value");
      }
      return value;
    }
  }

  private static Object value(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT:
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.getCurrentName();
          parser.nextToken();
          object.put(name, value(parser));
        }
        return object;
      case START_ARRAY:
        List<Object> array = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(value(parser));
        }
        return array;
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return new JsonNumber(parser.getText());
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new JsonParseException(parser, "unexpected " + token);
    }
  }

  /** A value as messages show it: as written in the file, lists and objects by their kind. */
  static String show(Object value) {
    if (value instanceof String) {
      return "\"" + value + "\"";
    }
    if (value instanceof List) {
      return ((List<?>) value).isEmpty() ? "[]" : "a list";
    }
    if (value instanceof Map) {
      return "an object";
    }
    return String.valueOf(value);
  }
}
