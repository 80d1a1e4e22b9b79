package dev.sparkdropout.bench;

import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.core.DropoutSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * One build's core over many rows of one case, in nanoseconds per row: one output array for all
 * rows (the Spark kernels write into their call's buffer) and a new stream per row, over about
 * 2 MB of input so the rows do not all sit in the fastest caches. {@link CompareBuilds} loads
 * this class afresh into each copy's class loader, so it links to that build's core and has JIT
 * profiles of its own.
 * Uses only the core's public API, which older builds have too.
 */
public final class BuildLoop implements ToDoubleFunction<String> {

  private static final int INPUT_BYTES = 2 << 20;

  private final Map<String, Case> cases = new HashMap<>();

  /** A case as parsed once: its spec, element type and count, and its rows of input. */
  private record Case(DropoutSpec spec, boolean floats, int n, byte[][] rows) {

    static Case parse(String name) {
      String[] parts = name.split(" ");
      DropoutSpec spec = DropoutSpec.of(DropoutMethod.fromName(parts[0]), 0.3, 42L, null);
      boolean floats = parts[1].equals("floats");
      int n = Integer.parseInt(parts[2]);
      return new Case(spec, floats, n, input(n * (floats ? Float.BYTES : Double.BYTES)));
    }
  }

  /** Runs {@code case} ("method type elements", e.g. "dropout floats 256") over its rows once. */
  @Override
  public double applyAsDouble(String name) {
    Case c = cases.computeIfAbsent(name, Case::parse);
    byte[][] rows = c.rows();
    int size = rows[0].length;
    byte[] out = new byte[size];
    long start = System.nanoTime();
    for (int i = 0; i < rows.length; i++) {
      if (c.floats()) {
        c.spec().applyFloats(rows[i], 0, out, 0, c.n(), i, 0);
      } else {
        c.spec().applyDoubles(rows[i], 0, out, 0, c.n(), i, 0);
      }
    }
    return (System.nanoTime() - start) / (double) rows.length;
  }

  private static byte[][] input(int size) {
    Random random = new Random(1);
    byte[][] rows = new byte[Math.max(64, INPUT_BYTES / size)][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new byte[size];
      random.nextBytes(rows[i]);
    }
    return rows;
  }
}
