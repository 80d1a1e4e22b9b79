package dev.sparkdropout.sql.kernel;

import dev.sparkdropout.core.DropoutSpec;
import dev.sparkdropout.core.NoiseLayout;
import dev.sparkdropout.core.NoiseShapeException;
import org.apache.spark.unsafe.types.UTF8String;

/** Row layouts, with the column named in the error when a row does not fit the noise shape. */
final class RowShapes {

  private RowShapes() {}

  static NoiseLayout layout(DropoutSpec spec, UTF8String column, int... dims) {
    try {
      return spec.layout(dims);
    } catch (NoiseShapeException e) {
      throw rowError(column, e.getMessage());
    }
  }

  static NoiseShapeException rowError(UTF8String column, String problem) {
    return new NoiseShapeException("Column `" + column + "`: " + problem);
  }
}
