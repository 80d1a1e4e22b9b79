package dev.sparkdropout.core;

/**
 * The constants of alpha dropout (Klambauer et al., "Self-Normalizing Neural Networks", 2017):
 * dropped units are set to SELU's negative saturation value, then an affine map {@code a * x + b}
 * restores mean 0 and variance 1. All are computed in double, in the order docs/SPEC.md §1 pins,
 * with {@code StrictMath}, so that every JVM on every platform gives the same bits.
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
   * {@code ((1 - rate) * (1 + rate * alphaP * alphaP))^(-1/2)}, the product left to right.
   * {@code StrictMath.pow}: {@code Math.pow} may differ by an ulp between JVMs and CPUs.
   */
  public static double a(double rate) {
    return StrictMath.pow((1 - rate) * (1 + rate * ALPHA_P * ALPHA_P), -0.5);
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
