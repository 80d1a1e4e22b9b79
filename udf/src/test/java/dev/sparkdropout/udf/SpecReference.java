package dev.sparkdropout.udf;

import dev.sparkdropout.core.Philox4x32;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * SPEC.md written out a second time, directly from its text, for the tests to compare against:
 * only the Philox block (tested on its own against the published known answers) is shared with
 * the production code. Values are as {@code Row.get} returns them.
 */
public final class SpecReference {

  enum Output { DROPOUT, ALPHA_DROPOUT, MASK }

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

  /** SPEC section 4. */
  boolean keep(long stream, int j) {
    int[] words = new int[4];
    Philox4x32.block((int) stream, (int) (stream >>> 32), j >>> 2, copy, (int) seed,
        (int) (seed >>> 32), words, 0);
    long u = words[j & 3] & 0xFFFFFFFFL;
    return u >= (long) Math.floor(rate * 4294967296.0);
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
      return transform(elements, 1, stream);
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
      return element(node, keep(stream, j));
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

  /** SPEC section 5: j = sum (ni == 1 ? 0 : ii) * prod over later b of (nb == 1 ? 1 : db). */
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

  /** SPEC sections 1 and 6. */
  private Object element(Object x, boolean keep) {
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
