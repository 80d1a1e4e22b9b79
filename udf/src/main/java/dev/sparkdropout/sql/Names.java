package dev.sparkdropout.sql;

import dev.sparkdropout.spark.line.SparkInternals;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedArgumentExpression;

/**
 * The SQL text users see for an expression: {@code features}, {@code 0.3}, and an argument given
 * by name as it was written, {@code rate => 0.3}.
 */
final class Names {

  private Names() {}

  static String of(Expression e) {
    if (e instanceof NamedArgumentExpression) {
      NamedArgumentExpression byName = (NamedArgumentExpression) e;
      return byName.key() + " => " + of(byName.value());
    }
    return SparkInternals.sql(e);
  }
}
