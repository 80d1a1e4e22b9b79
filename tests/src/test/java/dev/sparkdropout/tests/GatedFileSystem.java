package dev.sparkdropout.tests;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.execution.SQLExecution;

/**
 * Test-only: the local file system under the scheme {@code gated://}, except that a task of a
 * SQL query (a write, not schema inference) on the executor named by the Hadoop setting
 * {@code gated.executor} ("driver" in local mode) blocks forever when it opens a file. Such a
 * task can only end by its executor's or driver's death, so a job reading from here cannot
 * finish before a test kills it, and the kill always lands mid-write.
 */
public class GatedFileSystem extends RawLocalFileSystem {

  static final String SCHEME = "gated";
  private static final URI URI = java.net.URI.create(SCHEME + ":///");
  /** Never released: the test ends the wait by killing the process. */
  private static final CountDownLatch NEVER = new CountDownLatch(1);

  @Override
  public URI getUri() {
    return URI;
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public FSDataInputStream open(Path path, int bufferSize) throws IOException {
    TaskContext task = TaskContext.get();
    if (task != null && task.getLocalProperty(SQLExecution.EXECUTION_ID_KEY()) != null
        && SparkEnv.get().executorId().equals(getConf().get("gated.executor"))) {
      try {
        NEVER.await();
      } catch (InterruptedException e) {
        // Spark interrupts a task it kills; the task must still not read.
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("gated read of " + path + " interrupted");
      }
    }
    return super.open(path, bufferSize);
  }
}
