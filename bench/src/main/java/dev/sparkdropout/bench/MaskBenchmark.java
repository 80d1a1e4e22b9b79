package dev.sparkdropout.bench;

import dev.sparkdropout.core.KeepMask;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Mask generation alone, in elements per second: Philox words and the keep test, one byte each. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MaskBenchmark {

  @Param({"0.5", "0.3"})
  public double rate;

  private long stream;

  @Benchmark
  @OperationsPerInvocation(CoreBenchmark.ELEMENTS)
  public byte[] mask() {
    return KeepMask.generate(42L, stream++, 0, KeepMask.threshold(rate), CoreBenchmark.ELEMENTS);
  }
}
