package dev.sparkdropout.sql;

import dev.sparkdropout.core.DropoutMethod;
import java.util.List;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import scala.Option;

/**
 * The SQL functions of docs/SPEC.md §7: each one's name, method, parameters, output and
 * {@code DESCRIBE FUNCTION} text. The extension and {@link FunctionRegistration} register these
 * same functions, each built by {@link ExpressionBuilder}, so both routes give the same
 * expressions.
 */
public enum SqlFunction {
  DROPOUT("dropout", DropoutMethod.DROPOUT, false, FunctionDocs.DROPOUT),
  ALPHA_DROPOUT("alpha_dropout", DropoutMethod.ALPHA_DROPOUT, false, FunctionDocs.ALPHA_DROPOUT),
  DROPOUT_MASK("dropout_mask", DropoutMethod.DROPOUT, true, FunctionDocs.DROPOUT_MASK),
  GAUSSIAN_DROPOUT("gaussian_dropout", DropoutMethod.GAUSSIAN_DROPOUT, false,
      FunctionDocs.GAUSSIAN_DROPOUT),
  GAUSSIAN_NOISE("gaussian_noise", DropoutMethod.GAUSSIAN_NOISE, false,
      FunctionDocs.GAUSSIAN_NOISE),
  SPATIAL_DROPOUT("spatial_dropout", DropoutMethod.SPATIAL_DROPOUT, false,
      FunctionDocs.SPATIAL_DROPOUT);

  /** The first two parameters are required; the rest may be skipped with NULL. */
  static final int REQUIRED = 2;

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

  /** The method whose output this function returns; the mask is the same for every dropout. */
  public DropoutMethod method() {
    return method;
  }

  /** Whether the function returns the binary mask instead of the noisy values. */
  public boolean isMask() {
    return mask;
  }

  /**
   * The parameters in order, by the names a call may give them: spatial dropout sets its own
   * noise shape and takes {@code channels_first} instead.
   */
  List<String> parameters() {
    String amount = method.parameterName();
    return method == DropoutMethod.SPATIAL_DROPOUT
        ? List.of("x", amount, "seed", "key", "copy", "channels_first")
        : List.of("x", amount, "seed", "key", "noise_shape", "copy");
  }

  /** The parameters as usage shows them: {@code x, rate [, seed [, key [, ...]]]}. */
  String signature() {
    List<String> parameters = parameters();
    StringBuilder text = new StringBuilder(String.join(", ", parameters.subList(0, REQUIRED)));
    for (String optional : parameters.subList(REQUIRED, parameters.size())) {
      text.append(" [, ").append(optional);
    }
    return text.append("]".repeat(parameters.size() - REQUIRED)).toString();
  }

  public FunctionIdentifier identifier() {
    return new FunctionIdentifier(sqlName, Option.empty(), Option.empty());
  }

  public ExpressionInfo info() {
    return docs.info(sqlName, signature());
  }

  /** The function for a method's values. */
  public static SqlFunction of(DropoutMethod method) {
    for (SqlFunction function : values()) {
      if (function.method == method && !function.mask) {
        return function;
      }
    }
    throw new IllegalArgumentException("No SQL function for " + method);
  }
}
