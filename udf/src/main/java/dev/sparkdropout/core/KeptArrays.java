package dev.sparkdropout.core;

/**
 * Which of the arrays grown for a row are kept for the rows after it, in {@link ThreadBuffers}
 * for a thread's life and in the Spark kernels' output buffers for a task's: those of at most
 * {@link #MAX_BYTES}, so that rows allocate nothing. A larger row gets arrays of its own, so one
 * outsize row does not leave its memory held by every thread it passed through.
 */
public final class KeptArrays {

  /**
   * The most bytes a kept array holds, 1 MiB: far above rows of hundreds or thousands of values,
   * and a row above it does enough work on its values that a new array costs little beside it.
   */
  public static final int MAX_BYTES = 1 << 20;

  private KeptArrays() {}

  /** Whether an array of {@code length} elements of {@code elementSize} bytes is kept. */
  public static boolean keep(int length, int elementSize) {
    return (long) length * elementSize <= MAX_BYTES;
  }
}
