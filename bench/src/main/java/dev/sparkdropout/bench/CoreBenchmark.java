package dev.sparkdropout.bench;

import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.core.DropoutSpec;
import dev.sparkdropout.core.NoiseLayout;
import dev.sparkdropout.core.NoiseShape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The core on one thread, in elements per second: a row of 256 elements per call, the row's
 * stream changing every call, the way the Spark kernels call it. Independent elements ("none")
 * go from little-endian input bytes to output bytes, as in Spark's unsafe arrays; the "shared"
 * case (a 16 x 16 tensor with noise_shape (1, -1)) copies the input into a Java array first.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CoreBenchmark {

  static final int ELEMENTS = 256;

  @Param({"dropout", "alpha_dropout"})
  public String method;

  @Param({"0.5", "0.3"})
  public double rate;

  @Param({"none", "shared"})
  public String noiseShape;

  private DropoutSpec spec;
  private NoiseLayout layout;
  private float[] floatSource;
  private double[] doubleSource;
  private float[] floats;
  private double[] doubles;
  private byte[] floatBytes;
  private byte[] doubleBytes;
  private byte[] out;
  private long stream;

  @Setup
  public void setUp() {
    NoiseShape shape = noiseShape.equals("shared") ? NoiseShape.of(1, -1) : null;
    spec = DropoutSpec.of(DropoutMethod.fromName(method), rate, 42L, shape);
    layout = spec.layout(16, 16);
    Random random = new Random(1);
    floatSource = new float[ELEMENTS];
    doubleSource = new double[ELEMENTS];
    for (int i = 0; i < ELEMENTS; i++) {
      floatSource[i] = (float) random.nextGaussian();
      doubleSource[i] = random.nextGaussian();
    }
    floats = new float[ELEMENTS];
    doubles = new double[ELEMENTS];
    ByteBuffer floatBuffer = ByteBuffer.allocate(ELEMENTS * Float.BYTES)
        .order(ByteOrder.LITTLE_ENDIAN);
    floatBuffer.asFloatBuffer().put(floatSource);
    floatBytes = floatBuffer.array();
    ByteBuffer doubleBuffer = ByteBuffer.allocate(ELEMENTS * Double.BYTES)
        .order(ByteOrder.LITTLE_ENDIAN);
    doubleBuffer.asDoubleBuffer().put(doubleSource);
    doubleBytes = doubleBuffer.array();
    out = new byte[ELEMENTS * Double.BYTES];
  }

  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public Object floats() {
    if (layout.index() == null) {
      spec.applyFloats(floatBytes, 0, out, 0, ELEMENTS, stream++, 0);
      return out;
    }
    System.arraycopy(floatSource, 0, floats, 0, ELEMENTS);
    spec.apply(floats, spec.keepMask(stream++, 0, layout.noiseSize()), layout.index());
    return floats;
  }

  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public Object doubles() {
    if (layout.index() == null) {
      spec.applyDoubles(doubleBytes, 0, out, 0, ELEMENTS, stream++, 0);
      return out;
    }
    System.arraycopy(doubleSource, 0, doubles, 0, ELEMENTS);
    spec.apply(doubles, spec.keepMask(stream++, 0, layout.noiseSize()), layout.index());
    return doubles;
  }
}
