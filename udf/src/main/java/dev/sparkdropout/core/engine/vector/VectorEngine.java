package dev.sparkdropout.core.engine.vector;

import dev.sparkdropout.core.engine.PhiloxEngine;

/**
 * The Vector API engine: a row's words in element order from {@link VectorPhilox}, then the
 * element loops of {@link VectorWordTransforms}. Keep bytes come from the engine it is given:
 * the plain engine writes them a block at a time, which was faster than bytes made one at a time
 * from the words. Its classes need {@code jdk.incubator.vector}: only
 * {@link dev.sparkdropout.core.engine.Engines} makes one, after checking the JVM has it.
 */
public final class VectorEngine implements PhiloxEngine {

  private final PhiloxEngine masks;

  /** An engine that leaves keep bytes to {@code masks}. */
  public VectorEngine(PhiloxEngine masks) {
    this.masks = masks;
  }

  /** Whether this engine beats plain Java on this JVM (see {@link VectorPhilox#fast}). */
  public static boolean pays() {
    return VectorPhilox.fast();
  }

  @Override
  public void fill(int c0, int c1, int c3, int k0, int k1, int[] words, int count) {
    RowWords.fill(c0, c1, c3, k0, k1, words, count);
  }

  @Override
  public void keepBytes(long seed, long stream, int copy, long threshold, int size, byte[] out,
      int offset) {
    masks.keepBytes(seed, stream, copy, threshold, size, out, offset);
  }

  @Override
  public void affineFloats(byte[] in, int inOffset, byte[] out, int outOffset, int count,
      long seed, long stream, int copy, long threshold, float a, float b, float dropped) {
    int[] words = RowWords.get().of(seed, stream, copy, count);
    VectorWordTransforms.affineFloats(in, inOffset, out, outOffset, count, words, threshold, a,
        b, dropped);
  }

  @Override
  public void affineDoubles(byte[] in, int inOffset, byte[] out, int outOffset, int count,
      long seed, long stream, int copy, long threshold, double a, double b, double dropped) {
    int[] words = RowWords.get().of(seed, stream, copy, count);
    VectorWordTransforms.affineDoubles(in, inOffset, out, outOffset, count, words, threshold, a,
        b, dropped);
  }
}
