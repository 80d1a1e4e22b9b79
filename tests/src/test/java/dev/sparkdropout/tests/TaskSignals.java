package dev.sparkdropout.tests;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationStart;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.execution.SQLExecution;

/**
 * Test-only: a listener (registered with {@code --conf spark.extraListeners=...}) that prints a
 * line to the driver's stdout for the application's start (with its id, which its executors'
 * command lines carry), every task started and every executor removed, as the scheduler reports
 * them, so a test can wait for Spark's own signal instead of polling for a state. A task's line
 * says whether its stage runs for a SQL query, as a write does and schema inference does not:
 * {@link GatedFileSystem} holds only those tasks.
 */
public class TaskSignals extends SparkListener {

  private static final String PREFIX = "task-signals: ";

  /** The line of the application's start; group 1 is its id. */
  static final Pattern APPLICATION_STARTED =
      Pattern.compile("^" + PREFIX + "application (\\S+) started$");

  /** Stages by id: whether they run for a SQL query. */
  private final Map<Integer, Boolean> sqlStages = new ConcurrentHashMap<>();

  /** A line of a task of a SQL query started on {@code executor} ("driver" in local mode). */
  static Pattern sqlTaskStarted(String executor) {
    return Pattern.compile("^" + PREFIX + "task \\d+ of stage \\d+ \\(sql\\) started on executor "
        + Pattern.quote(executor) + "$");
  }

  /** A line of the driver losing {@code executor}. */
  static Pattern executorRemoved(String executor) {
    return Pattern.compile("^" + PREFIX + "executor " + Pattern.quote(executor) + " removed: ");
  }

  @Override
  public void onApplicationStart(SparkListenerApplicationStart start) {
    System.out.println(PREFIX + "application "
        + (start.appId().isDefined() ? start.appId().get() : "(no id)") + " started");
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
    Properties properties = submitted.properties();
    sqlStages.put(submitted.stageInfo().stageId(),
        properties != null && properties.getProperty(SQLExecution.EXECUTION_ID_KEY()) != null);
  }

  @Override
  public void onTaskStart(SparkListenerTaskStart start) {
    boolean sql = sqlStages.getOrDefault(start.stageId(), false);
    System.out.println(PREFIX + "task " + start.taskInfo().taskId() + " of stage "
        + start.stageId() + (sql ? " (sql)" : "") + " started on executor "
        + start.taskInfo().executorId());
  }

  @Override
  public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
    System.out.println(PREFIX + "executor " + removed.executorId() + " removed: "
        + removed.reason());
  }
}
