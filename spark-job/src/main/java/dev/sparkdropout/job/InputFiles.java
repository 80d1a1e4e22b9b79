package dev.sparkdropout.job;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The paths {@code --input} names, a Hadoop glob ({@code data/day=*}) or not, as Spark's reader
 * expands them; and a look at the first bytes of one data file, so that input of another format
 * than {@code --input-format} is named before Spark fails on it.
 */
final class InputFiles {

  private final FileSystem fileSystem;
  private final List<Path> paths;

  private InputFiles(FileSystem fileSystem, List<Path> paths) {
    this.fileSystem = fileSystem;
    this.paths = paths;
  }

  static InputFiles find(Configuration hadoop, String input) throws IOException {
    Path pattern = new Path(input);
    FileSystem fs = pattern.getFileSystem(hadoop);
    FileStatus[] matches = fs.globStatus(fs.makeQualified(pattern));
    if (matches == null) {
      throw UserError.of("--input does not exist: %s", input);
    }
    if (matches.length == 0) {
      throw UserError.of("--input %s matches no files", input);
    }
    List<Path> paths = new ArrayList<>();
    for (FileStatus match : matches) {
      paths.add(match.getPath());
    }
    return new InputFiles(fs, paths);
  }

  FileSystem fileSystem() {
    return fileSystem;
  }

  /** Every path the input names, qualified. */
  List<Path> paths() {
    return paths;
  }

  /**
   * Refuses input whose first data file is plainly of another format; compressed or unknown
   * content is left to Spark.
   */
  void checkFormat(String input, String format) throws IOException {
    FileStatus file = null;
    for (Path path : paths) {
      file = firstDataFile(fileSystem.getFileStatus(path), true);
      if (file != null) {
        break;
      }
    }
    String found = file == null ? null : formatOf(file);
    if (found != null && !found.equals(format)) {
      throw UserError.of("--input %s holds %s files, not %s (%s): add --input-format %s", input,
          title(found), format, file.getPath().getName(), found);
    }
  }

  private static String title(String format) {
    return format.equals("parquet") ? "Parquet" : format.toUpperCase(Locale.ROOT);
  }

  /** Depth first, skipping what Spark's reader skips: names starting with _ or a dot. */
  private FileStatus firstDataFile(FileStatus status, boolean named) throws IOException {
    String name = status.getPath().getName();
    if (!named && (name.startsWith("_") || name.startsWith("."))) {
      return null;
    }
    if (status.isFile()) {
      return status.getLen() > 0 ? status : null;
    }
    for (FileStatus child : fileSystem.listStatus(status.getPath())) {
      FileStatus found = firstDataFile(child, false);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private String formatOf(FileStatus file) throws IOException {
    byte[] head = new byte[64];
    int length;
    try (InputStream in = fileSystem.open(file.getPath())) {
      length = in.readNBytes(head, 0, head.length);
    }
    String text = new String(head, 0, length, StandardCharsets.ISO_8859_1);
    if (text.startsWith("PAR1")) {
      return "parquet";
    }
    if (text.startsWith("ORC")) {
      return "orc";
    }
    String start = text.replace("\u00ef\u00bb\u00bf", "").stripLeading();
    return start.startsWith("{") || start.startsWith("[") ? "json" : null;
  }
}
