package dev.sparkdropout.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code CoreBenchmark.floats} (dropout at rate 0.3) in a JVM that has run double dropout first,
 * as an executor does for a job with both {@code array<float>} and ML vector columns. The JIT
 * compiles the Vector API from profiles the two kernels share; once, the double kernel's vectors
 * spoilt them and made float dropout here 2.5x slower than alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MixedBenchmark {

  /** Enough rows for the JIT to compile double dropout fully. */
  private static final int DOUBLE_ROWS = 200_000;

  private final CoreBenchmark core = new CoreBenchmark();

  @Setup
  public void runDoubleDropout() {
    core.method = "dropout";
    core.rate = 0.3;
    core.noiseShape = "none";
    core.setUp();
    for (int row = 0; row < DOUBLE_ROWS; row++) {
      core.doubles();
    }
  }

  @Benchmark
  @OperationsPerInvocation(CoreBenchmark.ELEMENTS)
  public Object floatsAfterDoubles() {
    return core.floats();
  }
}
