package dev.sparkdropout.core.engine;

/**
 * Which engine this JVM runs, and why: the Vector API, or plain Java (which C2 auto-vectorizes
 * in part) for one of three reasons. Either way the bits are the same; only the speed differs.
 * Made once per JVM by {@link Engines}; summaries and logs show its {@link #description}.
 */
public enum EngineChoice {
  VECTOR_API("Vector API"),
  PLAIN_JAVA_TURNED_OFF("plain Java (the Vector API is turned off by spark.dropout.vector=false)"),
  PLAIN_JAVA_NO_MODULE(
      "plain Java (the JVM option --add-modules=jdk.incubator.vector makes it faster)"),
  PLAIN_JAVA_NO_WIDE_VECTORS(
      "plain Java (the Vector API pays only with 512-bit vectors on x86-64)");

  private final String description;

  EngineChoice(String description) {
    this.description = description;
  }

  /** One line for summaries and logs, e.g. {@code Vector API}. */
  public String description() {
    return description;
  }
}
