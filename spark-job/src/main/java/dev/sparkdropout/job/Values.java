package dev.sparkdropout.job;

import dev.sparkdropout.core.DropoutMethod;
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
  /** What {@link DropoutMethod#check} says a value must be, between the name and the value. */
  private static final Pattern EXPECTED = Pattern.compile("^\\S+ (must be .*), got .*$");
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
  /** A Spark setting's key: no '=' (it ends there) and no blanks (Spark has no such keys). */
  private static final Pattern CONF_KEY = Pattern.compile("[^=\\s]+");

  private Values() {}

  /**
   * The method's rate, or Gaussian noise's stddev, in the range the method takes: rate 1 drops
   * everything under dropout and spatial_dropout but is no rate at all for alpha_dropout.
   */
  static double parameter(DropoutMethod method, String text, String where) {
    String value = text.trim();
    boolean decimal = DECIMAL.matcher(value).matches();
    try {
      return method.check(decimal ? Double.parseDouble(value) : Double.NaN);
    } catch (IllegalArgumentException e) {
      // check() says "rate must be a number in [0, 1), got 1.0": keep what it expects, say
      // where the value came from and show it as given.
      String expected = EXPECTED.matcher(e.getMessage()).replaceFirst("$1");
      throw UserError.of("%s %s for %s, got %s", where, expected, method.sqlName(),
          decimal ? value : "'" + text + "'");
    }
  }

  static DropoutMethod method(String text, String where) {
    try {
      return DropoutMethod.fromName(text);
    } catch (IllegalArgumentException e) {
      throw UserError.of("%s must be one of %s, got '%s'", where, DropoutMethod.names(), text);
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
