package dev.sparkdropout.udf;

import org.apache.spark.sql.SparkSessionExtensions;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * The session extension's first name, kept so that existing
 * {@code spark.sql.extensions=dev.sparkdropout.udf.DropoutExtensions} settings keep working.
 *
 * @deprecated use {@link dev.sparkdropout.sql.DropoutExtensions}, which this delegates to
 */
@Deprecated
public final class DropoutExtensions extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {

  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    return new dev.sparkdropout.sql.DropoutExtensions().apply(extensions);
  }
}
