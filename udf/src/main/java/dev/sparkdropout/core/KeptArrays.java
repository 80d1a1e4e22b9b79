package dev.sparkdropout.core;

import dev.sparkdropout.core.engine.RowArrays;

/**
 * Which of the arrays grown for a row are kept for the rows after it, in the engines' arrays for
 * a thread's life and in the Spark kernels' output buffers for a task's: the engines' rule,
 * {@link RowArrays}, so that both keep the same.
 */
public final class KeptArrays {

  /** The most bytes a kept array holds: {@link RowArrays#MAX_BYTES}. */
  public static final int MAX_BYTES = RowArrays.MAX_BYTES;

  private KeptArrays() {}

  /** Whether an array of {@code length} elements of {@code elementSize} bytes is kept. */
  public static boolean keep(int length, int elementSize) {
    return RowArrays.keep(length, elementSize);
  }
}
