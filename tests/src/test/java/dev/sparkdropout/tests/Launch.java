package dev.sparkdropout.tests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Commands run from the repository root in their own processes, as a user runs them. */
final class Launch {

  static final File ROOT = new File(System.getProperty("project.root", "..")).getAbsoluteFile();
  private static final long TIMEOUT_MINUTES = 5;

  private Launch() {}

  /** A started command; its output goes to files so it can never block on a full pipe. */
  static final class Started {
    final Process process;
    private final File out;
    private final File err;

    private Started(Process process, File out, File err) {
      this.process = process;
      this.out = out;
      this.err = err;
    }

    Result await() throws IOException, InterruptedException {
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        destroy();
        throw new AssertionError("timed out after " + TIMEOUT_MINUTES + " minutes");
      }
      return new Result(process.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
          Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

    /**
     * Kills it (SIGKILL) if it still runs, with the processes it started: a launcher script runs
     * the JVM as its child. For finally blocks, and to kill a driver mid-run.
     */
    void destroy() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  /** What a finished command returned and printed. */
  static final class Result {
    final int exitCode;
    final String out;
    final String err;

    Result(int exitCode, String out, String err) {
      this.exitCode = exitCode;
      this.out = out;
      this.err = err;
    }
  }

  static Started start(List<String> command, Map<String, String> environment) throws IOException {
    File out = File.createTempFile("launch", ".out");
    File err = File.createTempFile("launch", ".err");
    ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT)
        .redirectOutput(out).redirectError(err);
    builder.environment().putAll(environment);
    return new Started(builder.start(), out, err);
  }

  static Result run(List<String> command, Map<String, String> environment)
      throws IOException, InterruptedException {
    Started started = start(command, environment);
    try {
      return started.await();
    } finally {
      started.destroy();
    }
  }
}
