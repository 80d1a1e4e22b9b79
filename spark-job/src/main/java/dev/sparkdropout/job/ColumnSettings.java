package dev.sparkdropout.job;

import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.core.NoiseShape;

/** One column's settings after the config file and the flags are merged. */
final class ColumnSettings {

  private final String name;
  private final DropoutMethod method;
  private final double rate;
  private final NoiseShape noiseShape;

  ColumnSettings(String name, DropoutMethod method, double rate, NoiseShape noiseShape) {
    this.name = name;
    this.method = method;
    this.rate = rate;
    this.noiseShape = noiseShape;
  }

  String name() {
    return name;
  }

  DropoutMethod method() {
    return method;
  }

  double rate() {
    return rate;
  }

  /** The noise shape, or {@code null}. */
  NoiseShape noiseShape() {
    return noiseShape;
  }
}
