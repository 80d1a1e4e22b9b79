package dev.sparkdropout.sql;

import dev.sparkdropout.core.engine.Philox4x32;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * docs/SPEC.md written out a second time, directly from its text, for the tests to compare against:
 * only the Philox block (tested on its own against the published known answers) is shared with
 * the production code. Values are as {@code Row.get} returns them.
 */
public final class SpecReference {

  /** What a call returns; for Gaussian noise the reference's {@code rate} is its stddev. */
  public enum Output {
    DROPOUT("dropout"), ALPHA_DROPOUT("alpha_dropout"), MASK("dropout_mask"),
    GAUSSIAN_DROPOUT("gaussian_dropout"), GAUSSIAN_NOISE("gaussian_noise");

    private final String function;

    Output(String function) {
      this.function = function;
    }

    /** The SQL function that returns it. */
    public String function() {
      return function;
    }

    boolean gaussian() {
      return this == GAUSSIAN_DROPOUT || this == GAUSSIAN_NOISE;
    }
  }

  private static final double ALPHA_P =
      -1.6732632423543772848170429916717 * 1.0507009873554804934193349852946;

  private final Output output;
  private final double rate;
  private final long seed;
  private final Integer[] noiseShape;
  private final int copy;

  SpecReference(Output output, double rate, long seed, Integer[] noiseShape, int copy) {
    this.output = output;
    this.rate = rate;
    this.seed = seed;
    this.noiseShape = noiseShape;
    this.copy = copy;
  }

  /** docs/SPEC.md §3: {@code seed XOR xxhash64(column)}, the hash of the name's UTF-8 bytes. */
  public static long columnSeed(long seed, String column) {
    return seed ^ xxhash64(column.getBytes(StandardCharsets.UTF_8), 42L);
  }

  /**
   * docs/SPEC.md §3, key mode: {@code xxhash64(k1, ..., kn)}, Spark's hash of several values,
   * where each value's XXH64 is seeded with the hash so far (42 first) and a NULL leaves it as
   * it was. Values may be strings, ints and longs, as {@code Row.get} returns them.
   */
  public static long keyStream(Object... parts) {
    long hash = 42L;
    for (Object part : parts) {
      if (part != null) {
        hash = xxhash64(bytesOf(part), hash);
      }
    }
    return hash;
  }

  /** What Spark's xxhash64 reads: a string's UTF-8, an int's 4 or a long's 8 bytes (LE). */
  private static byte[] bytesOf(Object value) {
    if (value instanceof String) {
      return ((String) value).getBytes(StandardCharsets.UTF_8);
    }
    if (value instanceof Integer) {
      return ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN)
          .putInt((Integer) value).array();
    }
    if (value instanceof Long) {
      return ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN)
          .putLong((Long) value).array();
    }
    throw new IllegalArgumentException("the reference hashes strings, ints and longs, not "
        + value.getClass().getName());
  }

  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long P5 = 0x27D4EB2F165667C5L;

  /** XXH64 as its specification (xxhash.com, doc/xxhash_spec.md) defines it, little-endian. */
  static long xxhash64(byte[] input, long seed) {
    ByteBuffer in = ByteBuffer.wrap(input).order(ByteOrder.LITTLE_ENDIAN);
    long h;
    if (input.length >= 32) {
      long v1 = seed + P1 + P2;
      long v2 = seed + P2;
      long v3 = seed;
      long v4 = seed - P1;
      while (in.remaining() >= 32) {
        v1 = round(v1, in.getLong());
        v2 = round(v2, in.getLong());
        v3 = round(v3, in.getLong());
        v4 = round(v4, in.getLong());
      }
      h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12)
          + Long.rotateLeft(v4, 18);
      for (long v : new long[] {v1, v2, v3, v4}) {
        h = (h ^ round(0, v)) * P1 + P4;
      }
    } else {
      h = seed + P5;
    }
    h += input.length;
    while (in.remaining() >= 8) {
      h = Long.rotateLeft(h ^ round(0, in.getLong()), 27) * P1 + P4;
    }
    if (in.remaining() >= 4) {
      h = Long.rotateLeft(h ^ (in.getInt() & 0xFFFFFFFFL) * P1, 23) * P2 + P3;
    }
    while (in.hasRemaining()) {
      h = Long.rotateLeft(h ^ (in.get() & 0xFFL) * P5, 11) * P1;
    }
    h = (h ^ h >>> 33) * P2;
    h = (h ^ h >>> 29) * P3;
    return h ^ h >>> 32;
  }

  private static long round(long acc, long lane) {
    return Long.rotateLeft(acc + lane * P2, 31) * P1;
  }

  /** docs/SPEC.md §4. */
  boolean keep(long stream, int j) {
    int[] words = new int[4];
    Philox4x32.block((int) stream, (int) (stream >>> 32), j >>> 2, copy, (int) seed,
        (int) (seed >>> 32), words, 0);
    long u = words[j & 3] & 0xFFFFFFFFL;
    return u >= (long) Math.floor(rate * 4294967296.0);
  }

  /**
   * docs/SPEC.md §8: the standard normal variate of noise index {@code j}, Box-Muller of the word
   * pair {@code (j >>> 1) & 1} of the block under the seed's words XOR the offsets.
   */
  double normal(long stream, int j) {
    int[] w = new int[4];
    Philox4x32.block((int) stream, (int) (stream >>> 32), j >>> 2, copy,
        (int) seed ^ 0x6A09E667, (int) (seed >>> 32) ^ 0xBB67AE85, w, 0);
    int h = (j >>> 1) & 1;
    double u1 = ((w[2 * h] & 0xFFFFFFFFL) + 1) * Math.scalb(1.0, -32);
    double u2 = (w[2 * h + 1] & 0xFFFFFFFFL) * Math.scalb(1.0, -32);
    double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
    double t = 6.283185307179586 * u2;
    return (j & 1) == 0 ? r * StrictMath.cos(t) : r * StrictMath.sin(t);
  }

  /** The expected value of element {@code x} with noise index {@code j}. */
  private Object value(Object x, long stream, int j) {
    return output.gaussian() ? gaussian(x, stream, j) : element(x, keep(stream, j));
  }

  /** docs/SPEC.md §8: {@code x * (1 + sigma * z)} or {@code x + stddev * z}, rounded once. */
  private Object gaussian(Object x, long stream, int j) {
    if (x == null) {
      return null;
    }
    if (rate == 0.0) {
      return x;
    }
    double z = normal(stream, j);
    double v = x instanceof Float ? (Float) x : (Double) x;
    double y = output == Output.GAUSSIAN_DROPOUT
        ? v * (1 + StrictMath.sqrt(rate / (1 - rate)) * z) : v + rate * z;
    return x instanceof Float ? (Object) (float) y : (Object) y;
  }

  /**
   * The expected value of the element {@code x} at index {@code i} of a vector of {@code size}
   * elements, from that element alone: for the stored entries of a sparse vector too large for
   * its dense form.
   */
  Object expectedAt(Object x, int i, int size, long stream) {
    int j = noiseShape == null ? i : noiseIndex(new int[] {i}, new int[] {size});
    return value(x, stream, j);
  }

  /** The expected result for one row: nested lists of Float/Double/Byte, or double[] for vectors. */
  Object expected(Object value, int rank, long stream) {
    if (value == null) {
      return null;
    }
    if (value instanceof Vector) {
      double[] dense = ((Vector) value).toArray();
      List<Object> elements = new ArrayList<>();
      for (double v : dense) {
        elements.add(v);
      }
      @SuppressWarnings("unchecked")
      List<Object> result = (List<Object>) transform(elements, 1, stream);
      if (value instanceof SparseVector && output == Output.GAUSSIAN_DROPOUT) {
        // §8: noise on the stored entries only; an implicit zero stays +0.0.
        boolean[] stored = new boolean[dense.length];
        for (int index : ((SparseVector) value).indices()) {
          stored[index] = true;
        }
        for (int i = 0; i < stored.length; i++) {
          if (!stored[i]) {
            result.set(i, 0.0);
          }
        }
      }
      return result;
    }
    return transform(toJava(value), rank, stream);
  }

  private Object transform(Object row, int rank, long stream) {
    int[] dims = null;
    if (noiseShape != null) {
      dims = new int[rank];
      java.util.Arrays.fill(dims, -1);
      measure(row, 0, dims);
    }
    int[] position = {0};
    return walk(row, 0, rank, new int[rank], dims, position, stream);
  }

  private static void measure(Object node, int level, int[] dims) {
    if (node == null || level == dims.length) {
      return;
    }
    List<?> list = (List<?>) node;
    if (dims[level] < 0) {
      dims[level] = list.size();
    }
    for (Object child : list) {
      measure(child, level + 1, dims);
    }
  }

  private Object walk(Object node, int level, int rank, int[] index, int[] dims, int[] position,
      long stream) {
    if (level == rank) {
      int j = dims == null ? position[0]++ : noiseIndex(index, dims);
      return value(node, stream, j);
    }
    if (node == null) {
      return null;
    }
    List<?> list = (List<?>) node;
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      index[level] = i;
      out.add(walk(list.get(i), level + 1, rank, index, dims, position, stream));
    }
    return out;
  }

  /** docs/SPEC.md §5: j = sum (ni == 1 ? 0 : ii) * prod over later b of (nb == 1 ? 1 : db). */
  private int noiseIndex(int[] index, int[] dims) {
    int j = 0;
    for (int i = 0; i < dims.length; i++) {
      int stride = 1;
      for (int b = i + 1; b < dims.length; b++) {
        stride *= shared(b) ? 1 : dims[b];
      }
      j += (shared(i) ? 0 : index[i]) * stride;
    }
    return j;
  }

  private boolean shared(int axis) {
    return noiseShape[axis] != null && noiseShape[axis] == 1;
  }

  /** docs/SPEC.md §1 and §6: element {@code x} kept or dropped. */
  Object element(Object x, boolean keep) {
    if (x == null) {
      return null;
    }
    if (output == Output.MASK) {
      return (byte) (keep ? 1 : 0);
    }
    if (rate == 0.0) {
      return x;
    }
    double a = StrictMath.pow((1 - rate) * (1 + rate * ALPHA_P * ALPHA_P), -0.5);
    double b = -a * ALPHA_P * rate;
    double s = 1 / (1 - rate);
    if (x instanceof Float) {
      float v = (Float) x;
      if (output == Output.DROPOUT) {
        return keep ? v * (float) s : 0.0f;
      }
      return keep ? (float) a * v + (float) b : (float) (a * ALPHA_P + b);
    }
    double v = (Double) x;
    if (output == Output.DROPOUT) {
      return keep ? v * s : 0.0;
    }
    return keep ? a * v + b : a * ALPHA_P + b;
  }

  /** Spark rows hold arrays as Scala sequences; the reference walks Java lists. */
  public static Object toJava(Object value) {
    if (value instanceof Seq) {
      List<Object> out = new ArrayList<>();
      for (Object item : JavaConverters.seqAsJavaList((Seq<?>) value)) {
        out.add(toJava(item));
      }
      return out;
    }
    if (value instanceof Vector) {
      List<Object> out = new ArrayList<>();
      for (double v : ((Vector) value).toArray()) {
        out.add(v);
      }
      return out;
    }
    return value;
  }

  /** Equality of every bit: floats and doubles by their raw bits, -0.0 and NaN payloads included. */
  public static boolean sameBits(Object expected, Object actual) {
    if (expected == null || actual == null) {
      return expected == actual;
    }
    if (expected instanceof List) {
      if (!(actual instanceof List) || ((List<?>) expected).size() != ((List<?>) actual).size()) {
        return false;
      }
      for (int i = 0; i < ((List<?>) expected).size(); i++) {
        if (!sameBits(((List<?>) expected).get(i), ((List<?>) actual).get(i))) {
          return false;
        }
      }
      return true;
    }
    if (expected instanceof Float && actual instanceof Float) {
      return Float.floatToRawIntBits((Float) expected) == Float.floatToRawIntBits((Float) actual);
    }
    if (expected instanceof Double && actual instanceof Double) {
      return Double.doubleToRawLongBits((Double) expected)
          == Double.doubleToRawLongBits((Double) actual);
    }
    return expected.equals(actual);
  }
}
