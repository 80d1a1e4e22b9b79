package dev.sparkdropout.job;

import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.core.DropoutSpec;
import dev.sparkdropout.core.NoiseShape;
import java.util.Locale;

/**
 * Parses setting values given as text, from a flag or the config file, with one message style:
 * {@code <where> must be <what>, got <value>}. {@code where} is {@code --rate} for a flag and,
 * for example, {@code rate of column `seq` in conf/x.json} for the file.
 */
final class Values {

  private static final String[] FORMATS = {"parquet", "orc", "json"};

  private Values() {}

  static double rate(String text, String where) {
    double rate;
    try {
      rate = Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw UserError.of("%s must be a number in [0, 1), got '%s'", where, text);
    }
    try {
      DropoutSpec.checkRate(rate);
    } catch (IllegalArgumentException e) {
      throw UserError.of("%s must be a number in [0, 1), got %s", where, text.trim());
    }
    return rate;
  }

  static DropoutMethod method(String text, String where) {
    try {
      return DropoutMethod.fromName(text);
    } catch (IllegalArgumentException e) {
      throw UserError.of("%s must be dropout or alpha_dropout, got '%s'", where, text);
    }
  }

  static long seed(String text, String where) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw UserError.of("%s must be a 64-bit integer, got '%s'", where, text);
    }
  }

  static int copies(String text, String where) {
    int copies;
    try {
      copies = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw UserError.of("%s must be a whole number of at least 1, got '%s'", where, text);
    }
    if (copies < 1) {
      throw UserError.of("%s must be a whole number of at least 1, got %d", where, copies);
    }
    return copies;
  }

  static NoiseShape noiseShape(String text, String where) {
    try {
      return NoiseShape.parse(text);
    } catch (IllegalArgumentException e) {
      throw UserError.of("%s: %s", where, e.getMessage());
    }
  }

  static boolean bool(String text, String where) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    if (value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value);
    }
    throw UserError.of("%s must be true or false, got '%s'", where, text);
  }

  static String inputFormat(String text, String where) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    for (String format : FORMATS) {
      if (format.equals(value)) {
        return value;
      }
    }
    throw UserError.of("%s must be parquet, orc or json, got '%s'", where, text);
  }
}
