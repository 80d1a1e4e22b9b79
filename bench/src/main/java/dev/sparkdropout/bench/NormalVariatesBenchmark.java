package dev.sparkdropout.bench;

import dev.sparkdropout.core.NormalVariates;
import dev.sparkdropout.core.engine.Philox4x32;
import java.util.Arrays;
import java.util.Random;
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
 * The normal variates of docs/SPEC.md §8 on one thread, in variates per second, and where their
 * time goes: every case does the work of a row of 256 variates (64 Philox blocks, 128 word pairs)
 * per call. {@code generate} is the core's {@link NormalVariates#generate}; the pieces each do
 * one step of it alone: the Philox words, the 128 logarithms, square roots ({@code StrictMath}
 * and {@code Math}, the same IEEE operation) and cosines and sines, over inputs made once, the
 * next 128 of {@code INPUTS} each call, as fresh to the branch predictor as a row's words
 * ({@code strictCosRepeated} takes the same 128 every call); the {@code candidate} cases are
 * other exact forms of the whole, checked bit for bit against the core when set up, and
 * {@code candidateCopy} a copy of the core's code, which tells what being compiled here rather
 * than in the core does to a form (bench/README.md has what they read).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NormalVariatesBenchmark {

  static final int VARIATES = 256;
  static final int PAIRS = VARIATES / 2;
  /** Buckets of the sorted candidates: the top four bits of a word. */
  static final int BUCKETS = 16;
  private static final long SEED = 42L;
  private static final double TWO_POW_MINUS_32 = 0x1p-32;
  private static final double TWO_PI = 6.283185307179586;
  private static final int KEY0 = (int) SEED ^ 0x6A09E667;
  private static final int KEY1 = (int) (SEED >>> 32) ^ 0xBB67AE85;

  private final int[] words = new int[VARIATES];
  /** Inputs of the pieces: far more than a branch predictor's history holds. */
  static final int INPUTS = 1 << 16;

  private final double[] u1 = new double[INPUTS];
  private final double[] minusTwoLog = new double[INPUTS];
  private final double[] angle = new double[INPUTS];
  private int next;
  private final double[] results = new double[PAIRS];
  private final double[] kept = new double[VARIATES];
  private final double[] radii = new double[PAIRS];
  private final int[] order = new int[PAIRS];
  private final int[] counts = new int[BUCKETS + 1];
  private long stream;

  @Setup
  public void setUp() {
    Random random = new Random(1);
    for (int i = 0; i < INPUTS; i++) {
      u1[i] = (Integer.toUnsignedLong(random.nextInt()) + 1) * TWO_POW_MINUS_32;
      minusTwoLog[i] = -2.0 * StrictMath.log(u1[i]);
      angle[i] = TWO_PI * Integer.toUnsignedLong(random.nextInt()) * TWO_POW_MINUS_32;
    }
    for (long s = 0; s < 1000; s++) {
      double[] core = NormalVariates.generate(SEED, s, 0, VARIATES);
      check(core, candidateKept(s), "kept");
      check(core, candidatePhases(s), "phases");
      check(core, candidateSorted(s, false), "sorted angles");
      check(core, candidateSorted(s, true), "sorted angles and logarithms");
    }
  }

  private static void check(double[] expected, double[] actual, String name) {
    for (int i = 0; i < expected.length; i++) {
      if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i])) {
        throw new AssertionError(name + " differs from the core at " + i);
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(VARIATES)
  public double[] generate() {
    return NormalVariates.generate(SEED, stream++, 0, VARIATES);
  }

  @Benchmark
  @OperationsPerInvocation(VARIATES)
  public int[] philoxWords() {
    long s = stream++;
    for (int b = 0; b < VARIATES / 4; b++) {
      Philox4x32.block((int) s, (int) (s >>> 32), b, 0, KEY0, KEY1, words, 4 * b);
    }
    return words;
  }

  @Benchmark
  @OperationsPerInvocation(VARIATES)
  public double[] strictLog() {
    int from = start();
    for (int i = 0; i < PAIRS; i++) {
      results[i] = StrictMath.log(u1[from + i]);
    }
    return results;
  }

  @Benchmark
  @OperationsPerInvocation(VARIATES)
  public double[] strictSqrt() {
    int from = start();
    for (int i = 0; i < PAIRS; i++) {
      results[i] = StrictMath.sqrt(minusTwoLog[from + i]);
    }
    return results;
  }

  @Benchmark
  @OperationsPerInvocation(VARIATES)
  public double[] mathSqrt() {
    int from = start();
    for (int i = 0; i < PAIRS; i++) {
      results[i] = Math.sqrt(minusTwoLog[from + i]);
    }
    return results;
  }

  @Benchmark
  @OperationsPerInvocation(VARIATES)
  public double[] strictCos() {
    int from = start();
    for (int i = 0; i < PAIRS; i++) {
      results[i] = StrictMath.cos(angle[from + i]);
    }
    return results;
  }

  @Benchmark
  @OperationsPerInvocation(VARIATES)
  public double[] strictCosRepeated() {
    for (int i = 0; i < PAIRS; i++) {
      results[i] = StrictMath.cos(angle[i]);
    }
    return results;
  }

  @Benchmark
  @OperationsPerInvocation(VARIATES)
  public double[] strictSin() {
    int from = start();
    for (int i = 0; i < PAIRS; i++) {
      results[i] = StrictMath.sin(angle[from + i]);
    }
    return results;
  }

  /** Where the next 128 inputs of a piece start. */
  private int start() {
    int from = next;
    next = (next + PAIRS) & (INPUTS - 1);
    return from;
  }

  /** The core's algorithm into an array kept from call to call, a block's words in locals. */
  @Benchmark
  @OperationsPerInvocation(VARIATES)
  public double[] candidateKept() {
    return candidateKept(stream++);
  }

  private double[] candidateKept(long s) {
    double[] z = kept;
    int c0 = (int) s;
    int c1 = (int) (s >>> 32);
    for (int b = 0; b < VARIATES / 4; b++) {
      int x0 = c0;
      int x1 = c1;
      int x2 = b;
      int x3 = 0;
      int k0 = KEY0;
      int k1 = KEY1;
      for (int round = 0; round < Philox4x32.ROUNDS; round++) {
        long p0 = Philox4x32.M0 * Integer.toUnsignedLong(x0);
        long p1 = Philox4x32.M1 * Integer.toUnsignedLong(x2);
        int n0 = (int) (p1 >>> 32) ^ x1 ^ k0;
        int n2 = (int) (p0 >>> 32) ^ x3 ^ k1;
        x0 = n0;
        x1 = (int) p1;
        x2 = n2;
        x3 = (int) p0;
        k0 += Philox4x32.W0;
        k1 += Philox4x32.W1;
      }
      pair(x0, x1, z, 4 * b);
      pair(x2, x3, z, 4 * b + 2);
    }
    return z;
  }

  private static void pair(int w0, int w1, double[] z, int j) {
    double r = Math.sqrt(-2.0 * StrictMath.log((Integer.toUnsignedLong(w0) + 1)
        * TWO_POW_MINUS_32));
    double t = TWO_PI * (Integer.toUnsignedLong(w1) * TWO_POW_MINUS_32);
    z[j] = r * StrictMath.cos(t);
    z[j + 1] = r * StrictMath.sin(t);
  }

  /** Each step over the whole row in turn: the words, then the radii, then the angles. */
  @Benchmark
  @OperationsPerInvocation(VARIATES)
  public double[] candidatePhases() {
    return candidatePhases(stream++);
  }

  private double[] candidatePhases(long s) {
    double[] z = kept;
    for (int b = 0; b < VARIATES / 4; b++) {
      Philox4x32.block((int) s, (int) (s >>> 32), b, 0, KEY0, KEY1, words, 4 * b);
    }
    for (int i = 0; i < PAIRS; i++) {
      results[i] = Math.sqrt(-2.0 * StrictMath.log(
          (Integer.toUnsignedLong(words[2 * i]) + 1) * TWO_POW_MINUS_32));
    }
    for (int i = 0; i < PAIRS; i++) {
      double t = TWO_PI * (Integer.toUnsignedLong(words[2 * i + 1]) * TWO_POW_MINUS_32);
      z[2 * i] = results[i] * StrictMath.cos(t);
      z[2 * i + 1] = results[i] * StrictMath.sin(t);
    }
    return z;
  }

  /**
   * The angles' cosines and sines taken in order of the angle's top four bits (its sixteenth of
   * the circle), and when {@code sortLog} the logarithms in order of their argument's top four
   * mantissa bits, so that StrictMath's branches on the quadrant and the range see runs of the
   * same way: the same calls on the same arguments, only in another order.
   */
  @Benchmark
  @OperationsPerInvocation(VARIATES)
  public double[] candidateSortedAngles() {
    return candidateSorted(stream++, false);
  }

  @Benchmark
  @OperationsPerInvocation(VARIATES)
  public double[] candidateSortedBoth() {
    return candidateSorted(stream++, true);
  }

  private double[] candidateSorted(long s, boolean sortLog) {
    double[] z = kept;
    for (int b = 0; b < VARIATES / 4; b++) {
      Philox4x32.block((int) s, (int) (s >>> 32), b, 0, KEY0, KEY1, words, 4 * b);
    }
    if (sortLog) {
      for (int p = 0; p < PAIRS; p++) {
        order[p] = (int) (Double.doubleToRawLongBits(u1(words[2 * p])) >>> 48) & 0xF;
      }
      sort();
      for (int k = 0; k < PAIRS; k++) {
        int p = order[k];
        radii[p] = Math.sqrt(-2.0 * StrictMath.log(u1(words[2 * p])));
      }
    } else {
      for (int p = 0; p < PAIRS; p++) {
        radii[p] = Math.sqrt(-2.0 * StrictMath.log(u1(words[2 * p])));
      }
    }
    for (int p = 0; p < PAIRS; p++) {
      order[p] = words[2 * p + 1] >>> 28;
    }
    sort();
    for (int k = 0; k < PAIRS; k++) {
      int p = order[k];
      double t = TWO_PI * (Integer.toUnsignedLong(words[2 * p + 1]) * TWO_POW_MINUS_32);
      z[2 * p] = radii[p] * StrictMath.cos(t);
      z[2 * p + 1] = radii[p] * StrictMath.sin(t);
    }
    return z;
  }

  private static double u1(int word) {
    return (Integer.toUnsignedLong(word) + 1) * TWO_POW_MINUS_32;
  }

  /** Replaces each pair's bucket in {@code order} by the pairs in order of bucket (stable). */
  private void sort() {
    Arrays.fill(counts, 0);
    for (int p = 0; p < PAIRS; p++) {
      counts[order[p] + 1]++;
    }
    for (int b = 0; b < BUCKETS; b++) {
      counts[b + 1] += counts[b];
    }
    int[] buckets = this.buckets;
    System.arraycopy(order, 0, buckets, 0, PAIRS);
    for (int p = 0; p < PAIRS; p++) {
      order[counts[buckets[p]]++] = p;
    }
  }

  private final int[] buckets = new int[PAIRS];

  /** The core's code, copied: tells the harness's effect on a copy from the forms' own. */
  @Benchmark
  @OperationsPerInvocation(VARIATES)
  public double[] candidateCopy() {
    return copy(SEED, stream++, 0, VARIATES);
  }

  private static double[] copy(long seed, long stream, int copy, int size) {
    double[] z = new double[size];
    int[] w = new int[4];
    for (int j = 0; j < size; j += 2) {
      if ((j & 3) == 0) {
        Philox4x32.block((int) stream, (int) (stream >>> 32), j >>> 2, copy, KEY0, KEY1, w, 0);
      }
      double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1(w[j & 3])));
      double t = TWO_PI * (Integer.toUnsignedLong(w[(j & 3) + 1]) * TWO_POW_MINUS_32);
      z[j] = r * StrictMath.cos(t);
      z[j + 1] = r * StrictMath.sin(t);
    }
    return z;
  }
}
