package dev.sparkdropout.core;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * How this JVM generates Philox words in bulk, and why: the Vector API, or plain Java (which C2
 * auto-vectorizes in part, see {@link AutoVectorPhilox}) for one of three reasons. Either way the
 * bits are the same; only the speed differs. Chosen once per JVM by {@link Philox4x32#engine()}.
 */
public enum PhiloxEngine {
  VECTOR_API("Vector API"),
  PLAIN_JAVA_TURNED_OFF("plain Java (the Vector API is turned off by spark.dropout.vector=false)"),
  PLAIN_JAVA_NO_MODULE(
      "plain Java (the JVM option --add-modules=jdk.incubator.vector makes it faster)"),
  PLAIN_JAVA_NO_WIDE_VECTORS(
      "plain Java (the Vector API pays only with 512-bit vectors on x86-64)");

  /**
   * The vector width from which the Vector API path pays. With 256-bit vectors, plain Java was
   * faster (see {@link VectorPhilox#fast}).
   */
  static final int WIDE_VECTOR_BITS = 512;

  private final String description;

  PhiloxEngine(String description) {
    this.description = description;
  }

  /** One line for summaries and logs, e.g. {@code Vector API}. */
  public String description() {
    return description;
  }

  /**
   * The engine for this JVM: the Vector API when the JVM has the incubating module
   * ({@code --add-modules jdk.incubator.vector}), C2 uses 512-bit vectors on x86-64 (AVX-512),
   * and the system property {@code spark.dropout.vector} is not {@code false}. A JVM without the
   * module where the Vector API would not pay is told so, not asked for the module. Only the
   * command line can add it: a module layer made at run time may not define one of the JDK's own
   * modules ({@code LayerInstantiationException}: its loader must be the boot loader).
   */
  static PhiloxEngine detect() {
    if ("false".equalsIgnoreCase(System.getProperty("spark.dropout.vector"))) {
      return PLAIN_JAVA_TURNED_OFF;
    }
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return wideVectors() ? PLAIN_JAVA_NO_MODULE : PLAIN_JAVA_NO_WIDE_VECTORS;
    }
    try {
      return VectorPhilox.fast() ? VECTOR_API : PLAIN_JAVA_NO_WIDE_VECTORS;
    } catch (LinkageError e) {
      return PLAIN_JAVA_NO_MODULE;
    }
  }

  /**
   * Whether this JVM is on x86-64 and C2 may use 512-bit vectors ({@code MaxVectorSize} 64,
   * which HotSpot sets where the CPU has AVX-512), read without the Vector API module; false
   * where it cannot tell (a JVM other than HotSpot).
   */
  public static boolean wideVectors() {
    if (!Philox4x32.x86()) {
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
