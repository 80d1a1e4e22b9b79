package dev.sparkdropout.udf.kernel;

import java.util.Arrays;
import java.util.Locale;
import dev.sparkdropout.core.DropoutSpec;
import dev.sparkdropout.core.NoiseLayout;
import dev.sparkdropout.core.NoiseShapeException;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.bitset.BitSetMethods;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Kernels for nested arrays of floats or doubles: a row of depth k is a rank-k tensor (SPEC
 * section 5). The row's leaf arrays are read in row-major order into one primitive array and the
 * shared core is applied to it. The values go back into a copy of the row's bytes when it is an
 * unsafe array on a {@code byte[]}, as Spark's rows hold it (into the call's
 * {@link OutputBuffer}); the nesting is rebuilt around them otherwise (column vectors of nested
 * Parquet reads, arrays made by other expressions).
 *
 * <p>Positions: without a noise shape, elements are numbered in row-major order and a NULL inner
 * array holds no elements. With a noise shape the row must be rectangular, and a NULL inner array
 * keeps the place of the elements it would hold, so every element has its tensor position.
 */
public final class NestedArrays {

  private NestedArrays() {}

  public static ArrayData applyFloats(DropoutSpec spec, UTF8String column, long stream, int copy,
      ArrayData x, int depth, OutputBuffer buffer) {
    if (x == null || spec.isIdentity()) {
      return x;
    }
    Shape shape = Shape.of(spec, column, x, depth);
    if (UnsafeValues.onHeap(x)) {
      return inPlace(spec, column, stream, copy, (UnsafeArrayData) x, shape, Float.BYTES, buffer);
    }
    float[] values = new float[shape.elements];
    shape.gather(x, 0, 0, (leaf, position) ->
        System.arraycopy(leaf.toFloatArray(), 0, values, position, leaf.numElements()));
    spec.apply(values, spec.keepMask(stream, copy, shape.layout.noiseSize()), shape.layout.index());
    return shape.rebuild(x, 0, new int[1], values, Platform.FLOAT_ARRAY_OFFSET, Float.BYTES);
  }

  public static ArrayData applyDoubles(DropoutSpec spec, UTF8String column, long stream, int copy,
      ArrayData x, int depth, OutputBuffer buffer) {
    if (x == null || spec.isIdentity()) {
      return x;
    }
    Shape shape = Shape.of(spec, column, x, depth);
    if (UnsafeValues.onHeap(x)) {
      return inPlace(spec, column, stream, copy, (UnsafeArrayData) x, shape, Double.BYTES,
          buffer);
    }
    double[] values = new double[shape.elements];
    shape.gather(x, 0, 0, (leaf, position) ->
        System.arraycopy(leaf.toDoubleArray(), 0, values, position, leaf.numElements()));
    spec.apply(values, spec.keepMask(stream, copy, shape.layout.noiseSize()), shape.layout.index());
    return shape.rebuild(x, 0, new int[1], values, Platform.DOUBLE_ARRAY_OFFSET, Double.BYTES);
  }

  /**
   * Dropout of an unsafe row on a {@code byte[]} (rows from caches, shuffles and files): the
   * result has the input's layout, nesting and NULLs, with other values, so it is a copy of the
   * input's bytes with each leaf's values replaced. The values go through the core in row-major
   * order, gathered into the buffer's scratch, and are put back where they came from. Before,
   * such rows too had leaf arrays built and a {@link GenericArrayData} around them, which Spark
   * then writes element by element: rows of 16 x 16 floats, cached, took 4.5-4.8 times the
   * identity select, and 2.5-2.6 times now (with noise shape {@code (1, -1)}, 3.9-4.3 and
   * 2.6-2.8).
   */
  private static ArrayData inPlace(DropoutSpec spec, UTF8String column, long stream, int copy,
      UnsafeArrayData x, Shape shape, int elementSize, OutputBuffer buffer) {
    int size = x.getSizeInBytes();
    byte[] out = buffer == null ? new byte[size] : buffer.bytes(size);
    System.arraycopy(x.getBaseObject(), index(x.getBaseOffset()), out, 0, size);
    int valuesSize = Math.multiplyExact(shape.elements, elementSize);
    byte[] values = buffer == null ? new byte[valuesSize] : buffer.scratch(valuesSize);
    // System.arraycopy, not Platform.copyMemory: a leaf holds few values, and copyMemory's fixed
    // cost per call is many times arraycopy's.
    shape.leaves(out, Platform.BYTE_ARRAY_OFFSET, 0, 0, (leaf, count, position) ->
        System.arraycopy(out, index(leaf) + UnsafeArrayData.calculateHeaderPortionInBytes(count),
            values, position * elementSize, count * elementSize));
    try {
      if (elementSize == Float.BYTES) {
        spec.applyFloats(values, 0, values, 0, shape.layout, stream, copy);
      } else {
        spec.applyDoubles(values, 0, values, 0, shape.layout, stream, copy);
      }
    } catch (NoiseShapeException e) {
      throw RowShapes.rowError(column, e.getMessage());
    }
    UnsafeArrayData written = new UnsafeArrayData();
    shape.leaves(out, Platform.BYTE_ARRAY_OFFSET, 0, 0, (leaf, count, position) -> {
      int header = UnsafeArrayData.calculateHeaderPortionInBytes(count);
      System.arraycopy(values, position * elementSize, out, index(leaf) + header,
          count * elementSize);
      // The leaf's NULL bitmap is the input's, copied: it says which slots to zero.
      written.pointTo(out, leaf, header + count * elementSize);
      ArrayNulls.restore(written, written, elementSize);
    });
    UnsafeArrayData result = new UnsafeArrayData();
    result.pointTo(out, Platform.BYTE_ARRAY_OFFSET, size);
    return result;
  }

  /** The index in a {@code byte[]} of an offset from its base, as unsafe arrays hold offsets. */
  private static int index(long offset) {
    return Math.toIntExact(offset - Platform.BYTE_ARRAY_OFFSET);
  }

  /**
   * The binary mask with the row's nesting and {@code tinyint} elements; the mask of the whole
   * row goes into {@code buffer}'s scratch when there is one, and the leaves are new arrays.
   */
  public static ArrayData mask(DropoutSpec spec, UTF8String column, long stream, int copy,
      ArrayData x, int depth, OutputBuffer buffer) {
    if (x == null) {
      return null;
    }
    Shape shape = Shape.of(spec, column, x, depth);
    byte[] mask = buffer == null ? new byte[shape.elements] : buffer.scratch(shape.elements);
    spec.writeMask(shape.layout, stream, copy, mask, 0);
    return shape.rebuild(x, 0, new int[1], mask, Platform.BYTE_ARRAY_OFFSET, Byte.BYTES);
  }

  /** Receives each leaf array and the position of its first element. */
  private interface LeafVisitor {
    void visit(ArrayData leaf, int position);
  }

  /**
   * Receives each leaf array of an unsafe row: where it starts in the row's bytes, its element
   * count, and the position of its first element.
   */
  private interface UnsafeLeafVisitor {
    void visit(long leaf, int count, int position);
  }

  /** One row's element count, noise layout, and the positions NULL inner arrays skip. */
  private static final class Shape {
    private final int depth;
    private final int elements;
    private final NoiseLayout layout;
    /** {@code skip[l]}: positions a NULL array at level l stands for (0 without a noise shape). */
    private final int[] skip;

    private Shape(int depth, int elements, NoiseLayout layout, int[] skip) {
      this.depth = depth;
      this.elements = elements;
      this.layout = layout;
      this.skip = skip;
    }

    static Shape of(DropoutSpec spec, UTF8String column, ArrayData x, int depth) {
      if (spec.noiseShape() == null) {
        int elements = countElements(x, 0, depth);
        return new Shape(depth, elements, NoiseLayout.independent(elements), new int[depth + 1]);
      }
      int[] dims = new int[depth];
      Arrays.fill(dims, -1);
      measure(column, x, 0, dims);
      for (int axis = 0; axis < depth; axis++) {
        if (dims[axis] < 0) { // no array on this axis: the row has no elements
          dims[axis] = Math.max(spec.noiseShape().entry(axis), 0);
        }
      }
      NoiseLayout layout = RowShapes.layout(spec, column, dims);
      int[] skip = new int[depth + 1];
      skip[depth] = 1;
      for (int level = depth - 1; level >= 0; level--) {
        skip[level] = Math.multiplyExact(skip[level + 1], dims[level]);
      }
      skip[depth] = 0; // a NULL element is one position, handled by its leaf array
      return new Shape(depth, skip[0], layout, skip);
    }

    private static int countElements(ArrayData a, int level, int depth) {
      int n = a.numElements();
      if (level == depth - 1) {
        return n;
      }
      int count = 0;
      for (int i = 0; i < n; i++) {
        if (!a.isNullAt(i)) {
          count = Math.addExact(count, countElements(a.getArray(i), level + 1, depth));
        }
      }
      return count;
    }

    /** Records each axis's size and rejects a row whose arrays on one axis differ in size. */
    private static void measure(UTF8String column, ArrayData a, int level, int[] dims) {
      int n = a.numElements();
      if (dims[level] < 0) {
        dims[level] = n;
      } else if (dims[level] != n) {
        throw RowShapes.rowError(column, String.format(Locale.ROOT,
            "a noise_shape needs rectangular rows, but axis %d has sizes %d and %d in one row",
            level + 1, dims[level], n));
      }
      if (level + 1 < dims.length) {
        for (int i = 0; i < n; i++) {
          if (!a.isNullAt(i)) {
            measure(column, a.getArray(i), level + 1, dims);
          }
        }
      }
    }

    /** Visits the leaf arrays in row-major order; returns the position after {@code a}. */
    int gather(ArrayData a, int level, int position, LeafVisitor visitor) {
      if (level == depth - 1) {
        visitor.visit(a, position);
        return position + a.numElements();
      }
      int n = a.numElements();
      for (int i = 0; i < n; i++) {
        position = a.isNullAt(i)
            ? position + skip[level + 1] : gather(a.getArray(i), level + 1, position, visitor);
      }
      return position;
    }

    /**
     * As {@link #gather}, for the unsafe array at {@code offset} in {@code bytes}, read where it
     * lies: no array objects are made for the inner arrays.
     */
    int leaves(byte[] bytes, long offset, int level, int position, UnsafeLeafVisitor visitor) {
      int n = Math.toIntExact(Platform.getLong(bytes, offset));
      if (level == depth - 1) {
        visitor.visit(offset, n, position);
        return position + n;
      }
      long slots = offset + UnsafeArrayData.calculateHeaderPortionInBytes(n);
      for (int i = 0; i < n; i++) {
        if (BitSetMethods.isSet(bytes, offset + Long.BYTES, i)) {
          position += skip[level + 1];
        } else {
          long offsetAndSize = Platform.getLong(bytes, slots + (long) i * Long.BYTES);
          position = leaves(bytes, offset + (offsetAndSize >>> 32), level + 1, position, visitor);
        }
      }
      return position;
    }

    /**
     * Rebuilds the nesting of {@code a} around {@code values}, a primitive array of the output
     * element type starting at {@code baseOffset}; {@code position[0]} is the next element.
     */
    ArrayData rebuild(ArrayData a, int level, int[] position, Object values, long baseOffset,
        int elementSize) {
      int n = a.numElements();
      if (level == depth - 1) {
        UnsafeArrayData leaf = UnsafeArrayData.fromPrimitiveArray(
            values, (int) (baseOffset + (long) position[0] * elementSize), n, elementSize);
        position[0] += n;
        return ArrayNulls.restore(a, leaf, elementSize);
      }
      Object[] children = new Object[n];
      for (int i = 0; i < n; i++) {
        if (a.isNullAt(i)) {
          position[0] += skip[level + 1];
        } else {
          children[i] = rebuild(a.getArray(i), level + 1, position, values, baseOffset,
              elementSize);
        }
      }
      return new GenericArrayData(children);
    }
  }
}
