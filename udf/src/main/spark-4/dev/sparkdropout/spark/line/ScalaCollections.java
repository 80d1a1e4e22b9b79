package dev.sparkdropout.spark.line;

import java.util.Arrays;
import java.util.List;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Scala sequences for the Catalyst API from Java. Their type differs by line (Scala 2.12's
 * {@code collection.Seq}, 2.13's {@code immutable.Seq}), so callers pass them on without naming it.
 */
public final class ScalaCollections {

  private ScalaCollections() {}

  @SafeVarargs
  public static <T> Seq<T> seq(T... items) {
    return seq(Arrays.asList(items));
  }

  public static <T> Seq<T> seq(List<T> items) {
    return CollectionConverters.asScala(items).toList();
  }

  public static <T> List<T> list(scala.collection.Seq<T> items) {
    return CollectionConverters.asJava(items);
  }
}
