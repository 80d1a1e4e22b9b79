package dev.sparkdropout.core;

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
  PLAIN_JAVA_NO_WIDE_VECTORS("plain Java (the Vector API path needs x86-64 with AVX2 or AVX-512)");

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
   * ({@code --add-modules jdk.incubator.vector}), the CPU is x86-64 with AVX2 or AVX-512, and
   * the system property {@code spark.dropout.vector} is not {@code false}.
   */
  static PhiloxEngine detect() {
    if ("false".equalsIgnoreCase(System.getProperty("spark.dropout.vector"))) {
      return PLAIN_JAVA_TURNED_OFF;
    }
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return PLAIN_JAVA_NO_MODULE;
    }
    try {
      return VectorPhilox.fast() ? VECTOR_API : PLAIN_JAVA_NO_WIDE_VECTORS;
    } catch (LinkageError e) {
      return PLAIN_JAVA_NO_MODULE;
    }
  }
}
