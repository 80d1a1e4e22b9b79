package dev.sparkdropout.core;

import static dev.sparkdropout.core.LittleEndianValues.INTS;
import static dev.sparkdropout.core.LittleEndianValues.LONGS;

/**
 * The element loops of SPEC section 1 for independent elements: the decision of element i is
 * Philox word i of the row itself, taken as the row goes, so no keep array is built. Values are
 * read little-endian from {@code in} and written to {@code out} (which may be {@code in} at the
 * same offset). As in {@link ElementTransforms}, a dropped element is selected on the bits,
 * never multiplied.
 *
 * <p>With the Vector API, {@link VectorWordTransforms} does the row from its words in element
 * order. Otherwise the loops here go a chunk at a time, reading each word's drop mask where
 * {@link AutoVectorPhilox} leaves it: a block (four words) at a time with the block's place in
 * the chunk as the loop variable, then element by element through a row's last partial block.
 * Measured, that shape matters: computing each word's lane from the element index, moving an
 * element's work into a helper, or the chunk loop into a method of its own (C2 then compiles it
 * alone rather than inline) each cost a third.
 */
final class WordTransforms {

  private static final boolean VECTOR = Philox4x32.vectorized();
  private static final int CHUNK = AutoVectorPhilox.CHUNK;

  private WordTransforms() {}

  /** Dropout of a row: {@code keep ? x * s : +0.0}. */
  static void scaleFloats(byte[] in, int inOffset, byte[] out, int outOffset, int count,
      long seed, long stream, int copy, long threshold, float s) {
    if (VECTOR) {
      VectorWordTransforms.scaleFloats(in, inOffset, out, outOffset, count,
          KeepMask.words(seed, stream, copy, count), threshold, s);
      return;
    }
    for (int i = 0, end; i < count; i = end) {
      end = AutoVectorPhilox.chunkEnd(i, count);
      long[] lanes = KeepMask.dropLanes(seed, stream, copy, i, end, threshold);
      int base = i & -AutoVectorPhilox.CHUNK_WORDS;
      int blocks = Math.min(CHUNK, (end - base) >>> 2);
      for (int k = (i - base) >>> 2; k < blocks; k++) {
        for (int w = 0; w < 4; w++) {
          int at = (base + 4 * k + w) * Float.BYTES;
          float x = Float.intBitsToFloat((int) INTS.get(in, inOffset + at));
          int drop = (int) lanes[w * CHUNK + k];
          INTS.set(out, outOffset + at, Float.floatToRawIntBits(x * s) & ~drop);
        }
      }
      for (int j = base + 4 * blocks; j < end; j++) {
        scaleFloat(in, inOffset, out, outOffset, j, (int) lanes[AutoVectorPhilox.lane(j)], s);
      }
    }
  }

  /** Dropout of a row: {@code keep ? x * s : +0.0}. */
  static void scaleDoubles(byte[] in, int inOffset, byte[] out, int outOffset, int count,
      long seed, long stream, int copy, long threshold, double s) {
    if (VECTOR) {
      VectorWordTransforms.scaleDoubles(in, inOffset, out, outOffset, count,
          KeepMask.words(seed, stream, copy, count), threshold, s);
      return;
    }
    for (int i = 0, end; i < count; i = end) {
      end = AutoVectorPhilox.chunkEnd(i, count);
      long[] lanes = KeepMask.dropLanes(seed, stream, copy, i, end, threshold);
      int base = i & -AutoVectorPhilox.CHUNK_WORDS;
      int blocks = Math.min(CHUNK, (end - base) >>> 2);
      for (int k = (i - base) >>> 2; k < blocks; k++) {
        for (int w = 0; w < 4; w++) {
          int at = (base + 4 * k + w) * Double.BYTES;
          double x = Double.longBitsToDouble((long) LONGS.get(in, inOffset + at));
          long drop = lanes[w * CHUNK + k];
          LONGS.set(out, outOffset + at, Double.doubleToRawLongBits(x * s) & ~drop);
        }
      }
      for (int j = base + 4 * blocks; j < end; j++) {
        scaleDouble(in, inOffset, out, outOffset, j, lanes[AutoVectorPhilox.lane(j)], s);
      }
    }
  }

  /** Alpha dropout of a row: {@code keep ? a * x + b : dropped}. */
  static void affineFloats(byte[] in, int inOffset, byte[] out, int outOffset, int count,
      long seed, long stream, int copy, long threshold, float a,
      float b, float dropped) {
    int droppedBits = Float.floatToRawIntBits(dropped);
    if (VECTOR) {
      VectorWordTransforms.affineFloats(in, inOffset, out, outOffset, count,
          KeepMask.words(seed, stream, copy, count), threshold, a, b, dropped);
      return;
    }
    for (int i = 0, end; i < count; i = end) {
      end = AutoVectorPhilox.chunkEnd(i, count);
      long[] lanes = KeepMask.dropLanes(seed, stream, copy, i, end, threshold);
      int base = i & -AutoVectorPhilox.CHUNK_WORDS;
      int blocks = Math.min(CHUNK, (end - base) >>> 2);
      for (int k = (i - base) >>> 2; k < blocks; k++) {
        for (int w = 0; w < 4; w++) {
          int at = (base + 4 * k + w) * Float.BYTES;
          float x = Float.intBitsToFloat((int) INTS.get(in, inOffset + at));
          int drop = (int) lanes[w * CHUNK + k];
          INTS.set(out, outOffset + at,
              Float.floatToRawIntBits(a * x + b) & ~drop | droppedBits & drop);
        }
      }
      for (int j = base + 4 * blocks; j < end; j++) {
        affineFloat(in, inOffset, out, outOffset, j, (int) lanes[AutoVectorPhilox.lane(j)],
            a, b, droppedBits);
      }
    }
  }

  /** Alpha dropout of a row: {@code keep ? a * x + b : dropped}. */
  static void affineDoubles(byte[] in, int inOffset, byte[] out, int outOffset, int count,
      long seed, long stream, int copy, long threshold, double a,
      double b, double dropped) {
    long droppedBits = Double.doubleToRawLongBits(dropped);
    if (VECTOR) {
      VectorWordTransforms.affineDoubles(in, inOffset, out, outOffset, count,
          KeepMask.words(seed, stream, copy, count), threshold, a, b, dropped);
      return;
    }
    for (int i = 0, end; i < count; i = end) {
      end = AutoVectorPhilox.chunkEnd(i, count);
      long[] lanes = KeepMask.dropLanes(seed, stream, copy, i, end, threshold);
      int base = i & -AutoVectorPhilox.CHUNK_WORDS;
      int blocks = Math.min(CHUNK, (end - base) >>> 2);
      for (int k = (i - base) >>> 2; k < blocks; k++) {
        for (int w = 0; w < 4; w++) {
          int at = (base + 4 * k + w) * Double.BYTES;
          double x = Double.longBitsToDouble((long) LONGS.get(in, inOffset + at));
          long drop = lanes[w * CHUNK + k];
          LONGS.set(out, outOffset + at,
              Double.doubleToRawLongBits(a * x + b) & ~drop | droppedBits & drop);
        }
      }
      for (int j = base + 4 * blocks; j < end; j++) {
        affineDouble(in, inOffset, out, outOffset, j, lanes[AutoVectorPhilox.lane(j)],
            a, b, droppedBits);
      }
    }
  }

  // One element each, for the rows' last few, given the element's drop mask (KeepMask.dropMask):
  // from its lane in the plain loops above, from its word in VectorWordTransforms. The block
  // loops above keep the same arithmetic inline, where a call measured a third slower.

  static void scaleFloat(byte[] in, int inOffset, byte[] out, int outOffset, int i, int drop,
      float s) {
    int at = i * Float.BYTES;
    float x = Float.intBitsToFloat((int) INTS.get(in, inOffset + at));
    INTS.set(out, outOffset + at,
        Float.floatToRawIntBits(x * s) & ~drop);
  }

  static void scaleDouble(byte[] in, int inOffset, byte[] out, int outOffset, int i, long drop,
      double s) {
    int at = i * Double.BYTES;
    double x = Double.longBitsToDouble((long) LONGS.get(in, inOffset + at));
    LONGS.set(out, outOffset + at,
        Double.doubleToRawLongBits(x * s) & ~drop);
  }

  static void affineFloat(byte[] in, int inOffset, byte[] out, int outOffset, int i, int drop,
      float a, float b, int droppedBits) {
    int at = i * Float.BYTES;
    float x = Float.intBitsToFloat((int) INTS.get(in, inOffset + at));
    INTS.set(out, outOffset + at,
        Float.floatToRawIntBits(a * x + b) & ~drop | droppedBits & drop);
  }

  static void affineDouble(byte[] in, int inOffset, byte[] out, int outOffset, int i, long drop,
      double a, double b, long droppedBits) {
    int at = i * Double.BYTES;
    double x = Double.longBitsToDouble((long) LONGS.get(in, inOffset + at));
    LONGS.set(out, outOffset + at,
        Double.doubleToRawLongBits(a * x + b) & ~drop | droppedBits & drop);
  }
}
