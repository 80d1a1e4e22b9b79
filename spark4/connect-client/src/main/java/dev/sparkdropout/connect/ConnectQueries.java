package dev.sparkdropout.connect;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.spark.connect.proto.Expression;
import org.apache.spark.connect.proto.MlOperator;
import org.apache.spark.connect.proto.MlParams;
import org.apache.spark.connect.proto.MlRelation;
import org.apache.spark.connect.proto.Relation;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.runtime.BoxedUnit;

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
 * view  NAME  PARQUET-PATH                 registers a temporary view of the files
 * sql   NAME  STATEMENT                    spark.sql
 * expr  NAME  VIEW  EXPRESSION             id and the expression, by selectExpr
 * call  NAME  VIEW  FUNCTION  ARGUMENT...  id and functions.call_function, arguments as SQL
 * ml    NAME  VIEW  PARAM=VALUE...         the ML stage, by ML on Connect's transform relation
 *                                          (PARAM uid sets the stage's uid)
 * </pre>
 */
public final class ConnectQueries {

  /** The ML stage as the server's ServiceLoader registry names it. */
  static final String TRANSFORMER = "dev.sparkdropout.ml.DropoutTransformer";

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
        case "ml" ->
            transform(spark.table(fields[2]), Arrays.copyOfRange(fields, 3, fields.length));
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

  /**
   * {@code DropoutTransformer} on {@code input}, sent as PySpark's ML on Connect sends a
   * transformer: the JVM client has no ML API, so the relation is built here from its protocol.
   */
  private Dataset<Row> transform(Dataset<Row> input, String[] params) {
    MlParams.Builder mlParams = MlParams.newBuilder();
    String uid = "dropout_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    for (String param : params) {
      String[] nameValue = param.split("=", 2);
      if (nameValue[0].equals("uid")) {
        uid = nameValue[1];
      } else {
        mlParams.putParams(nameValue[0], literal(nameValue[0], nameValue[1]));
      }
    }
    Relation root = ((org.apache.spark.sql.connect.Dataset<Row>) input).plan().getRoot();
    MlRelation.Transform transform = MlRelation.Transform.newBuilder()
        .setTransformer(MlOperator.newBuilder().setName(TRANSFORMER)
            .setUid(uid)
            .setType(MlOperator.OperatorType.OPERATOR_TYPE_TRANSFORMER))
        .setInput(root)
        .setParams(mlParams)
        .build();
    return ((org.apache.spark.sql.connect.SparkSession) spark).newDataFrame(relation -> {
      relation.setMlRelation(MlRelation.newBuilder().setTransform(transform));
      return BoxedUnit.UNIT;
    });
  }

  private static Expression.Literal literal(String param, String value) {
    Expression.Literal.Builder literal = Expression.Literal.newBuilder();
    return switch (param) {
      case "rate" -> literal.setDouble(Double.parseDouble(value)).build();
      case "seed" -> literal.setLong(Long.parseLong(value)).build();
      case "training" -> literal.setBoolean(Boolean.parseBoolean(value)).build();
      default -> literal.setString(value).build();
    };
  }
}
