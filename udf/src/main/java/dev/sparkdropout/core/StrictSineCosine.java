/*
 * The algorithm and its constants are fdlibm's, under this notice:
 *
 * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *
 * Developed at SunSoft, a Sun Microsystems, Inc. business.
 * Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice
 * is preserved.
 */
package dev.sparkdropout.core;

/**
 * {@code StrictMath.cos(t)} and {@code StrictMath.sin(t)} of one angle {@code 0 <= t < 2 pi}, bit
 * for bit, for about the price of one. {@code StrictMath} is specified as fdlibm's algorithms: the
 * angle is reduced by multiples of pi/2 to {@code y0 + y1}, then a sine or a cosine polynomial of
 * the remainder gives the result, by quadrant. The sine and cosine of one angle share that
 * reduction, and here both polynomials run in Java, where JDK 17 calls native code for each
 * function. The constants are fdlibm's; {@code StrictFunctionsTest}, and a run over every angle
 * the normal variates take (bench/README.md), hold it to {@code StrictMath}.
 */
final class StrictSineCosine {

  // The kernels' polynomial coefficients, by their bits.
  private static final double S1 = Double.longBitsToDouble(0xBFC5555555555549L);
  private static final double S2 = Double.longBitsToDouble(0x3F8111111110F8A6L);
  private static final double S3 = Double.longBitsToDouble(0xBF2A01A019C161D5L);
  private static final double S4 = Double.longBitsToDouble(0x3EC71DE357B1FE7DL);
  private static final double S5 = Double.longBitsToDouble(0xBE5AE5E68A2B9CEBL);
  private static final double S6 = Double.longBitsToDouble(0x3DE5D93A5ACFD57CL);
  private static final double C1 = Double.longBitsToDouble(0x3FA555555555554CL);
  private static final double C2 = Double.longBitsToDouble(0xBF56C16C16C15177L);
  private static final double C3 = Double.longBitsToDouble(0x3EFA01A019CB1590L);
  private static final double C4 = Double.longBitsToDouble(0xBE927E4F809C52ADL);
  private static final double C5 = Double.longBitsToDouble(0x3E21EE9EBDB4B1C4L);
  private static final double C6 = Double.longBitsToDouble(0xBDA8FAE9BE8838D4L);

  // 2/pi, and pi/2 split in three parts of 33 bits, each with the rest of pi/2 after it.
  private static final double INV_PIO2 = Double.longBitsToDouble(0x3FE45F306DC9C883L);
  private static final double PIO2_1 = Double.longBitsToDouble(0x3FF921FB54400000L);
  private static final double PIO2_1T = Double.longBitsToDouble(0x3DD0B4611A626331L);
  private static final double PIO2_2 = Double.longBitsToDouble(0x3DD0B4611A600000L);
  private static final double PIO2_2T = Double.longBitsToDouble(0x3BA3198A2E037073L);
  private static final double PIO2_3 = Double.longBitsToDouble(0x3BA3198A2E000000L);
  private static final double PIO2_3T = Double.longBitsToDouble(0x397B839A252049C1L);
  /** The high words of n pi/2 for n = 1 .. 4: an angle with another one needs one step. */
  private static final int[] NPIO2_HIGH = {0x3FF921FB, 0x400921FB, 0x4012D97C, 0x401921FB};

  private StrictSineCosine() {}

  /**
   * Sets {@code out[0] = StrictMath.cos(t)} and {@code out[1] = StrictMath.sin(t)}.
   *
   * @param t an angle in {@code [0, 2 pi)}
   */
  static void of(double t, double[] out) {
    int high = highWord(t);
    if (high <= 0x3FE921FB) { // t <= pi/4: no reduction
      out[0] = cosine(t, 0.0);
      out[1] = sine(t, 0.0, false);
      return;
    }
    double y0;
    double y1;
    int n;
    if (high < 0x4002D97C) { // t < 3 pi/4: one quarter turn
      n = 1;
      double z = t - PIO2_1;
      if (high != 0x3FF921FB) {
        y0 = z - PIO2_1T;
        y1 = (z - y0) - PIO2_1T;
      } else { // near pi/2, where 33 + 53 bits of pi/2 lose too many to cancellation
        z -= PIO2_2;
        y0 = z - PIO2_2T;
        y1 = (z - y0) - PIO2_2T;
      }
    } else {
      n = (int) (t * INV_PIO2 + 0.5);
      double fn = n;
      double r = t - fn * PIO2_1;
      double w = fn * PIO2_1T;
      y0 = r - w;
      if (high == NPIO2_HIGH[n - 1]) { // near n pi/2: refine while cancellation shows
        int exponent = high >> 20;
        if (exponent - (highWord(y0) >> 20 & 0x7FF) > 16) {
          double before = r;
          w = fn * PIO2_2;
          r = before - w;
          w = fn * PIO2_2T - ((before - r) - w);
          y0 = r - w;
          if (exponent - (highWord(y0) >> 20 & 0x7FF) > 49) {
            before = r;
            w = fn * PIO2_3;
            r = before - w;
            w = fn * PIO2_3T - ((before - r) - w);
            y0 = r - w;
          }
        }
      }
      y1 = (r - y0) - w;
    }
    double sine = sine(y0, y1, true);
    double cosine = cosine(y0, y1);
    switch (n & 3) {
      case 0:
        out[0] = cosine;
        out[1] = sine;
        break;
      case 1:
        out[0] = -sine;
        out[1] = cosine;
        break;
      case 2:
        out[0] = -cosine;
        out[1] = -sine;
        break;
      default:
        out[0] = sine;
        out[1] = -cosine;
    }
  }

  /** fdlibm's sine of {@code x + y}, {@code |x| <= pi/4}; {@code y} is read when it has a tail. */
  private static double sine(double x, double y, boolean tail) {
    if ((highWord(x) & 0x7FFFFFFF) < 0x3E400000 && (int) x == 0) {
      return x; // |x| < 2^-27
    }
    double z = x * x;
    double v = z * x;
    double r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
    return tail ? x - ((z * (0.5 * y - v * r) - y) - v * S1) : x + v * (S1 + z * r);
  }

  /** fdlibm's cosine of {@code x + y}, {@code |x| <= pi/4}. */
  private static double cosine(double x, double y) {
    int ix = highWord(x) & 0x7FFFFFFF;
    if (ix < 0x3E400000 && (int) x == 0) {
      return 1.0; // |x| < 2^-27
    }
    double z = x * x;
    double r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
    if (ix < 0x3FD33333) { // |x| < 0.3
      return 1.0 - (0.5 * z - (z * r - x * y));
    }
    double qx = ix > 0x3FE90000 ? 0.28125 : Double.longBitsToDouble((long) (ix - 0x00200000) << 32);
    double hz = 0.5 * z - qx;
    double a = 1.0 - qx;
    return a - (hz - (z * r - x * y));
  }

  private static int highWord(double x) {
    return (int) (Double.doubleToRawLongBits(x) >>> 32);
  }
}
