package dev.sparkdropout.core;

/**
 * The constants of alpha dropout (Klambauer et al., "Self-Normalizing Neural Networks", 2017):
 * dropped units are set to SELU's negative saturation value, then an affine map {@code a * x + b}
 * restores mean 0 and variance 1. All are computed in double (SPEC section 1).
 */
public final class AlphaDropout {

  /** SELU's alpha. */
  public static final double ALPHA = 1.6732632423543772848170429916717;
  /** SELU's scale (lambda). */
  public static final double SCALE = 1.0507009873554804934193349852946;
  /** SELU's negative saturation value {@code -alpha * scale}. */
  public static final double ALPHA_P = -ALPHA * SCALE;

  private AlphaDropout() {}

  /**
   * {@code ((1 - rate) * (1 + rate * alphaP^2))^(-1/2)}. {@code Math.pow}, not {@code 1 / sqrt},
   * because the two roundings of the latter miss SPEC's reference value at rate 0.5.
   */
  public static double a(double rate) {
    return Math.pow((1 - rate) * (1 + rate * ALPHA_P * ALPHA_P), -0.5);
  }

  /** {@code -a * alphaP * rate}, evaluated left to right. */
  public static double b(double rate) {
    return -a(rate) * ALPHA_P * rate;
  }

  /** The value every dropped element takes: {@code a * alphaP + b}. */
  public static double droppedValue(double rate) {
    return a(rate) * ALPHA_P + b(rate);
  }
}
