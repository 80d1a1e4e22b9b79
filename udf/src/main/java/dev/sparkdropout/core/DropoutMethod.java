package dev.sparkdropout.core;

import java.util.Locale;

/** The two dropout methods of docs/SPEC.md §1, named as users write them. */
public enum DropoutMethod {
  /** Keras {@code Dropout}, Wolfram {@code Method -> "Dropout"}. */
  DROPOUT("dropout"),
  /** Keras {@code AlphaDropout}, Wolfram {@code Method -> "AlphaDropout"}, for SELU networks. */
  ALPHA_DROPOUT("alpha_dropout");

  private final String sqlName;

  DropoutMethod(String sqlName) {
    this.sqlName = sqlName;
  }

  /** The name of the SQL function and of the job's {@code --method} value. */
  public String sqlName() {
    return sqlName;
  }

  /** Parses {@code dropout} or {@code alpha_dropout}, ignoring case. */
  public static DropoutMethod fromName(String name) {
    if (name != null) {
      String lower = name.trim().toLowerCase(Locale.ROOT);
      for (DropoutMethod method : values()) {
        if (method.sqlName.equals(lower)) {
          return method;
        }
      }
    }
    throw new IllegalArgumentException(String.format(Locale.ROOT,
        "Unknown dropout method '%s': expected dropout or alpha_dropout", name));
  }
}
