package dev.sparkdropout.tests;

import java.util.List;
import java.util.regex.Pattern;

/** What a user sees of a command's output on a terminal. */
final class Console {

  /** Spark's progress bar, which redraws itself in place with carriage returns. */
  private static final Pattern PROGRESS = Pattern.compile("^\\[Stage \\d+:.*\\]$");

  private Console() {}

  /**
   * The lines that stay on the screen: the output less the progress bar's frames and the blank
   * line it clears itself with (Launch splits lines at carriage returns too).
   */
  static List<String> lines(String output) {
    return output.lines().filter(line -> !line.isBlank() && !PROGRESS.matcher(line).matches())
        .toList();
  }
}
