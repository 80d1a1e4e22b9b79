package dev.sparkdropout.udf;

import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.util.package$;

/** The SQL text users see for an expression: {@code features}, {@code 0.3}. */
final class Names {

  private Names() {}

  static String of(Expression e) {
    return package$.MODULE$.toPrettySQL(e);
  }
}
