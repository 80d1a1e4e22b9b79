package dev.sparkdropout.job;

import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.core.DropoutSpec;
import dev.sparkdropout.core.NoiseShape;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses setting values given as text, from a flag or the config file, with one message style:
 * {@code <where> must be <what>, got <value>}. {@code where} is {@code --rate} for a flag and,
 * for example, {@code rate of column `seq` in conf/x.json} for the file.
 */
final class Values {

  /**
   * The most copies one run makes. One projection computes all copies of a row (see
   * {@link Augmenter#build}); its generated code grows with copies times columns, and beyond
   * about 130 copies of two columns Spark cannot compile it and logs a stack trace.
   */
  static final int MAX_COPIES = 100;

  private static final String[] FORMATS = {"parquet", "orc", "json"};
  /**
   * Plain decimals only: Java's parsers also take "0.3f", "0x1p-2", "+5" and non-ASCII digits,
   * which a user never means as a rate or a count.
   */
  private static final Pattern DECIMAL =
      Pattern.compile("-?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
  /** A Spark setting's key: no '=' (it ends there) and no blanks (Spark has no such keys). */
  private static final Pattern CONF_KEY = Pattern.compile("[^=\\s]+");

  private Values() {}

  static double rate(String text, String where) {
    String value = text.trim();
    if (!DECIMAL.matcher(value).matches()) {
      throw UserError.of("%s must be a number in [0, 1), got '%s'", where, text);
    }
    double rate = Double.parseDouble(value);
    try {
      DropoutMethod.ALPHA_DROPOUT.check(rate);
    } catch (IllegalArgumentException e) {
      throw UserError.of("%s must be a number in [0, 1), got %s", where, value);
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
    String value = text.trim();
    try {
      if (INTEGER.matcher(value).matches()) {
        return Long.parseLong(value);
      }
    } catch (NumberFormatException e) {
      // Too many digits for 64 bits: the message below says what fits.
    }
    throw UserError.of("%s must be a 64-bit integer, got '%s'", where, text);
  }

  static int copies(String text, String where) {
    String value = text.trim();
    if (!INTEGER.matcher(value).matches()) {
      throw UserError.of("%s must be a whole number of at least 1, got '%s'", where, text);
    }
    BigInteger copies = new BigInteger(value);
    if (copies.signum() < 1) {
      throw UserError.of("%s must be a whole number of at least 1, got %s", where, value);
    }
    if (copies.compareTo(BigInteger.valueOf(MAX_COPIES)) > 0) {
      throw UserError.of("%s must be at most %d, got %s: all copies of a row are computed at "
          + "once, in one task and one piece of generated code; for more, run the job again "
          + "with another --seed and --output", where, MAX_COPIES, value);
    }
    return copies.intValueExact();
  }

  static NoiseShape noiseShape(String text, String where) {
    // NoiseShape.parse takes what Integer.valueOf takes ("+2", non-ASCII digits): check first.
    for (String part : text.split("[,()\\[\\]]")) {
      String entry = part.trim();
      if (!entry.isEmpty() && !INTEGER.matcher(entry).matches()
          && !entry.equalsIgnoreCase("null") && !entry.equalsIgnoreCase("none")) {
        throw UserError.of("%s: noise_shape entry '%s' is not an integer, -1 or null", where,
            entry);
      }
    }
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

  /** A Spark setting as {@code --conf} takes it: {@code KEY=VALUE}, the value possibly empty. */
  static Map.Entry<String, String> sparkSetting(String text, String where) {
    int equals = text.indexOf('=');
    if (equals < 0 || !isSparkSettingName(text.substring(0, equals))) {
      throw UserError.of("%s must be KEY=VALUE, got '%s'", where, text);
    }
    return Map.entry(text.substring(0, equals), text.substring(equals + 1));
  }

  static boolean isSparkSettingName(String name) {
    return CONF_KEY.matcher(name).matches();
  }
}
