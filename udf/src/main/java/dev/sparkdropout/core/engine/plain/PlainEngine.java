package dev.sparkdropout.core.engine.plain;

import static dev.sparkdropout.core.engine.LittleEndianValues.INTS;
import static dev.sparkdropout.core.engine.LittleEndianValues.LONGS;

import dev.sparkdropout.core.engine.PhiloxEngine;

/**
 * The plain-Java engine: Philox from {@link AutoVectorPhilox}, and the element loops of
 * docs/SPEC.md §1 for independent elements, where the decision of element i is Philox word i of
 * the row itself, so no keep array is built. A dropped element is selected on the bits, never
 * multiplied.
 *
 * <p>A row goes in two passes: the arithmetic on a copy of its values in a Java array
 * ({@link RowValues}), where C2 vectorizes it; then the select, a chunk at a time, from the drop
 * masks {@link AutoVectorPhilox} leaves in its lanes, floats two to a long. The select stays
 * scalar (C2 has no vector form of {@code floatToRawIntBits}), so it cannot share the pass.
 */
public final class PlainEngine implements PhiloxEngine {

  private static final int CHUNK = AutoVectorPhilox.CHUNK;
  private static final int STRIDE = AutoVectorPhilox.STRIDE;

  @Override
  public void fill(int c0, int c1, int c3, int k0, int k1, int[] words, int count) {
    AutoVectorPhilox.get().fill(c0, c1, c3, k0, k1, words, count);
  }

  /**
   * A block of four at a time, from the keep bytes of {@link AutoVectorPhilox#keepQuads}, whose
   * loops compute them with the words.
   */
  @Override
  public void keepBytes(long seed, long stream, int copy, long threshold, int size, byte[] out,
      int offset) {
    AutoVectorPhilox philox = AutoVectorPhilox.get();
    for (int from = 0, to; from < size; from = to) { // from: a chunk's first word
      to = AutoVectorPhilox.chunkEnd(from, size);
      long[] quads = philox.keepQuads(seed, stream, copy, from, to, threshold);
      int blocks = (to - from) >>> 2;
      for (int b = 0; b < blocks; b++) {
        INTS.set(out, offset + from + 4 * b, (int) quads[b]);
      }
      for (int j = from + 4 * blocks; j < to; j++) {
        out[offset + j] = (byte) (quads[blocks] >>> 8 * (j & 3));
      }
    }
  }

  @Override
  public void affineFloats(byte[] in, int inOffset, byte[] out, int outOffset, int count,
      long seed, long stream, int copy, long threshold, float a, float b, float dropped) {
    float[] y = RowValues.get().floats(in, inOffset, count);
    for (int i = 0; i < count; i++) {
      y[i] = a * y[i] + b;
    }
    int droppedBits = Float.floatToRawIntBits(dropped);
    // Dropout drops to +0.0: a select inlined with the constant 0 saves two operations a pair.
    if (droppedBits == 0) {
      selectFloats(y, out, outOffset, count, seed, stream, copy, threshold, 0);
    } else {
      selectFloats(y, out, outOffset, count, seed, stream, copy, threshold, droppedBits);
    }
  }

  @Override
  public void affineDoubles(byte[] in, int inOffset, byte[] out, int outOffset, int count,
      long seed, long stream, int copy, long threshold, double a, double b, double dropped) {
    double[] y = RowValues.get().doubles(in, inOffset, count);
    for (int i = 0; i < count; i++) {
      y[i] = a * y[i] + b;
    }
    long droppedBits = Double.doubleToRawLongBits(dropped);
    if (droppedBits == 0) { // as for floats
      selectDoubles(y, out, outOffset, count, seed, stream, copy, threshold, 0);
    } else {
      selectDoubles(y, out, outOffset, count, seed, stream, copy, threshold, droppedBits);
    }
  }

  /**
   * Writes {@code keep ? y : dropped} (as bits) for a row's floats {@code y}, two at a time with
   * the masks of {@link AutoVectorPhilox#dropPairs}, a chunk at a time; then the last partial
   * block.
   */
  private static void selectFloats(float[] y, byte[] out, int outOffset, int count, long seed,
      long stream, int copy, long threshold, int droppedBits) {
    AutoVectorPhilox philox = AutoVectorPhilox.get();
    long droppedPair = droppedBits & 0xFFFFFFFFL | (long) droppedBits << 32;
    for (int i = 0, end; i < count; i = end) {
      end = AutoVectorPhilox.chunkEnd(i, count);
      long[] pairs = philox.dropPairs(seed, stream, copy, i, end, threshold);
      int base = i & -AutoVectorPhilox.CHUNK_WORDS;
      int blocks = Math.min(CHUNK, (end - base) >>> 2);
      selectPairs(pairs, (i - base) >>> 2, blocks, y, base, out, outOffset + base * Float.BYTES,
          droppedPair);
      for (int j = base + 4 * blocks; j < end; j++) {
        int drop = (int) (pairs[AutoVectorPhilox.pair(j)] >>> 32 * (j & 1));
        INTS.set(out, outOffset + j * Float.BYTES,
            Float.floatToRawIntBits(y[j]) & ~drop | droppedBits & drop);
      }
    }
  }

  /**
   * The select of blocks {@code from .. to)} of a chunk of floats, a pair of values at a time. A
   * method of its own, as is {@link #selectBlocks}: written out in the loop over chunks, C2 kept
   * its index and arrays on the stack and checked every store; alone, it checks the range once.
   */
  private static void selectPairs(long[] pairs, int from, int to, float[] y, int yAt, byte[] out,
      int outAt, long droppedPair) {
    for (int k = from; k < to; k++) {
      long low = pairs[k];
      long high = pairs[STRIDE + k];
      int j = yAt + 4 * k;
      int at = outAt + 16 * k;
      LONGS.set(out, at, RowValues.floatPair(y, j) & ~low | droppedPair & low);
      LONGS.set(out, at + 8, RowValues.floatPair(y, j + 2) & ~high | droppedPair & high);
    }
  }

  /**
   * Writes {@code keep ? y : dropped} (as bits) for a row's doubles {@code y}, a block of four at
   * a time with the masks of {@link AutoVectorPhilox#dropMasks}, a chunk at a time; then the last
   * partial block.
   */
  private static void selectDoubles(double[] y, byte[] out, int outOffset, int count, long seed,
      long stream, int copy, long threshold, long droppedBits) {
    AutoVectorPhilox philox = AutoVectorPhilox.get();
    for (int i = 0, end; i < count; i = end) {
      end = AutoVectorPhilox.chunkEnd(i, count);
      long[] lanes = philox.dropMasks(seed, stream, copy, i, end, threshold);
      int base = i & -AutoVectorPhilox.CHUNK_WORDS;
      int blocks = Math.min(CHUNK, (end - base) >>> 2);
      selectBlocks(lanes, (i - base) >>> 2, blocks, y, base, out,
          outOffset + base * Double.BYTES, droppedBits);
      for (int j = base + 4 * blocks; j < end; j++) {
        long drop = lanes[AutoVectorPhilox.lane(j)];
        LONGS.set(out, outOffset + j * Double.BYTES,
            Double.doubleToRawLongBits(y[j]) & ~drop | droppedBits & drop);
      }
    }
  }

  /** The select of blocks {@code from .. to)} of a chunk of doubles, four values at a time. */
  private static void selectBlocks(long[] lanes, int from, int to, double[] y, int yAt,
      byte[] out, int outAt, long droppedBits) {
    for (int k = from; k < to; k++) {
      for (int w = 0; w < 4; w++) {
        long drop = lanes[w * STRIDE + k];
        LONGS.set(out, outAt + 8 * (4 * k + w),
            Double.doubleToRawLongBits(y[yAt + 4 * k + w]) & ~drop | droppedBits & drop);
      }
    }
  }
}
