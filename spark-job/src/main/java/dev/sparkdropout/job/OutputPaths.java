package dev.sparkdropout.job;

import java.io.IOException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The input and output locations, checked before anything is read or written, and the write
 * protocol: Spark writes (with its output committer and {@code _SUCCESS}) into a hidden staging
 * directory beside the output, which is renamed to the output only when everything succeeded. A
 * failed or killed run therefore leaves nothing at the destination, and an existing output that
 * {@code --overwrite} replaces is kept until the new one is complete.
 */
final class OutputPaths {

  private final FileSystem fileSystem;
  private final Path input;
  private final Path output;
  private final Path staging;
  private final boolean overwrite;

  private OutputPaths(FileSystem fileSystem, Path input, Path output, Path staging,
      boolean overwrite) {
    this.fileSystem = fileSystem;
    this.input = input;
    this.output = output;
    this.staging = staging;
    this.overwrite = overwrite;
  }

  static OutputPaths check(Configuration hadoop, JobSettings settings) throws IOException {
    Path input = qualify(new Path(settings.input), hadoop);
    FileSystem inputFs = input.getFileSystem(hadoop);
    if (!inputFs.exists(input)) {
      throw UserError.of("--input does not exist: %s", settings.input);
    }
    Path output = qualify(new Path(settings.output), hadoop);
    if (output.getParent() == null) {
      throw UserError.of("--output cannot be the root of a file system: %s", settings.output);
    }
    if (within(output, input) || within(input, output)) {
      throw UserError.of("--output %s overlaps --input %s: the job never writes over its input",
          settings.output, settings.input);
    }
    FileSystem outputFs = output.getFileSystem(hadoop);
    if (outputFs.exists(output) && !settings.overwrite) {
      throw UserError.of("--output already exists: %s (add --overwrite to replace it)",
          settings.output);
    }
    String prefix = "." + output.getName() + ".spark-dropout-";
    removeStaleStaging(outputFs, output.getParent(), prefix);
    Path staging = new Path(output.getParent(), prefix + UUID.randomUUID());
    return new OutputPaths(outputFs, input, output, staging, settings.overwrite);
  }

  /** Staging left by a run whose driver was killed: never output, so it can go. */
  private static void removeStaleStaging(FileSystem fs, Path parent, String prefix)
      throws IOException {
    if (!fs.exists(parent)) {
      return;
    }
    for (FileStatus status : fs.listStatus(parent, path -> path.getName().startsWith(prefix))) {
      fs.delete(status.getPath(), true);
    }
  }

  private static Path qualify(Path path, Configuration hadoop) throws IOException {
    return path.getFileSystem(hadoop).makeQualified(path);
  }

  private static boolean within(Path path, Path ancestor) {
    String child = path.toUri().normalize().toString();
    String parent = ancestor.toUri().normalize().toString();
    return child.equals(parent) || child.startsWith(parent.endsWith("/") ? parent : parent + "/");
  }

  Path input() {
    return input;
  }

  Path output() {
    return output;
  }

  /** Where Spark writes; nothing outside it is touched until {@link #commit()}. */
  Path staging() {
    return staging;
  }

  FileSystem fileSystem() {
    return fileSystem;
  }

  /** Moves the finished staging directory to the output, replacing it when allowed. */
  void commit() throws IOException {
    if (fileSystem.exists(output)) {
      if (!overwrite) {
        throw UserError.of("--output appeared while the job ran: %s", output);
      }
      fileSystem.delete(output, true);
    }
    if (!fileSystem.rename(staging, output)) {
      throw new IOException("could not move " + staging + " to " + output);
    }
  }

  /**
   * Removes the staging directory after a failure; the output was never touched. Call it once
   * the failed job's tasks have stopped, or a straggler may write into it again.
   */
  void abort() {
    try {
      fileSystem.delete(staging, true);
    } catch (IOException e) {
      // Best effort: a leftover staging directory is hidden and never read as output.
    }
  }
}
