package dev.sparkdropout.sql;

import dev.sparkdropout.spark.line.SparkInternals;
import org.apache.spark.sql.SparkSessionExtensions;
import scala.Tuple3;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * Adds {@code dropout}, {@code alpha_dropout} and {@code dropout_mask} to every session:
 * {@code --conf spark.sql.extensions=dev.sparkdropout.sql.DropoutExtensions}.
 */
public final class DropoutExtensions extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {

  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    for (SqlFunction function : SqlFunction.values()) {
      extensions.injectFunction(new Tuple3<>(function.identifier(), function.info(),
          SparkInternals.functionBuilder(arguments -> ExpressionBuilder.build(function, arguments))));
    }
    return BoxedUnit.UNIT;
  }
}
