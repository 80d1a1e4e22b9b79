package dev.sparkdropout.core;

/**
 * A row's 64-bit stream id (docs/SPEC.md §3), for code that applies {@link DropoutSpec} to typed
 * data itself, e.g. in {@code JavaRDD.mapPartitionsWithIndex}. Key mode's stream is Spark SQL's
 * {@code xxhash64(key)}, which needs Spark; the transform and the SQL functions compute it.
 */
public final class RowStreams {

  /**
   * Spark SQL's default {@code xxhash64} seed: key mode's stream is {@code xxhash64(key)}, which
   * is Spark's XxHash64 of the key with this seed.
   */
  public static final long XXHASH64_SEED = 42L;

  /** Bits left for the position of a row in its partition, as in monotonically_increasing_id. */
  private static final int POSITION_BITS = 33;

  private RowStreams() {}

  /**
   * Partition mode: {@code (partitionIndex << 33) + position}, the value Spark's
   * {@code monotonically_increasing_id()} gives the row at {@code position} (from 0) of a
   * partition.
   */
  public static long partition(int partitionIndex, long position) {
    return ((long) partitionIndex << POSITION_BITS) + position;
  }
}
