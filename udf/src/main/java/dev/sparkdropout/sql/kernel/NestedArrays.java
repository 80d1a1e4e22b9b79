package dev.sparkdropout.sql.kernel;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import dev.sparkdropout.core.DropoutSpec;
import dev.sparkdropout.core.NoiseLayout;
import dev.sparkdropout.core.NoiseShapeException;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.bitset.BitSetMethods;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Kernels for nested arrays of floats or doubles: a row of depth k is a rank-k tensor
 * (docs/SPEC.md §5). Results are written in Spark's unsafe layout into the call's
 * {@link OutputBuffer}.
 * A row that is an unsafe array on a {@code byte[]}, as Spark's rows hold it, is copied there as
 * it is; any other row (column vectors of nested Parquet reads, arrays made by other expressions)
 * is written out there the way Spark's {@code UnsafeProjection} would. Then the leaves' values go
 * through the shared core in row-major order and back into their places.
 *
 * <p>Positions: without a noise shape, elements are numbered in row-major order and a NULL inner
 * array holds no elements. With a noise shape the row must be rectangular, and a NULL inner array
 * keeps the place of the elements it would hold, so every element has its tensor position.
 */
public final class NestedArrays {

  private NestedArrays() {}

  public static ArrayData applyFloats(DropoutSpec spec, UTF8String column, long stream, int copy,
      ArrayData x, int depth, OutputBuffer buffer) {
    return apply(spec, column, stream, copy, x, depth, Float.BYTES, buffer);
  }

  public static ArrayData applyDoubles(DropoutSpec spec, UTF8String column, long stream, int copy,
      ArrayData x, int depth, OutputBuffer buffer) {
    return apply(spec, column, stream, copy, x, depth, Double.BYTES, buffer);
  }

  private static ArrayData apply(DropoutSpec spec, UTF8String column, long stream, int copy,
      ArrayData x, int depth, int elementSize, OutputBuffer buffer) {
    if (x == null || spec.isIdentity()) {
      return x;
    }
    return dropout(spec, column, stream, copy, x, Shape.of(spec, column, x, depth, elementSize),
        elementSize, buffer);
  }

  /**
   * Dropout of a row whose leaves hold values of {@code elementSize} bytes. The result has the
   * input's nesting, sizes and NULLs, with other values. An unsafe row on a {@code byte[]} is
   * copied whole and its leaves' values gathered from the copy; another row is written out in the
   * unsafe layout, its leaves' values gathered as they are written. Either way the values go
   * through the core in the buffer's scratch and are put back, rather than built as new leaf
   * arrays that Spark would write again element by element (bench/README.md, the kernels).
   */
  private static ArrayData dropout(DropoutSpec spec, UTF8String column, long stream, int copy,
      ArrayData x, Shape shape, int elementSize, OutputBuffer buffer) {
    byte[] values = OutputBuffer.scratch(buffer, shape.elements * elementSize);
    boolean unsafe = UnsafeValues.onHeap(x);
    int size = unsafe
        ? ((UnsafeArrayData) x).getSizeInBytes() : shape.sizeOf(column, x, elementSize);
    byte[] out = OutputBuffer.bytes(buffer, size);
    if (unsafe) {
      UnsafeArrayData row = (UnsafeArrayData) x;
      System.arraycopy(row.getBaseObject(), index(row.getBaseOffset()), out, 0, size);
      // System.arraycopy, not Platform.copyMemory: a leaf holds few values, and copyMemory's
      // fixed cost per call is many times arraycopy's.
      shape.leaves(out, Platform.BYTE_ARRAY_OFFSET, 0, 0, (leaf, count, position) ->
          System.arraycopy(out, index(leaf) + UnsafeArrayData.calculateHeaderPortionInBytes(count),
              values, position * elementSize, count * elementSize));
    } else {
      shape.write(x, out, elementSize, (leaf, at, position) ->
          copyValues(leaf, values, position * elementSize, elementSize));
    }
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
      // The leaf's NULL bitmap is the input's: it says which slots to zero.
      written.pointTo(out, leaf, header + count * elementSize);
      ArrayNulls.restore(written, written, elementSize);
    });
    return pointTo(out, size);
  }

  /** A leaf's values, NULL or not, as little-endian bytes at {@code index} in {@code to}. */
  private static void copyValues(ArrayData leaf, byte[] to, int index, int elementSize) {
    long offset = Platform.BYTE_ARRAY_OFFSET + index;
    int n = leaf.numElements();
    if (elementSize == Float.BYTES) {
      for (int i = 0; i < n; i++) {
        Platform.putFloat(to, offset + (long) i * Float.BYTES, leaf.getFloat(i));
      }
    } else {
      for (int i = 0; i < n; i++) {
        Platform.putDouble(to, offset + (long) i * Double.BYTES, leaf.getDouble(i));
      }
    }
  }

  /** The unsafe array of {@code size} bytes at the start of {@code bytes}. */
  private static UnsafeArrayData pointTo(byte[] bytes, int size) {
    UnsafeArrayData array = new UnsafeArrayData();
    array.pointTo(bytes, Platform.BYTE_ARRAY_OFFSET, size);
    return array;
  }

  /** The index in a {@code byte[]} of an offset from its base, as unsafe arrays hold offsets. */
  private static int index(long offset) {
    return Math.toIntExact(offset - Platform.BYTE_ARRAY_OFFSET);
  }

  /**
   * The binary mask with the row's nesting and {@code tinyint} elements, NULL where the row's
   * elements are, written in the unsafe layout into {@code buffer} (new bytes without one); the
   * mask of the whole row is made first, in the buffer's scratch.
   */
  public static ArrayData mask(DropoutSpec spec, UTF8String column, long stream, int copy,
      ArrayData x, int depth, OutputBuffer buffer) {
    if (x == null) {
      return null;
    }
    Shape shape = Shape.of(spec, column, x, depth, Byte.BYTES);
    byte[] mask = OutputBuffer.scratch(buffer, shape.elements);
    spec.writeMask(shape.layout, stream, copy, mask, 0);
    int size = shape.sizeOf(column, x, Byte.BYTES);
    byte[] out = OutputBuffer.bytes(buffer, size);
    shape.write(x, out, Byte.BYTES, (leaf, at, position) ->
        System.arraycopy(mask, position, out, at, leaf.numElements()));
    return pointTo(out, size);
  }

  /**
   * Receives each leaf array of a row being written out: where its values go in the output
   * bytes, and the position of its first element.
   */
  private interface LeafVisitor {
    void visit(ArrayData leaf, int at, int position);
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

    /**
     * The shape of a row whose values are {@code elementSize} bytes each.
     *
     * @throws RowTooLargeException when the values alone would need more than one array holds
     */
    static Shape of(DropoutSpec spec, UTF8String column, ArrayData x, int depth,
        int elementSize) {
      if (spec.noiseShape() == null) {
        long count = countElements(x, 0, depth);
        int valueBytes = RowTooLargeException.bytes(column, count * elementSize, count,
            elementSize);
        int elements = valueBytes / elementSize;
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
      // skip[depth] stays 0: a NULL element is one position, handled by its leaf array. The
      // products are capped, which only a row too large reaches, and for no overflow: an outer
      // axis of size 0 leaves the inner ones unused, however large a noise shape makes them.
      int[] skip = new int[depth + 1];
      long positions = 1;
      for (int level = depth - 1; level >= 0; level--) {
        positions = Math.min(positions * dims[level], Integer.MAX_VALUE);
        skip[level] = (int) positions;
      }
      if (positions * elementSize > RowTooLargeException.MAX_BYTES) {
        throw new RowTooLargeException(column, Arrays.stream(dims).mapToObj(String::valueOf)
            .collect(Collectors.joining(" x ")), elementSize);
      }
      NoiseLayout layout = RowShapes.layout(spec, column, dims);
      return new Shape(depth, skip[0], layout, skip);
    }

    private static long countElements(ArrayData a, int level, int depth) {
      int n = a.numElements();
      if (level == depth - 1) {
        return n;
      }
      long count = 0;
      for (int i = 0; i < n; i++) {
        if (!a.isNullAt(i)) {
          count += countElements(a.getArray(i), level + 1, depth);
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

    /**
     * Visits the leaf arrays of the unsafe array at {@code offset} in {@code bytes} in row-major
     * order, read where they lie: no array objects are made for the inner arrays. Returns the
     * position after the array.
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
     * The bytes of row {@code x} in Spark's unsafe layout with leaves of {@code elementSize}-byte
     * elements.
     *
     * @throws RowTooLargeException naming {@code column} when one array cannot hold them
     */
    int sizeOf(UTF8String column, ArrayData x, int elementSize) {
      return RowTooLargeException.bytes(column, bytes(x, 0, elementSize), elements, elementSize);
    }

    private long bytes(ArrayData a, int level, int elementSize) {
      int n = a.numElements();
      if (level == depth - 1) {
        return UnsafeLayout.size(n, elementSize);
      }
      long size = UnsafeLayout.size(n, Long.BYTES);
      for (int i = 0; i < n; i++) {
        if (!a.isNullAt(i)) {
          size += bytes(a.getArray(i), level + 1, elementSize);
        }
      }
      return size;
    }

    /**
     * Writes {@code a} into {@code out} in Spark's unsafe layout, byte for byte as its
     * {@code UnsafeProjection} writes it, with leaves of {@code elementSize}-byte elements whose
     * values {@code visitor} writes; each leaf's NULL elements stay NULL, their slots zeroed.
     */
    void write(ArrayData a, byte[] out, int elementSize, LeafVisitor visitor) {
      write(a, 0, new int[1], out, 0, elementSize, visitor, new UnsafeArrayData());
    }

    /**
     * Writes {@code a} (at {@code level}) at {@code at} in {@code out}, {@code position[0]} its
     * first element's position; returns its size. Each array: its count, its NULL bitmap, then
     * its elements; an inner array's element slots hold each array's offset (from the start of
     * theirs) and size, and the arrays follow. A leaf's values are padded with zeros to a multiple
     * of 8 bytes.
     */
    private int write(ArrayData a, int level, int[] position, byte[] out, int at,
        int elementSize, LeafVisitor visitor, UnsafeArrayData leafView) {
      int n = a.numElements();
      long start = Platform.BYTE_ARRAY_OFFSET + at;
      int header = UnsafeLayout.start(out, start, n);
      if (level == depth - 1) {
        int size = (int) UnsafeLayout.size(n, elementSize); // within the row's, checked
        if (size > header) {
          Platform.putLong(out, start + size - Long.BYTES, 0L);
        }
        visitor.visit(a, at + header, position[0]);
        position[0] += n;
        leafView.pointTo(out, start, size);
        ArrayNulls.restore(a, leafView, elementSize);
        return size;
      }
      int size = header + n * Long.BYTES;
      for (int i = 0; i < n; i++) {
        long slot = start + header + (long) i * Long.BYTES;
        if (a.isNullAt(i)) {
          position[0] += skip[level + 1];
          BitSetMethods.set(out, start + Long.BYTES, i);
          Platform.putLong(out, slot, 0L);
        } else {
          int child = write(a.getArray(i), level + 1, position, out, at + size, elementSize,
              visitor, leafView);
          Platform.putLong(out, slot, (long) size << 32 | child);
          size += child;
        }
      }
      return size;
    }
  }
}
