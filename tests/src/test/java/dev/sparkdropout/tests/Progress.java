package dev.sparkdropout.tests;

import java.util.Locale;
import java.util.function.Consumer;
import org.junit.rules.TestRule;
import org.junit.rules.TestWatcher;
import org.junit.runner.Description;

/**
 * One short line on stdout per step of a long test, such as
 * {@code ClusterTest: killing executor 0 mid-write}: surefire shows it as it comes, so a test
 * that runs for minutes says what it is doing. Spark's own log goes to target/test-logs.
 */
final class Progress {

  private static final StackWalker STACK =
      StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  private Progress() {}

  /** Prints a step of the calling test class: the format's text with {@code args}. */
  static void step(String format, Object... args) {
    print(caller(), String.format(Locale.ROOT, format, args));
  }

  /** A JUnit 4 rule that prints each test method's name as it starts. */
  static TestRule testNames() {
    return new TestWatcher() {
      @Override
      protected void starting(Description description) {
        print(description.getTestClass(), description.getMethodName());
      }
    };
  }

  /**
   * For {@link Launch#run(java.util.List, java.util.Map, Consumer)}: prints the lines of a
   * launched command's stdout that contain {@code text} as steps of the calling test class.
   */
  static Consumer<String> linesContaining(String text) {
    Class<?> test = caller();
    return line -> {
      if (line.contains(text)) {
        print(test, line.strip().replaceAll("\\s+", " "));
      }
    };
  }

  /** The test class (not a nested or lambda class) that called into this one. */
  private static Class<?> caller() {
    return STACK.walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
        .filter(c -> c != Progress.class).findFirst().orElseThrow()).getNestHost();
  }

  private static void print(Class<?> test, String step) {
    System.out.println(test.getSimpleName() + ": " + step);
  }
}
