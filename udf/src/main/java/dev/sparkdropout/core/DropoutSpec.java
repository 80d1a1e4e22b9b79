package dev.sparkdropout.core;

import dev.sparkdropout.core.engine.Engines;
import dev.sparkdropout.core.engine.LittleEndianValues;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * One dropout as docs/SPEC.md defines it: method, rate (or Gaussian noise's stddev), seed and
 * optional noise shape, with every constant the element loops need computed once, in double, and
 * cast to float once. Every surface (SQL functions, Column API, mapPartitions, ML stage, job)
 * applies noise through this class, so they all produce the same bits.
 */
public final class DropoutSpec implements Serializable {

  private static final long serialVersionUID = 1L;

  private final DropoutMethod method;
  private final double rate;
  private final long seed;
  private final NoiseShape noiseShape;

  private final long threshold;
  private final double doubleScale;
  private final double doubleShift;
  private final double doubleDropped;
  private final float floatScale;
  private final float floatShift;
  private final float floatDropped;
  /** Gaussian dropout's sigma or Gaussian noise's stddev: what multiplies a normal variate. */
  private final double noiseScale;

  private DropoutSpec(DropoutMethod method, double rate, long seed, NoiseShape noiseShape) {
    this.method = method;
    this.rate = rate;
    this.seed = seed;
    this.noiseShape = noiseShape;
    this.threshold = method.isGaussian() ? 0 : KeepMask.threshold(rate);
    this.noiseScale = method == DropoutMethod.GAUSSIAN_DROPOUT
        ? StrictMath.sqrt(rate / (1 - rate)) : rate;
    if (method != DropoutMethod.ALPHA_DROPOUT) {
      // keep ? x * scale : +0.0 as the affine map of alpha dropout, bit for bit: y + -0.0 is y
      // for every y (-0.0, NaN and infinities too), and Java never fuses a * x + b. Gaussian
      // methods never use these.
      this.doubleScale = 1.0 / (1.0 - rate);
      this.doubleShift = -0.0;
      this.doubleDropped = 0.0;
    } else {
      this.doubleScale = AlphaDropout.a(rate);
      this.doubleShift = AlphaDropout.b(rate);
      this.doubleDropped = AlphaDropout.droppedValue(rate);
    }
    this.floatScale = (float) doubleScale;
    this.floatShift = (float) doubleShift;
    this.floatDropped = (float) doubleDropped;
  }

  /**
   * A validated spec. Spatial dropout is dropout with the noise shape {@link NoiseShape#spatial}
   * of the row's rank, which the caller passes; the spec is then that dropout's.
   *
   * @param rate the rate, or {@code gaussian_noise}'s stddev
   * @param noiseShape the noise shape, or {@code null} for independent elements
   * @throws IllegalArgumentException when the rate or stddev is out of the method's range
   */
  public static DropoutSpec of(DropoutMethod method, double rate, long seed,
      NoiseShape noiseShape) {
    Objects.requireNonNull(method, "method");
    method.check(rate);
    if (method == DropoutMethod.SPATIAL_DROPOUT) {
      Objects.requireNonNull(noiseShape, "spatial_dropout's noise shape");
      return new DropoutSpec(DropoutMethod.DROPOUT, rate, seed, noiseShape);
    }
    return new DropoutSpec(method, rate, seed, noiseShape);
  }

  public DropoutMethod method() {
    return method;
  }

  /** The rate, or {@code gaussian_noise}'s stddev. */
  public double rate() {
    return rate;
  }

  public long seed() {
    return seed;
  }

  /** The noise shape, or {@code null} when every element is independent. */
  public NoiseShape noiseShape() {
    return noiseShape;
  }

  /** The unsigned 32-bit value a Philox word must reach for its element to be kept. */
  public long threshold() {
    return threshold;
  }

  /** Rate 0 (stddev 0) returns the input bit for bit (docs/SPEC.md §2 and §8). */
  public boolean isIdentity() {
    return rate == 0.0;
  }

  /**
   * Rate 1 drops every element (docs/SPEC.md §2). Its threshold, 2^32, is beyond the unsigned
   * words the engines compare, so no engine is asked.
   */
  private boolean dropsAll() {
    return rate == 1.0 && !method.isGaussian();
  }

  /**
   * The layout of a rectangular row with the given sizes; without a noise shape every element
   * is independent.
   */
  public NoiseLayout layout(int... dims) {
    if (noiseShape == null) {
      int elements = 1;
      for (int d : dims) {
        elements = Math.multiplyExact(elements, d);
      }
      return NoiseLayout.independent(elements);
    }
    return noiseShape.layout(dims);
  }

  /** The keep decisions of a row's {@code noiseSize} noise indices: 1 kept, 0 dropped. */
  public byte[] keepMask(long stream, int copy, int noiseSize) {
    checkHasMask();
    return dropsAll() ? new byte[noiseSize]
        : KeepMask.generate(seed, stream, copy, threshold, noiseSize);
  }

  private void checkHasMask() {
    if (!method.hasMask()) {
      throw new IllegalStateException(method.sqlName() + " has no keep decisions");
    }
  }

  /**
   * The keep decisions of the elements at {@code positions} of a rank-1 row of {@code size}
   * elements, such as a sparse vector's stored entries: computed at their noise indices alone,
   * so time and memory go with the positions, not the size. Ascending positions share blocks.
   *
   * @throws NoiseShapeException when the row does not fit the noise shape
   */
  public byte[] keepAt(long stream, int copy, int size, int[] positions) {
    checkHasMask();
    return KeepMask.at(seed, stream, copy, threshold, noiseAt(size, positions));
  }

  /** The noise indices of {@code positions} of a rank-1 row: all 0 where the shape shares. */
  private int[] noiseAt(int size, int[] positions) {
    boolean shared = noiseShape != null && noiseShape.sharedAxes(new int[] {size})[0];
    return shared ? new int[positions.length] : positions;
  }

  /**
   * Applies the noise in place to the values at {@code positions} of a rank-1 row of {@code size}
   * elements, every other element being 0, such as a sparse vector's stored entries: what
   * dropout and Gaussian dropout do there, since they map 0 to 0. Computed at those noise
   * indices alone, so time and memory go with the positions, not the size.
   *
   * @throws NoiseShapeException when the row does not fit the noise shape
   */
  public void applyAt(double[] values, long stream, int copy, int size, int[] positions) {
    if (isIdentity()) {
      return;
    }
    if (method.isGaussian()) {
      double[] z = NormalVariates.at(seed, stream, copy, noiseAt(size, positions));
      GaussianNoise.apply(values, z, null, method == DropoutMethod.GAUSSIAN_DROPOUT, noiseScale);
    } else {
      apply(values, keepAt(stream, copy, size, positions), null);
    }
  }

  /** Applies dropout in place: {@code values[i]} uses decision {@code keep[layout index of i]}. */
  public void apply(float[] values, byte[] keep, int[] index) {
    if (isIdentity()) {
      return;
    }
    checkHasMask();
    ElementTransforms.affine(values, keep, index, floatScale, floatShift, floatDropped);
  }

  /** Applies dropout in place: {@code values[i]} uses decision {@code keep[layout index of i]}. */
  public void apply(double[] values, byte[] keep, int[] index) {
    if (isIdentity()) {
      return;
    }
    checkHasMask();
    ElementTransforms.affine(values, keep, index, doubleScale, doubleShift, doubleDropped);
  }

  /**
   * Applies dropout to a rank-1 row in place. For Java callers: it goes through
   * {@link #applyFloats} on a little-endian copy, the form the Spark kernels use.
   *
   * @throws NoiseShapeException when the row does not fit the noise shape
   */
  public void apply(float[] values, long stream, int copy) {
    if (isIdentity()) {
      return; // rate 0 never looks at a row (docs/SPEC.md §1), as in SQL
    }
    byte[] bytes = LittleEndianValues.of(values);
    applyFloats(bytes, 0, bytes, 0, values.length, stream, copy);
    LittleEndianValues.get(bytes, 0, values);
  }

  /**
   * Applies dropout to a rank-1 row in place, as {@link #apply(float[], long, int)}.
   *
   * @throws NoiseShapeException when the row does not fit the noise shape
   */
  public void apply(double[] values, long stream, int copy) {
    if (isIdentity()) {
      return; // rate 0 never looks at a row (docs/SPEC.md §1), as in SQL
    }
    byte[] bytes = LittleEndianValues.of(values);
    applyDoubles(bytes, 0, bytes, 0, values.length, stream, copy);
    LittleEndianValues.get(bytes, 0, values);
  }

  /**
   * Applies dropout to a rank-1 row of {@code count} floats stored little-endian, as Spark's
   * unsafe arrays hold them: read from {@code in} at {@code inOffset}, written to {@code out} at
   * {@code outOffset} ({@code in} itself at the same offset works in place). Without a noise
   * shape (the common case) the decisions are made inside the element loop, from the row's
   * Philox words, with no copy of the values.
   *
   * @throws NoiseShapeException when the row does not fit the noise shape
   */
  public void applyFloats(byte[] in, int inOffset, byte[] out, int outOffset, int count,
      long stream, int copy) {
    if (noiseShape == null) {
      independentFloats(in, inOffset, out, outOffset, count, stream, copy);
    } else {
      applyFloats(in, inOffset, out, outOffset, noiseShape.layout(new int[] {count}), stream,
          copy);
    }
  }

  /**
   * Applies dropout to a row of any rank, its little-endian floats in row-major order, with the
   * row's {@link #layout}, as {@link #applyFloats(byte[], int, byte[], int, int, long, int)}.
   * Where every element has its own decision, noise shape or not, it takes the same element loop.
   */
  public void applyFloats(byte[] in, int inOffset, byte[] out, int outOffset, NoiseLayout layout,
      long stream, int copy) {
    if (layout.index() == null) {
      independentFloats(in, inOffset, out, outOffset, layout.elements(), stream, copy);
      return;
    }
    if (method.isGaussian()) {
      gaussian(in, inOffset, out, outOffset, layout, stream, copy, Float.BYTES);
      return;
    }
    float[] values = new float[layout.elements()];
    LittleEndianValues.get(in, inOffset, values);
    apply(values, keepMask(stream, copy, layout.noiseSize()), layout.index());
    LittleEndianValues.put(values, out, outOffset);
  }

  private void independentFloats(byte[] in, int inOffset, byte[] out, int outOffset, int count,
      long stream, int copy) {
    if (isIdentity()) {
      System.arraycopy(in, inOffset, out, outOffset, count * Float.BYTES);
    } else if (dropsAll()) {
      Arrays.fill(out, outOffset, outOffset + count * Float.BYTES, (byte) 0);
    } else if (method.isGaussian()) {
      gaussian(in, inOffset, out, outOffset, NoiseLayout.independent(count), stream, copy,
          Float.BYTES);
    } else {
      Engines.engine().affineFloats(in, inOffset, out, outOffset, count, seed, stream, copy,
          threshold, floatScale, floatShift, floatDropped);
    }
  }

  /**
   * Applies dropout to a rank-1 row of {@code count} little-endian doubles, as
   * {@link #applyFloats(byte[], int, byte[], int, int, long, int)}.
   *
   * @throws NoiseShapeException when the row does not fit the noise shape
   */
  public void applyDoubles(byte[] in, int inOffset, byte[] out, int outOffset, int count,
      long stream, int copy) {
    if (noiseShape == null) {
      independentDoubles(in, inOffset, out, outOffset, count, stream, copy);
    } else {
      applyDoubles(in, inOffset, out, outOffset, noiseShape.layout(new int[] {count}), stream,
          copy);
    }
  }

  /**
   * Applies dropout to a row of any rank, its little-endian doubles in row-major order, with the
   * row's {@link #layout}, as {@link #applyFloats(byte[], int, byte[], int, NoiseLayout, long,
   * int)}.
   */
  public void applyDoubles(byte[] in, int inOffset, byte[] out, int outOffset,
      NoiseLayout layout, long stream, int copy) {
    if (layout.index() == null) {
      independentDoubles(in, inOffset, out, outOffset, layout.elements(), stream, copy);
      return;
    }
    if (method.isGaussian()) {
      gaussian(in, inOffset, out, outOffset, layout, stream, copy, Double.BYTES);
      return;
    }
    double[] values = new double[layout.elements()];
    LittleEndianValues.get(in, inOffset, values);
    apply(values, keepMask(stream, copy, layout.noiseSize()), layout.index());
    LittleEndianValues.put(values, out, outOffset);
  }

  private void independentDoubles(byte[] in, int inOffset, byte[] out, int outOffset, int count,
      long stream, int copy) {
    if (isIdentity()) {
      System.arraycopy(in, inOffset, out, outOffset, count * Double.BYTES);
    } else if (dropsAll()) {
      Arrays.fill(out, outOffset, outOffset + count * Double.BYTES, (byte) 0);
    } else if (method.isGaussian()) {
      gaussian(in, inOffset, out, outOffset, NoiseLayout.independent(count), stream, copy,
          Double.BYTES);
    } else {
      Engines.engine().affineDoubles(in, inOffset, out, outOffset, count, seed, stream, copy,
          threshold, doubleScale, doubleShift, doubleDropped);
    }
  }

  /** Gaussian noise (docs/SPEC.md §8) of little-endian values, the variates made first. */
  private void gaussian(byte[] in, int inOffset, byte[] out, int outOffset, NoiseLayout layout,
      long stream, int copy, int elementSize) {
    double[] z = NormalVariates.generate(seed, stream, copy, layout.noiseSize());
    boolean multiply = method == DropoutMethod.GAUSSIAN_DROPOUT;
    if (elementSize == Float.BYTES) {
      GaussianNoise.floats(in, inOffset, out, outOffset, layout, z, multiply, noiseScale);
    } else {
      GaussianNoise.doubles(in, inOffset, out, outOffset, layout, z, multiply, noiseScale);
    }
  }

  /**
   * Writes the binary mask of a row with the given layout into {@code out} from {@code offset}:
   * for each element in row-major order, 1 where it is kept and 0 where it is dropped.
   */
  public void writeMask(NoiseLayout layout, long stream, int copy, byte[] out, int offset) {
    checkHasMask();
    int[] index = layout.index();
    if (dropsAll()) {
      Arrays.fill(out, offset, offset + layout.elements(), (byte) 0);
      return;
    }
    if (index == null) {
      Engines.engine().keepBytes(seed, stream, copy, threshold, layout.elements(), out, offset);
      return;
    }
    byte[] keep = keepMask(stream, copy, layout.noiseSize());
    for (int i = 0; i < index.length; i++) {
      out[offset + i] = keep[index[i]];
    }
  }

  /** A spec read from a stream gets its constants from this build, not the writer's. */
  private Object readResolve() {
    return new DropoutSpec(method, rate, seed, noiseShape);
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof DropoutSpec)) {
      return false;
    }
    DropoutSpec that = (DropoutSpec) other;
    return method == that.method
        && Double.compare(rate, that.rate) == 0
        && seed == that.seed
        && Objects.equals(noiseShape, that.noiseShape);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, rate, seed, noiseShape);
  }

  /**
   * Shown by EXPLAIN, so a run can be replayed from its plan:
   * {@code dropout(rate=0.3, seed=42)}, {@code gaussian_noise(stddev=0.1, seed=42)}.
   */
  @Override
  public String toString() {
    String shape = noiseShape == null ? "" : ", noise_shape=" + noiseShape;
    return String.format(Locale.ROOT, "%s(%s=%s, seed=%d%s)",
        method.sqlName(), method.parameterName(), rate, seed, shape);
  }
}
