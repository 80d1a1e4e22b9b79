package dev.sparkdropout.bench;

import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.core.DropoutSpec;
import dev.sparkdropout.core.NoiseLayout;
import dev.sparkdropout.core.NoiseShape;
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
 * The core on one thread, in elements per second: a row of 256 elements per call (a 16 x 16
 * tensor with noise_shape (1, -1) in the "shared" case), its input copied in first as the Spark
 * kernels do, and the row's stream changing every call.
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
  }

  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public float[] floats() {
    System.arraycopy(floatSource, 0, floats, 0, ELEMENTS);
    if (layout.index() == null) {
      spec.apply(floats, stream++, 0);
    } else {
      spec.apply(floats, spec.keepMask(stream++, 0, layout.noiseSize()), layout.index());
    }
    return floats;
  }

  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public double[] doubles() {
    System.arraycopy(doubleSource, 0, doubles, 0, ELEMENTS);
    if (layout.index() == null) {
      spec.apply(doubles, stream++, 0);
    } else {
      spec.apply(doubles, spec.keepMask(stream++, 0, layout.noiseSize()), layout.index());
    }
    return doubles;
  }
}
