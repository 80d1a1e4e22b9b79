package dev.sparkdropout.connect;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs queries through a Spark Connect session by every route a thin client has, and writes back
 * what it received: each result is collected here, then sent to the server again as a local
 * relation and written as Parquet to {@code OUTPUT/NAME}, so that a classic session can compare
 * it bit for bit. A query that fails prints {@code NAME<TAB>error<TAB>}its message's first line.
 *
 * <p>Usage: {@code ConnectQueries sc://HOST:PORT QUERIES OUTPUT}. QUERIES has one query per
 * line, fields separated by tabs:
 *
 * <pre>
 * conf  KEY   VALUE                        sets a session setting
 * view  NAME  PARQUET-PATH                 registers a temporary view of the files
 * sql   NAME  STATEMENT                    spark.sql
 * expr  NAME  VIEW  EXPRESSION             id and the expression, by selectExpr
 * call  NAME  VIEW  FUNCTION  ARGUMENT...  id and functions.call_function, arguments as SQL
 * ml    NAME  VIEW  PARAM=VALUE...         the ML stage by ML on Connect (Spark 4: MlOnConnect)
 * </pre>
 */
public final class ConnectQueries {

  private final SparkSession spark;
  private final Path output;

  private ConnectQueries(SparkSession spark, Path output) {
    this.spark = spark;
    this.output = output;
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: ConnectQueries sc://HOST:PORT QUERIES OUTPUT");
      System.exit(2);
    }
    SparkSession spark = SparkSession.builder().remote(args[0]).getOrCreate();
    try {
      ConnectQueries queries = new ConnectQueries(spark, Path.of(args[2]));
      for (String line : Files.readAllLines(Path.of(args[1]))) {
        if (!line.isBlank()) {
          queries.run(line.split("\t"));
        }
      }
    } finally {
      spark.stop();
    }
  }

  private void run(String[] fields) {
    String kind = fields[0];
    String name = fields[1];
    if (kind.equals("conf")) {
      spark.conf().set(name, fields[2]);
      return;
    }
    if (kind.equals("view")) {
      spark.read().parquet(fields[2]).createOrReplaceTempView(name);
      return;
    }
    try {
      Dataset<Row> result = switch (kind) {
        case "sql" -> spark.sql(fields[2]);
        case "expr" -> spark.table(fields[2]).selectExpr("id", fields[3]);
        case "call" -> spark.table(fields[2]).select(col("id"),
            call_function(fields[3], Arrays.stream(fields, 4, fields.length)
                .map(argument -> expr(argument)).toArray(Column[]::new)));
        case "ml" -> MlOnConnect.transform(spark, spark.table(fields[2]),
            Arrays.copyOfRange(fields, 3, fields.length));
        default -> throw new IllegalArgumentException("unknown query kind " + kind);
      };
      List<Row> received = result.collectAsList();
      spark.createDataFrame(received, result.schema()).write()
          .parquet(output.resolve(name).toString());
      System.out.println(name + "\trows\t" + received.size());
    } catch (Exception e) {
      // Analysis errors reach a Connect client as AnalysisException, a checked exception.
      String message = String.valueOf(e.getMessage());
      System.out.println(name + "\terror\t" + message.lines().findFirst().orElse(""));
    }
  }
}
