package dev.sparkdropout.connect;

import java.util.UUID;
import org.apache.spark.connect.proto.Expression;
import org.apache.spark.connect.proto.MlOperator;
import org.apache.spark.connect.proto.MlParams;
import org.apache.spark.connect.proto.MlRelation;
import org.apache.spark.connect.proto.Relation;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.runtime.BoxedUnit;

/**
 * {@code DropoutTransformer} through Spark 4's ML on Connect, sent as PySpark sends a transformer:
 * the JVM client has no ML API, so the relation is built here from the protocol.
 */
final class MlOnConnect {

  /** The ML stage as the server's ServiceLoader registry names it. */
  private static final String TRANSFORMER = "dev.sparkdropout.ml.DropoutTransformer";

  private MlOnConnect() {}

  /**
   * The stage with {@code params} ({@code name=value}; {@code uid=...} sets the stage's uid,
   * otherwise one is drawn as the stage draws its own) applied to {@code input}.
   */
  static Dataset<Row> transform(SparkSession spark, Dataset<Row> input, String[] params) {
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
        .setTransformer(MlOperator.newBuilder().setName(TRANSFORMER).setUid(uid)
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
      case "rate", "stddev" -> literal.setDouble(Double.parseDouble(value)).build();
      case "seed" -> literal.setLong(Long.parseLong(value)).build();
      case "training" -> literal.setBoolean(Boolean.parseBoolean(value)).build();
      default -> literal.setString(value).build();
    };
  }
}
