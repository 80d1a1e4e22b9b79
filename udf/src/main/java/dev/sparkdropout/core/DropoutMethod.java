package dev.sparkdropout.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The noise methods of docs/SPEC.md §1 and §8, named as users write them, with the parameter each
 * takes and the range it must lie in.
 */
public enum DropoutMethod {
  /** Keras {@code Dropout}, Wolfram {@code Method -> "Dropout"}. */
  DROPOUT("dropout", Parameter.RATE_UP_TO_ONE),
  /** Keras {@code AlphaDropout}, Wolfram {@code Method -> "AlphaDropout"}, for SELU networks. */
  ALPHA_DROPOUT("alpha_dropout", Parameter.RATE_BELOW_ONE),
  /** Keras {@code GaussianDropout}: {@code x * (1 + sigma * z)}. */
  GAUSSIAN_DROPOUT("gaussian_dropout", Parameter.RATE_BELOW_ONE),
  /** Keras {@code GaussianNoise}: {@code x + stddev * z}. */
  GAUSSIAN_NOISE("gaussian_noise", Parameter.STDDEV),
  /**
   * Keras {@code SpatialDropout1D/2D/3D}: dropout with one decision per channel, the noise shape
   * {@link NoiseShape#spatial} of the row's rank.
   */
  SPATIAL_DROPOUT("spatial_dropout", Parameter.RATE_UP_TO_ONE);

  /** The method's one number and its range (docs/SPEC.md §2 and §8). */
  private enum Parameter {
    RATE_BELOW_ONE("rate", "a number in [0, 1)"),
    RATE_UP_TO_ONE("rate", "a number in [0, 1]"),
    STDDEV("stddev", "a finite number >= 0");

    private final String name;
    private final String range;

    Parameter(String name, String range) {
      this.name = name;
      this.range = range;
    }

    boolean accepts(double value) {
      switch (this) {
        case RATE_BELOW_ONE:
          return value >= 0.0 && value < 1.0;
        case RATE_UP_TO_ONE:
          return value >= 0.0 && value <= 1.0;
        default:
          return value >= 0.0 && value < Double.POSITIVE_INFINITY;
      }
    }
  }

  private final String sqlName;
  private final Parameter parameter;

  DropoutMethod(String sqlName, Parameter parameter) {
    this.sqlName = sqlName;
    this.parameter = parameter;
  }

  /** The name of the SQL function and of the job's {@code --method} value. */
  public String sqlName() {
    return sqlName;
  }

  /** The name of the method's parameter: {@code rate}, or {@code stddev} for Gaussian noise. */
  public String parameterName() {
    return parameter.name;
  }

  /**
   * Throws unless {@code value} is in the parameter's range; NaN fails too.
   *
   * @throws IllegalArgumentException naming the parameter and the value,
   *     {@code rate must be a number in [0, 1), got 1.5}
   */
  public double check(double value) {
    if (!parameter.accepts(value)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be %s, got %s",
          parameter.name, parameter.range, Double.isNaN(value) ? "NaN" : Double.toString(value)));
    }
    return value;
  }

  /** Whether the method draws normal variates (§8) rather than keep decisions. */
  public boolean isGaussian() {
    return this == GAUSSIAN_DROPOUT || this == GAUSSIAN_NOISE;
  }

  /** Whether the method has a binary mask: those that keep or drop elements. */
  public boolean hasMask() {
    return !isGaussian();
  }

  /**
   * Whether a sparse vector stays sparse, noise applied to its stored entries alone: the method
   * maps 0 to 0 (docs/SPEC.md §8). Alpha dropout and Gaussian noise move every element.
   */
  public boolean keepsSparse() {
    return this != ALPHA_DROPOUT && this != GAUSSIAN_NOISE;
  }

  /** Parses a method's name, ignoring case. */
  public static DropoutMethod fromName(String name) {
    if (name != null) {
      String lower = name.trim().toLowerCase(Locale.ROOT);
      for (DropoutMethod method : values()) {
        if (method.sqlName.equals(lower)) {
          return method;
        }
      }
    }
    throw new IllegalArgumentException(String.format(Locale.ROOT,
        "Unknown dropout method '%s': expected one of %s", name, names()));
  }

  /** Every method's name, {@code dropout, alpha_dropout, ...}. */
  public static String names() {
    return Arrays.stream(values()).map(DropoutMethod::sqlName).collect(Collectors.joining(", "));
  }
}
