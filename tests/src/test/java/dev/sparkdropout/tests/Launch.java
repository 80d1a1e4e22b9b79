package dev.sparkdropout.tests;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Commands run from the repository root in their own processes, as a user runs them. */
final class Launch {

  static final File ROOT = new File(System.getProperty("project.root", "..")).getAbsoluteFile();
  private static final long TIMEOUT_MINUTES = 5;
  /** How long a command's output may stay open after it exited (a child it left holds it). */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private Launch() {}

  /**
   * A started command. Threads read its stdout and stderr line by line as they come, so it never
   * blocks on a full pipe and a test can wait for a line it prints.
   */
  static final class Started {
    final Process process;
    private final Output output;

    private Started(Process process, Consumer<String> stdoutLines) {
      this.process = process;
      this.output = new Output(stdoutLines);
      output.read(process.getInputStream(), false);
      output.read(process.getErrorStream(), true);
    }

    /**
     * Blocks until a line of stdout or stderr, printed already or later, contains a match of
     * {@code pattern}; returns the first such match. Fails with the output so far if the command
     * ends first or {@code timeout} passes.
     */
    MatchResult awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
      MatchResult found = output.await(pattern, System.nanoTime() + timeout.toNanos());
      if (found != null) {
        return found;
      }
      String how = output.closed() ? "the command ended" + exit() : "timed out after " + timeout;
      throw new AssertionError(how + " before a line matching /" + pattern + "/; stdout:\n"
          + output.text(false) + "stderr:\n" + output.text(true));
    }

    private String exit() throws InterruptedException {
      // Its output closes as it exits; reaping it can take a moment longer.
      return process.waitFor(CLOSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
          ? " with exit code " + process.exitValue() : "";
    }

    Result await() throws InterruptedException {
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        destroy();
        throw new AssertionError("timed out after " + TIMEOUT_MINUTES + " minutes; stderr:\n"
            + output.text(true));
      }
      if (!output.awaitClosed(System.nanoTime() + CLOSE_TIMEOUT.toNanos())) {
        throw new AssertionError("the command exited but a process it started still holds its"
            + " stdout or stderr open; stderr:\n" + output.text(true));
      }
      return new Result(process.exitValue(), output.text(false), output.text(true));
    }

    /**
     * Sends SIGINT to it and every process it started, as Ctrl-C in a terminal does to the
     * foreground process group.
     */
    void interrupt() throws IOException, InterruptedException {
      List<String> kill = new ArrayList<>(List.of("kill", "-INT", String.valueOf(process.pid())));
      process.descendants().forEach(child -> kill.add(String.valueOf(child.pid())));
      Process sent = new ProcessBuilder(kill).redirectErrorStream(true).start();
      String said = new String(sent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (sent.waitFor() != 0) {
        throw new AssertionError("kill -INT failed: " + said);
      }
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

  /** The lines of both streams in the order they were read; waiters are woken by each line. */
  private static final class Output {
    private final List<String> lines = new ArrayList<>();
    private final List<Boolean> fromStderr = new ArrayList<>();
    private int open = 2;
    /** Sees each line of stdout as it is read, e.g. to show a long command's progress. */
    private final Consumer<String> stdoutLines;

    Output(Consumer<String> stdoutLines) {
      this.stdoutLines = stdoutLines;
    }

    void read(InputStream stream, boolean stderr) {
      Thread reader = new Thread(() -> {
        try (BufferedReader in =
            new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!stderr) {
              stdoutLines.accept(line);
            }
            add(line, stderr);
          }
        } catch (IOException e) {
          // A destroyed process's pipe can fail instead of ending: there is nothing more to read.
        } finally {
          close();
        }
      }, "launch-" + (stderr ? "stderr" : "stdout"));
      reader.setDaemon(true);
      reader.start();
    }

    private synchronized void add(String line, boolean stderr) {
      lines.add(line);
      fromStderr.add(stderr);
      notifyAll();
    }

    private synchronized void close() {
      open--;
      notifyAll();
    }

    synchronized boolean closed() {
      return open == 0;
    }

    /** The first match in a line, waiting for more lines; null if the output ends or time's up. */
    synchronized MatchResult await(Pattern pattern, long deadline) throws InterruptedException {
      int next = 0;
      while (true) {
        for (; next < lines.size(); next++) {
          Matcher matcher = pattern.matcher(lines.get(next));
          if (matcher.find()) {
            return matcher.toMatchResult();
          }
        }
        long left = deadline - System.nanoTime();
        if (open == 0 || left <= 0) {
          return null;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    }

    synchronized boolean awaitClosed(long deadline) throws InterruptedException {
      for (long left = deadline - System.nanoTime(); open > 0 && left > 0;
          left = deadline - System.nanoTime()) {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return open == 0;
    }

    synchronized String text(boolean stderr) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < lines.size(); i++) {
        if (fromStderr.get(i) == stderr) {
          text.append(lines.get(i)).append('\n');
        }
      }
      return text.toString();
    }
  }

  /** What a finished command returned and printed (its lines, each ended by a newline). */
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

  /** The launchers' Java 17 flags, read from the file they share. */
  static List<String> javaOpens() throws IOException {
    List<String> opens = new ArrayList<>();
    for (String line : Files.readAllLines(new File(ROOT, "bin/lib/java-opens").toPath())) {
      String flag = line.strip();
      if (flag.startsWith("-")) {
        opens.add(flag);
      }
    }
    return opens;
  }

  /**
   * A {@code spark-submit} of the job jar in {@code local[2]}, as Spark's own script starts it:
   * Spark's SparkSubmit main class on {@code sparkClasspath}, a Spark install's jars.
   */
  static List<String> sparkSubmit(String sparkClasspath, File jobJar, List<String> jobArgs)
      throws IOException {
    List<String> command = new ArrayList<>(List.of("java"));
    command.addAll(javaOpens());
    command.addAll(List.of("-cp", sparkClasspath, "org.apache.spark.deploy.SparkSubmit",
        "--master", "local[2]", "--conf", "spark.ui.enabled=false",
        "--conf", "spark.driver.host=127.0.0.1",
        "--class", "dev.sparkdropout.job.DropoutJob", jobJar.getPath()));
    command.addAll(jobArgs);
    return command;
  }

  static Started start(List<String> command, Map<String, String> environment) throws IOException {
    return start(command, environment, line -> {});
  }

  /**
   * Starts the command as from a terminal, where Ctrl-C reaches it: with SIGINT at its default. A
   * test runner started in the background passes SIGINT on ignored, and a JVM that starts with it
   * ignored never sees it.
   */
  static Started startInterruptible(List<String> command, Map<String, String> environment)
      throws IOException {
    List<String> withDefaultInt = new ArrayList<>(List.of("env", "--default-signal=INT"));
    withDefaultInt.addAll(command);
    return start(withDefaultInt, environment);
  }

  private static Started start(List<String> command, Map<String, String> environment,
      Consumer<String> stdoutLines) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT);
    builder.environment().putAll(environment);
    return new Started(builder.start(), stdoutLines);
  }

  static Result run(List<String> command, Map<String, String> environment)
      throws IOException, InterruptedException {
    return run(command, environment, line -> {});
  }

  /** Runs the command; {@code stdoutLines} sees each line of its stdout as it comes. */
  static Result run(List<String> command, Map<String, String> environment,
      Consumer<String> stdoutLines) throws IOException, InterruptedException {
    Started started = start(command, environment, stdoutLines);
    try {
      return started.await();
    } finally {
      started.destroy();
    }
  }
}
