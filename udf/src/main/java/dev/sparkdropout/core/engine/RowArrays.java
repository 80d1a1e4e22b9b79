package dev.sparkdropout.core.engine;

/**
 * How the arrays an engine grows for a row are sized: those of at most {@link #MAX_BYTES} are kept
 * for the thread's next rows, so that rows allocate nothing; a larger row gets arrays of its own,
 * so one outsize row does not leave its memory held by every thread it passed through.
 */
public final class RowArrays {

  /**
   * The most bytes a kept array holds, 1 MiB: far above rows of hundreds or thousands of values,
   * and a row above it does enough work on its values that a new array costs little beside it.
   */
  public static final int MAX_BYTES = 1 << 20;

  private RowArrays() {}

  /** Whether an array of {@code length} elements of {@code elementSize} bytes is kept. */
  public static boolean keep(int length, int elementSize) {
    return (long) length * elementSize <= MAX_BYTES;
  }

  /**
   * The length of a new array for a row of {@code length} that a kept one of {@code current}
   * cannot hold: doubled, so that rows growing a little at a time do not each allocate, but never
   * past what is kept; just {@code length} for a row too large to keep.
   */
  public static int grown(int current, int length, int elementSize) {
    return Math.max(length, Math.min(2 * current, MAX_BYTES / elementSize));
  }
}
