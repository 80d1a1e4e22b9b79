package dev.sparkdropout.sql;

import dev.sparkdropout.core.DropoutMethod;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import scala.Option;

/**
 * The SQL functions of docs/SPEC.md §7: each one's name, method, output and
 * {@code DESCRIBE FUNCTION} text. The extension and {@link FunctionRegistration} register these
 * same three, each built by {@link ExpressionBuilder}, so both routes give the same expressions.
 */
public enum SqlFunction {
  DROPOUT("dropout", DropoutMethod.DROPOUT, false, FunctionDocs.DROPOUT),
  ALPHA_DROPOUT("alpha_dropout", DropoutMethod.ALPHA_DROPOUT, false, FunctionDocs.ALPHA_DROPOUT),
  DROPOUT_MASK("dropout_mask", DropoutMethod.DROPOUT, true, FunctionDocs.DROPOUT_MASK);

  private final String sqlName;
  private final DropoutMethod method;
  private final boolean mask;
  private final FunctionDocs docs;

  SqlFunction(String sqlName, DropoutMethod method, boolean mask, FunctionDocs docs) {
    this.sqlName = sqlName;
    this.method = method;
    this.mask = mask;
    this.docs = docs;
  }

  public String sqlName() {
    return sqlName;
  }

  /** The method whose output this function returns; the mask is the same for both. */
  public DropoutMethod method() {
    return method;
  }

  /** Whether the function returns the binary mask instead of the dropped-out values. */
  public boolean isMask() {
    return mask;
  }

  public FunctionIdentifier identifier() {
    return new FunctionIdentifier(sqlName, Option.empty(), Option.empty());
  }

  public ExpressionInfo info() {
    return docs.info(sqlName);
  }

  /** The function for a method's values: {@code dropout} or {@code alpha_dropout}. */
  public static SqlFunction of(DropoutMethod method) {
    return method == DropoutMethod.ALPHA_DROPOUT ? ALPHA_DROPOUT : DROPOUT;
  }
}
