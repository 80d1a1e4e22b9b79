package dev.sparkdropout.spark;

import dev.sparkdropout.core.RowStreams;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.catalyst.expressions.XxHash64Function$;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Where seeds come from (docs/SPEC.md §2 and §3): one is drawn when none is given, and a stage or
 * job that augments several columns derives each column's seed from its one seed, so that equally
 * long columns of a row are not dropped at the same positions.
 */
public final class Seeds {

  private Seeds() {}

  /** A seed for a call, stage or job given none: drawn once, then shown so it can be replayed. */
  public static long draw() {
    return ThreadLocalRandom.current().nextLong();
  }

  /**
   * {@code seed XOR xxhash64(column)}: Spark SQL's {@code xxhash64} of the column's name as given,
   * so SQL users reproduce it as {@code seed ^ xxhash64('features')}.
   */
  public static long column(long seed, String column) {
    return seed ^ XxHash64Function$.MODULE$.hash(UTF8String.fromString(column),
        DataTypes.StringType, RowStreams.XXHASH64_SEED);
  }
}
