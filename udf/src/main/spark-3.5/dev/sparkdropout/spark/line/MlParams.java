package dev.sparkdropout.spark.line;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.Identifiable;
import scala.Function1;

/** Spark ML Params of types that have no Param class of their own, as this line makes them. */
public final class MlParams {

  private MlParams() {}

  public static Param<String> string(Identifiable parent, String name, String doc) {
    return new Param<>(parent, name, doc);
  }

  public static Param<String> string(Identifiable parent, String name, String doc,
      Function1<String, Object> isValid) {
    return new Param<>(parent, name, doc, isValid);
  }
}
