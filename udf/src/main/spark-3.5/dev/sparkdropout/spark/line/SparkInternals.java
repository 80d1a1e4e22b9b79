package dev.sparkdropout.spark.line;

import java.util.List;
import java.util.function.Function;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.expressions.objects.StaticInvoke;
import org.apache.spark.sql.types.AbstractDataType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.util.package$;
import org.apache.spark.sql.types.StructType;
import scala.Function1;
import scala.collection.Seq;
import scala.runtime.AbstractFunction1;

/**
 * The Spark internals the library reaches, as this line spells them: a session's function
 * registry, a Dataset's internal rows and back, a function builder, an expression's SQL text,
 * Columns of Catalyst expressions.
 */
public final class SparkInternals {

  private SparkInternals() {}

  public static FunctionRegistry functionRegistry(SparkSession spark) {
    return spark.sessionState().functionRegistry();
  }

  public static JavaRDD<InternalRow> internalRows(Dataset<Row> data) {
    return data.queryExecution().toRdd().toJavaRDD();
  }

  public static Dataset<Row> fromInternalRows(SparkSession spark, RDD<InternalRow> rows,
      StructType schema) {
    return spark.internalCreateDataFrame(rows, schema, false);
  }

  /** What Spark calls with a SQL function call's resolved arguments. */
  public static Function1<Seq<Expression>, Expression> functionBuilder(
      Function<List<Expression>, Expression> build) {
    return new AbstractFunction1<>() {
      @Override
      public Expression apply(Seq<Expression> arguments) {
        return build.apply(ScalaCollections.list(arguments));
      }
    };
  }

  /** An expression as users see it in SQL: {@code features}, {@code 0.3}. */
  public static String sql(Expression expression) {
    return package$.MODULE$.toPrettySQL(expression);
  }

  /** A Column of a Catalyst expression. */
  public static Column column(Expression expression) {
    return new Column(expression);
  }

  /** The Catalyst expression of a Column. */
  public static Expression expression(Column column) {
    return column.expr();
  }

  /**
   * A call of the static {@code owner.method(arguments)} in generated code, returning
   * {@code type}, NULL for a NULL result, never for NULL arguments alone.
   */
  public static Expression staticInvoke(Class<?> owner, DataType type, String method,
      List<Expression> arguments) {
    return new StaticInvoke(owner, type, method, ScalaCollections.seq(arguments),
        ScalaCollections.seq(List.<AbstractDataType>of()), false, false, true);
  }
}
