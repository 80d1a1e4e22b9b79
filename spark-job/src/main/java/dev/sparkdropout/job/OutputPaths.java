package dev.sparkdropout.job;

import java.io.IOException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The output location, checked before anything is read or written, and the write protocol:
 * Spark writes (with its output committer and {@code _SUCCESS}) into a hidden staging directory
 * beside the output, which is renamed to the output only when everything succeeded. A failed,
 * killed or interrupted run therefore leaves nothing at the destination, and an existing output
 * that {@code --overwrite} replaces is kept until the new one is complete. An {@link OutputLock}
 * keeps two runs from writing the same output at once.
 */
final class OutputPaths {

  private final FileSystem fileSystem;
  private final Path output;
  private final Path staging;
  private final boolean overwrite;
  private OutputLock lock;
  /** Set once the output is in place (or the run gave up): abort() then leaves it alone. */
  private boolean finished;

  private OutputPaths(FileSystem fileSystem, Path output, Path staging, boolean overwrite) {
    this.fileSystem = fileSystem;
    this.output = output;
    this.staging = staging;
    this.overwrite = overwrite;
  }

  /** Checks the output against the input, by real paths (symbolic links resolved). */
  static OutputPaths check(Configuration hadoop, JobSettings settings, InputFiles input)
      throws IOException {
    Path requested = new Path(settings.output);
    FileSystem fs = requested.getFileSystem(hadoop);
    Path output = fs.makeQualified(requested);
    if (output.getParent() == null) {
      throw UserError.of("--output cannot be the root of a file system: %s", settings.output);
    }
    Path realOutput = realPath(fs, output);
    for (Path path : input.paths()) {
      Path realInput = realPath(input.fileSystem(), path);
      if (within(realOutput, realInput) || within(realInput, realOutput)) {
        throw UserError.of("--output %s overlaps --input %s: the job never writes over its input",
            settings.output, settings.input);
      }
    }
    if (fs.exists(output) && !settings.overwrite) {
      throw UserError.of("--output already exists: %s (add --overwrite to replace it)",
          settings.output);
    }
    Path staging = new Path(output.getParent(), stagingPrefix(output) + UUID.randomUUID());
    return new OutputPaths(fs, output, staging, settings.overwrite);
  }

  private static String stagingPrefix(Path output) {
    return "." + output.getName() + ".spark-dropout-";
  }

  /**
   * Takes the output's lock, refusing if another run holds it, and removes staging left by a
   * killed run, which the lock shows to be no longer written.
   */
  void begin(String applicationId) throws IOException {
    fileSystem.mkdirs(output.getParent());
    lock = OutputLock.acquire(fileSystem, output, applicationId);
    String prefix = stagingPrefix(output);
    for (FileStatus status : fileSystem.listStatus(output.getParent(),
        path -> path.getName().startsWith(prefix))) {
      fileSystem.delete(status.getPath(), true);
    }
  }

  /** Where Spark writes; nothing outside it is touched until {@link #commit()}. */
  Path staging() {
    return staging;
  }

  Path output() {
    return output;
  }

  FileSystem fileSystem() {
    return fileSystem;
  }

  /** Moves the finished staging directory to the output, replacing it when allowed. */
  synchronized void commit() throws IOException {
    if (fileSystem.exists(output)) {
      if (!overwrite) {
        throw UserError.of("--output appeared while the job ran: %s", output);
      }
      fileSystem.delete(output, true);
    }
    if (!fileSystem.rename(staging, output)) {
      throw new IOException("could not move " + staging + " to " + output);
    }
    finished = true;
    lock.release();
  }

  /**
   * Removes the staging directory and the lock after a failure or an interrupt; the output was
   * never touched. Call it once the run's tasks have stopped, or a straggler may write into it
   * again. Returns whether there was anything to remove.
   */
  synchronized boolean abort() {
    if (finished) {
      return false;
    }
    finished = true;
    try {
      fileSystem.delete(staging, true);
    } catch (IOException e) {
      // Best effort: a leftover staging directory is hidden, and the next run removes it.
    }
    if (lock != null) {
      lock.release();
    }
    return true;
  }

  /** The path with symbolic links resolved as far as it exists (all of it, locally). */
  private static Path realPath(FileSystem fs, Path path) throws IOException {
    Path existing = path;
    String rest = "";
    while (existing.getParent() != null && !fs.exists(existing)) {
      rest = "/" + existing.getName() + rest;
      existing = existing.getParent();
    }
    java.io.File local = localFile(fs, existing);
    Path resolved = local != null
        ? fs.makeQualified(new Path(local.toPath().toRealPath().toString()))
        : fs.resolvePath(existing);
    return rest.isEmpty() ? resolved : new Path(resolved.toString() + rest);
  }

  /** The file a local file system keeps the path in, or null for other file systems. */
  static java.io.File localFile(FileSystem fs, Path path) {
    if (fs instanceof LocalFileSystem) {
      return ((LocalFileSystem) fs).pathToFile(path);
    }
    return fs instanceof RawLocalFileSystem ? ((RawLocalFileSystem) fs).pathToFile(path) : null;
  }

  private static boolean within(Path path, Path ancestor) {
    String child = key(path);
    String parent = key(ancestor);
    return child.equals(parent) || child.startsWith(parent.endsWith("/") ? parent : parent + "/");
  }

  /** Scheme, authority and path: "file:/a" and "file:///a" are one place. */
  private static String key(Path path) {
    java.net.URI uri = path.toUri().normalize();
    String authority = uri.getAuthority() == null ? "" : uri.getAuthority();
    return uri.getScheme() + "://" + authority + uri.getPath();
  }
}
