package dev.sparkdropout.core.engine;

import dev.sparkdropout.core.engine.plain.PlainEngine;
import dev.sparkdropout.core.engine.vector.VectorEngine;

/**
 * The one place that picks this JVM's engine, once: the Vector API when the JVM has the
 * incubating module ({@code --add-modules jdk.incubator.vector}), C2 uses 512-bit vectors on
 * x86-64 (AVX-512), and the system property {@code spark.dropout.vector} is not {@code false};
 * plain Java otherwise. The Vector API engine's classes are loaded only when it is picked.
 */
public final class Engines {

  private static final EngineChoice CHOICE = choose();
  private static final PhiloxEngine ENGINE = create(CHOICE);

  private Engines() {}

  /** Which engine this JVM runs, and why. */
  public static EngineChoice choice() {
    return CHOICE;
  }

  /** This JVM's engine. */
  public static PhiloxEngine engine() {
    return ENGINE;
  }

  /**
   * A JVM without the module where the Vector API would not pay is told so, not asked for the
   * module. Only the command line can add it: a module layer made at run time may not define one
   * of the JDK's own modules ({@code LayerInstantiationException}: its loader must be the boot
   * loader).
   */
  private static EngineChoice choose() {
    if ("false".equalsIgnoreCase(System.getProperty("spark.dropout.vector"))) {
      return EngineChoice.PLAIN_JAVA_TURNED_OFF;
    }
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return Cpu.wideVectors() ? EngineChoice.PLAIN_JAVA_NO_MODULE
          : EngineChoice.PLAIN_JAVA_NO_WIDE_VECTORS;
    }
    try {
      return VectorEngine.pays() ? EngineChoice.VECTOR_API
          : EngineChoice.PLAIN_JAVA_NO_WIDE_VECTORS;
    } catch (LinkageError e) {
      return EngineChoice.PLAIN_JAVA_NO_MODULE;
    }
  }

  private static PhiloxEngine create(EngineChoice choice) {
    PhiloxEngine plain = new PlainEngine();
    return choice == EngineChoice.VECTOR_API ? new VectorEngine(plain) : plain;
  }
}
