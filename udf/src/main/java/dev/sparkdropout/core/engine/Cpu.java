package dev.sparkdropout.core.engine;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/** What the engines need to know of the CPU, read without the Vector API module. */
public final class Cpu {

  /** The vector width from which the Vector API engine pays. */
  public static final int WIDE_VECTOR_BITS = 512;

  private Cpu() {}

  /** Whether the CPU is x86-64, the only one where the engines' vector code has been measured. */
  public static boolean x86() {
    String arch = System.getProperty("os.arch", "");
    return arch.equals("amd64") || arch.equals("x86_64");
  }

  /**
   * Whether this JVM is on x86-64 and C2 may use 512-bit vectors ({@code MaxVectorSize} 64,
   * which HotSpot sets where the CPU has AVX-512); false where it cannot tell (a JVM other than
   * HotSpot).
   */
  public static boolean wideVectors() {
    if (!x86()) {
      return false;
    }
    try {
      String bytes = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
          .getVMOption("MaxVectorSize").getValue();
      return Integer.parseInt(bytes) >= WIDE_VECTOR_BITS / Byte.SIZE;
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}
