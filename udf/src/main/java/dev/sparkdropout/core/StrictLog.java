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
 * {@code StrictMath.log(x)} for {@code 2^-32 <= x <= 1}, the range of Box-Muller's {@code u1},
 * bit for bit, in Java: JDK 17 calls native code for it. {@code StrictMath} is specified as
 * fdlibm's algorithm: {@code x = 2^k (1 + f)} with {@code sqrt(2)/2 <= 1 + f < sqrt(2)}, then
 * {@code log(1 + f)} from {@code s = f / (2 + f)} by a polynomial in {@code s^2}. The constants
 * are fdlibm's; {@code StrictFunctionsTest}, and a run over every {@code u1} (bench/README.md),
 * hold it to {@code StrictMath}. Zero, negative, subnormal and non-finite arguments are not taken.
 */
final class StrictLog {

  private static final double LN2_HI = Double.longBitsToDouble(0x3FE62E42FEE00000L);
  private static final double LN2_LO = Double.longBitsToDouble(0x3DEA39EF35793C76L);
  private static final double LG1 = Double.longBitsToDouble(0x3FE5555555555593L);
  private static final double LG2 = Double.longBitsToDouble(0x3FD999999997FA04L);
  private static final double LG3 = Double.longBitsToDouble(0x3FD2492494229359L);
  private static final double LG4 = Double.longBitsToDouble(0x3FCC71C51D8E78AFL);
  private static final double LG5 = Double.longBitsToDouble(0x3FC7466496CB03DEL);
  private static final double LG6 = Double.longBitsToDouble(0x3FC39A09D078C69FL);
  private static final double LG7 = Double.longBitsToDouble(0x3FC2F112DF3E5244L);

  private StrictLog() {}

  /** {@code StrictMath.log(x)} for a normal {@code x > 0}. */
  static double of(double x) {
    long bits = Double.doubleToRawLongBits(x);
    int high = (int) (bits >>> 32);
    int k = (high >> 20) - 1023;
    high &= 0x000FFFFF;
    int i = (high + 0x95F64) & 0x100000; // the mantissa at or above sqrt(2): halve it
    k += i >> 20;
    double f = Double.longBitsToDouble((long) (high | (i ^ 0x3FF00000)) << 32
        | (bits & 0xFFFFFFFFL)) - 1.0;
    double dk = k;
    if ((0x000FFFFF & (2 + high)) < 3) { // |f| < 2^-20
      if (f == 0.0) {
        return k == 0 ? 0.0 : dk * LN2_HI + dk * LN2_LO;
      }
      double r = f * f * (0.5 - 0.33333333333333333 * f);
      return k == 0 ? f - r : dk * LN2_HI - ((r - dk * LN2_LO) - f);
    }
    double s = f / (2.0 + f);
    double z = s * s;
    double w = z * z;
    double t1 = w * (LG2 + w * (LG4 + w * LG6));
    double t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
    double r = t2 + t1;
    if (((high - 0x6147A) | (0x6B851 - high)) > 0) {
      double hfsq = 0.5 * f * f;
      return k == 0 ? f - (hfsq - s * (hfsq + r))
          : dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f);
    }
    return k == 0 ? f - s * (f - r) : dk * LN2_HI - ((s * (f - r) - dk * LN2_LO) - f);
  }
}
