package dev.sparkdropout.tests;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.spark.TaskContext;

/**
 * Test-only: the local file system under the scheme {@code failonce://}, except that the first
 * attempt of partition 0 of every stage fails when it opens a parquet file. With
 * {@code spark.task.maxFailures > 1} Spark retries the task, so a job reading from here shows
 * what one failed and retried task does to its output. Each injected failure leaves a file in
 * the directory named by the Hadoop setting {@code failonce.marker}.
 */
public class FailOnceFileSystem extends RawLocalFileSystem {

  private static final URI URI = java.net.URI.create("failonce:///");

  @Override
  public URI getUri() {
    return URI;
  }

  @Override
  public String getScheme() {
    return "failonce";
  }

  @Override
  public FSDataInputStream open(Path path, int bufferSize) throws IOException {
    TaskContext task = TaskContext.get();
    if (task != null && task.partitionId() == 0 && task.attemptNumber() == 0
        && path.getName().endsWith(".parquet")) {
      String marker = getConf().get("failonce.marker");
      if (marker != null) {
        new File(marker, "stage-" + task.stageId()).createNewFile();
      }
      throw new IOException("injected failure: first attempt of partition 0 opening " + path);
    }
    return super.open(path, bufferSize);
  }
}
