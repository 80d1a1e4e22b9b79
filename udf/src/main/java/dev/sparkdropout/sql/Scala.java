package dev.sparkdropout.sql;

import java.util.Arrays;
import java.util.List;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/** The few Scala collection conversions the Catalyst API needs from Java. */
final class Scala {

  private Scala() {}

  @SafeVarargs
  static <T> Seq<T> seq(T... items) {
    return seq(Arrays.asList(items));
  }

  static <T> Seq<T> seq(List<T> items) {
    return JavaConverters.asScalaBuffer(items).toList();
  }

  static <T> List<T> list(Seq<T> items) {
    return JavaConverters.seqAsJavaList(items);
  }
}
