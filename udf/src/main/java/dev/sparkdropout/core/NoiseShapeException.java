package dev.sparkdropout.core;

/** A row whose shape does not fit the noise_shape it is given (docs/SPEC.md §5). */
public final class NoiseShapeException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public NoiseShapeException(String message) {
    super(message);
  }
}
