package dev.sparkdropout.core.engine;

/**
 * The Philox4x32-10 counter-based generator: a keyed bijection from a 128-bit counter to four
 * 32-bit words (Salmon, Moraes, Dror and Shaw, "Parallel random numbers: as easy as 1, 2, 3",
 * SC 2011). Being stateless, any word can be computed from its (key, counter) alone, which is what
 * lets every surface of the project agree on every mask bit without sharing state.
 */
public final class Philox4x32 {

  /** Round multiplier applied to counter word 0. */
  public static final long M0 = 0xD2511F53L;
  /** Round multiplier applied to counter word 2. */
  public static final long M1 = 0xCD9E8D57L;
  /** Key schedule increment for key word 0 (golden ratio). */
  public static final int W0 = 0x9E3779B9;
  /** Key schedule increment for key word 1 (sqrt(3) - 1). */
  public static final int W1 = 0xBB67AE85;
  /** Rounds of the "-10" variant, the one the paper shows to be crush-resistant with margin. */
  public static final int ROUNDS = 10;

  /** Words produced per counter value. */
  public static final int WORDS_PER_BLOCK = 4;

  private Philox4x32() {}

  /**
   * Computes one block: the four output words for counter (c0, c1, c2, c3) under key (k0, k1).
   *
   * @param out receives the words at {@code out[offset] .. out[offset + 3]}
   */
  public static void block(int c0, int c1, int c2, int c3, int k0, int k1, int[] out, int offset) {
    for (int round = 0; round < ROUNDS; round++) {
      long p0 = M0 * Integer.toUnsignedLong(c0);
      long p1 = M1 * Integer.toUnsignedLong(c2);
      int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
      int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
      c0 = n0;
      c1 = (int) p1;
      c2 = n2;
      c3 = (int) p0;
      k0 += W0;
      k1 += W1;
    }
    out[offset] = c0;
    out[offset + 1] = c1;
    out[offset + 2] = c2;
    out[offset + 3] = c3;
  }

  /** Blocks {@code c2} and {@code c2 + 1} of the same (c0, c1, c3), interleaved round by round. */
  public static void twoBlocks(int c0, int c1, int c2, int c3, int k0, int k1, int[] out,
      int offset) {
    int a0 = c0;
    int a1 = c1;
    int a2 = c2;
    int a3 = c3;
    int b0 = c0;
    int b1 = c1;
    int b2 = c2 + 1;
    int b3 = c3;
    for (int round = 0; round < ROUNDS; round++) {
      long pa0 = M0 * Integer.toUnsignedLong(a0);
      long pa2 = M1 * Integer.toUnsignedLong(a2);
      long pb0 = M0 * Integer.toUnsignedLong(b0);
      long pb2 = M1 * Integer.toUnsignedLong(b2);
      a0 = (int) (pa2 >>> 32) ^ a1 ^ k0;
      a2 = (int) (pa0 >>> 32) ^ a3 ^ k1;
      a1 = (int) pa2;
      a3 = (int) pa0;
      b0 = (int) (pb2 >>> 32) ^ b1 ^ k0;
      b2 = (int) (pb0 >>> 32) ^ b3 ^ k1;
      b1 = (int) pb2;
      b3 = (int) pb0;
      k0 += W0;
      k1 += W1;
    }
    out[offset] = a0;
    out[offset + 1] = a1;
    out[offset + 2] = a2;
    out[offset + 3] = a3;
    out[offset + 4] = b0;
    out[offset + 5] = b1;
    out[offset + 6] = b2;
    out[offset + 7] = b3;
  }
}
