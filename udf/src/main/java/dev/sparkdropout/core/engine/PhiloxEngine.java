package dev.sparkdropout.core.engine;

/**
 * What the core asks of a Philox engine: words in bulk, a row's keep bytes, and the element loops
 * of a row whose elements are independent. The engines differ in speed only: each gives the bits
 * of {@link Philox4x32#block} and of {@link KeepRule}. {@link Engines} picks one per JVM.
 *
 * <p>Row methods take a row's stream as docs/SPEC.md §4 keys it: {@code seed}'s halves are the
 * key, {@code stream}'s counter words 0 and 1, {@code copy} word 3. Their values are read
 * little-endian from {@code in} and written to {@code out}, which may be {@code in} at the same
 * offset.
 */
public interface PhiloxEngine {

  /**
   * Fills {@code words[0 .. count)} with the output of consecutive counters
   * {@code (c0, c1, block, c3)}, block = 0, 1, 2, ...: word {@code j} is output word
   * {@code j & 3} of block {@code j >>> 2}. Entries past {@code count} may be written too.
   *
   * @param words an array of at least {@code count} rounded up to a multiple of 4 entries
   */
  void fill(int c0, int c1, int c3, int k0, int k1, int[] words, int count);

  /**
   * Writes the keep decisions of noise indices {@code 0 .. size)} of a row to {@code out} from
   * {@code offset}: 1 kept, 0 dropped.
   */
  void keepBytes(long seed, long stream, int copy, long threshold, int size, byte[] out,
      int offset);

  /**
   * A row of floats to {@code keep ? a * x + b : dropped}: alpha dropout, and dropout as
   * {@code a} = its scale, {@code b = -0.0}, {@code dropped = +0.0}, the same bits as
   * {@code keep ? x * a : +0.0} ({@code y + -0.0} is {@code y} for every {@code y}).
   */
  void affineFloats(byte[] in, int inOffset, byte[] out, int outOffset, int count, long seed,
      long stream, int copy, long threshold, float a, float b, float dropped);

  /** A row of doubles to {@code keep ? a * x + b : dropped}, as {@link #affineFloats}. */
  void affineDoubles(byte[] in, int inOffset, byte[] out, int outOffset, int count, long seed,
      long stream, int copy, long threshold, double a, double b, double dropped);
}
