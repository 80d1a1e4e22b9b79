package dev.sparkdropout.job;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A hidden file beside the output, {@code .NAME.spark-dropout.lock}, held while a run writes
 * there, so that a second run to the same output is refused at its start instead of removing the
 * first one's staging directory. A lock whose run is gone (its process on this host has ended,
 * or it was an earlier attempt of the same Spark application) is taken over.
 */
final class OutputLock {

  private final FileSystem fileSystem;
  private final Path path;

  private OutputLock(FileSystem fileSystem, Path path) {
    this.fileSystem = fileSystem;
    this.path = path;
  }

  static Path path(Path output) {
    return new Path(output.getParent(), "." + output.getName() + ".spark-dropout.lock");
  }

  static OutputLock acquire(FileSystem fs, Path output, String applicationId)
      throws IOException {
    Path path = path(output);
    Owner self = new Owner(ProcessHandle.current().pid(), host(), applicationId, Instant.now());
    if (!create(fs, path, self)) {
      Optional<Owner> owner = Owner.read(fs, path);
      if (owner.isPresent() && !owner.get().gone(self)) {
        throw UserError.of("--output %s is being written by another run (%s); wait for it to "
            + "end, or if no run is writing it, remove %s", output, owner.get(), path);
      }
      // Owner gone (or the lock already removed): take over, unless another run beats us to it.
      fs.delete(path, false);
      if (!create(fs, path, self)) {
        throw UserError.of("--output %s is being written by another run that just started",
            output);
      }
    }
    return new OutputLock(fs, path);
  }

  void release() {
    try {
      fileSystem.delete(path, false);
    } catch (IOException e) {
      // A lock left behind names its dead owner, so the next run takes it over.
    }
  }

  /** Creates the file only if none exists, atomically (HDFS create, or O_EXCL locally). */
  private static boolean create(FileSystem fs, Path path, Owner owner) throws IOException {
    byte[] text = owner.text().getBytes(StandardCharsets.UTF_8);
    java.io.File local = OutputPaths.localFile(fs, path);
    if (local != null) {
      try {
        Files.write(Files.createFile(local.toPath()), text);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    }
    try (OutputStream out = fs.create(path, false)) {
      out.write(text);
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Who holds a lock: {@code pid host application started}, one line. */
  private static final class Owner {
    final long pid;
    final String host;
    final String application;
    final Instant started;

    Owner(long pid, String host, String application, Instant started) {
      this.pid = pid;
      this.host = host;
      this.application = application;
      this.started = started;
    }

    String text() {
      return pid + " " + host + " " + application + " " + started + "\n";
    }

    /**
     * The lock's owner, or empty if the lock is gone. A lock still being written (or garbled)
     * has an unknown owner, taken to be alive for a minute after the file was made.
     */
    static Optional<Owner> read(FileSystem fs, Path path) throws IOException {
      String[] parts;
      Instant modified;
      try (var in = fs.open(path)) {
        parts = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split(" ");
        modified = Instant.ofEpochMilli(fs.getFileStatus(path).getModificationTime());
      } catch (java.io.FileNotFoundException e) {
        return Optional.empty();
      }
      try {
        return Optional.of(new Owner(Long.parseLong(parts[0]), parts[1], parts[2],
            Instant.parse(parts[3])));
      } catch (RuntimeException e) {
        return Optional.of(new Owner(-1, "an unknown host", "unknown", modified));
      }
    }

    /** Its run has ended: its process on this host is gone, or this is a later attempt of it. */
    boolean gone(Owner self) {
      if (pid < 0) {
        return started.isBefore(Instant.now().minusSeconds(60));
      }
      if (application.equals(self.application)) {
        return true;
      }
      return host.equals(self.host)
          && ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
    }

    @Override
    public String toString() {
      if (pid < 0) {
        return "its lock, made at " + started + ", cannot be read";
      }
      return "pid " + pid + " on " + host + ", Spark application " + application + ", since "
          + started;
    }
  }
}
