package dev.sparkdropout.bench;

import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.core.DropoutSpec;
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
 * Gaussian dropout and Gaussian noise (docs/SPEC.md §8) in the core on one thread, in elements per
 * second: a row of 256 independent elements per call, from little-endian input bytes to output
 * bytes as in Spark's unsafe arrays, the row's stream changing every call, as {@link
 * CoreBenchmark} measures dropout.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GaussianBenchmark {

  static final int ELEMENTS = 256;

  @Param({"gaussian_dropout", "gaussian_noise"})
  public String method;

  private DropoutSpec spec;
  private byte[] floatBytes;
  private byte[] doubleBytes;
  private byte[] out;
  private long stream;

  @Setup
  public void setUp() {
    DropoutMethod m = DropoutMethod.fromName(method);
    spec = DropoutSpec.of(m, m == DropoutMethod.GAUSSIAN_DROPOUT ? 0.3 : 0.1, 42L, null);
    Random random = new Random(1);
    ByteBuffer floats = ByteBuffer.allocate(ELEMENTS * Float.BYTES)
        .order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer doubles = ByteBuffer.allocate(ELEMENTS * Double.BYTES)
        .order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < ELEMENTS; i++) {
      floats.putFloat((float) random.nextGaussian());
      doubles.putDouble(random.nextGaussian());
    }
    floatBytes = floats.array();
    doubleBytes = doubles.array();
    out = new byte[ELEMENTS * Double.BYTES];
  }

  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public Object floats() {
    spec.applyFloats(floatBytes, 0, out, 0, ELEMENTS, stream++, 0);
    return out;
  }

  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public Object doubles() {
    spec.applyDoubles(doubleBytes, 0, out, 0, ELEMENTS, stream++, 0);
    return out;
  }
}
