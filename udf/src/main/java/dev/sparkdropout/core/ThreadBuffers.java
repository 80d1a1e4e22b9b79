package dev.sparkdropout.core;

/**
 * The arrays one thread's rows go through in the core, reused row after row so that a row
 * allocates nothing: the lanes of {@link AutoVectorPhilox}, the words of the Vector API path in
 * element order, and a row's values for the plain-Java element loops. A row looks its thread's
 * up once and hands it down. What an array holds is valid until the thread's next row, but for
 * the products of the first Philox rounds that the lanes keep for the rows after (see
 * {@link #earlyKey}). A row too large for {@link KeptArrays} gets arrays that are not kept.
 */
final class ThreadBuffers {

  private static final ThreadLocal<ThreadBuffers> CURRENT =
      ThreadLocal.withInitial(ThreadBuffers::new);

  /** A chunk of {@link AutoVectorPhilox}'s lanes. */
  final long[] lanes = new long[AutoVectorPhilox.LENGTH];
  /**
   * What the lanes' products of rounds 0 and 1 were computed for, -1 before any: the chunk's
   * first block in the high half, counter word 1 xor key word 0 in the low half.
   */
  long earlyKey = -1;
  /** How many of the chunk's blocks they are for. */
  int earlyBlocks;
  /** The words of two blocks computed the plain way. */
  final int[] pair = new int[2 * Philox4x32.WORDS_PER_BLOCK];
  private int[] words = new int[256];
  private float[] floats = new float[256];
  private double[] doubles = new double[256];

  private ThreadBuffers() {}

  /** The calling thread's. */
  static ThreadBuffers get() {
    return CURRENT.get();
  }

  /** At least {@code length} ints. */
  int[] words(int length) {
    if (words.length < length) {
      if (!KeptArrays.keep(length, Integer.BYTES)) {
        return new int[length];
      }
      words = new int[grown(words.length, length, Integer.BYTES)];
    }
    return words;
  }

  /** At least {@code length} floats. */
  float[] floats(int length) {
    if (floats.length < length) {
      if (!KeptArrays.keep(length, Float.BYTES)) {
        return new float[length];
      }
      floats = new float[grown(floats.length, length, Float.BYTES)];
    }
    return floats;
  }

  /** At least {@code length} doubles. */
  double[] doubles(int length) {
    if (doubles.length < length) {
      if (!KeptArrays.keep(length, Double.BYTES)) {
        return new double[length];
      }
      doubles = new double[grown(doubles.length, length, Double.BYTES)];
    }
    return doubles;
  }

  /**
   * The length a kept array of {@code current} grows to for a row of {@code length}: doubled, so
   * that rows growing a little at a time do not each allocate, but never past what is kept.
   */
  private static int grown(int current, int length, int elementSize) {
    return Math.max(length, Math.min(2 * current, KeptArrays.MAX_BYTES / elementSize));
  }
}
