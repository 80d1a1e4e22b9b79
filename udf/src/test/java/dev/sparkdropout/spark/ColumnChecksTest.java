package dev.sparkdropout.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The one wording every way in uses for its columns (docs/SPEC.md §2). */
class ColumnChecksTest {

  private static final StructType SCHEMA = new StructType()
      .add("f", DataTypes.createArrayType(DataTypes.FloatType))
      .add("F_MASK", DataTypes.LongType)
      .add("User", DataTypes.StringType);

  private static ColumnChecks checks(boolean caseSensitive) {
    return new ColumnChecks(SCHEMA, caseSensitive, message -> new IllegalStateException("x: "
        + message));
  }

  @Test
  void aMissingColumnIsNamedWithTheColumnsThereAre() {
    assertThatThrownBy(() -> checks(false).existing("column `nope`", "nope"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("x: column `nope` does not exist; the columns are f, F_MASK, User");
  }

  @Test
  void aNameThatDiffersOnlyInCaseIsSuggestedNotTaken() {
    assertThatThrownBy(() -> checks(false).existing("--key user", "user"))
        .hasMessage("x: --key user does not exist (did you mean `User`?)");
    assertThat(checks(false).existing("--key User", "User").name()).isEqualTo("User");
  }

  @Test
  void onlyTensorsPass() {
    assertThat(checks(true).tensor("column `f`", "f").rank()).isEqualTo(1);
    assertThatThrownBy(() -> checks(true).tensor("column `User`", "User"))
        .hasMessage("x: column `User` has type string; expected array<float>, array<double>, "
            + "nested arrays of those, or a Spark ML vector");
    assertThatThrownBy(() -> ColumnChecks.forValues(IllegalStateException::new)
        .tensor("argument x (1)", DataTypes.IntegerType))
        .hasMessageStartingWith("argument x (1) has type int; expected");
  }

  @Test
  void aNoiseShapeNeedsOneEntryPerAxis() {
    TensorType tensor = checks(true).tensor("column `f`", "f");
    assertThatCode(() -> checks(true).noiseShapeFits("noise_shape (1)", 1, "column `f`", tensor))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> checks(true).noiseShapeFits("noise_shape (1, -1)", 2, "column `f`",
        tensor))
        .hasMessage("x: noise_shape (1, -1) has 2 entries, but column `f` of type array<float> "
            + "has rank 1");
  }

  @Test
  void aNewColumnMustBeNewToSpark() {
    assertThatThrownBy(() -> checks(true).absent("mask column `F_MASK`", "F_MASK"))
        .hasMessage("x: mask column `F_MASK` already exists");
    assertThatThrownBy(() -> checks(false).absent("mask column `f_mask`", "f_mask"))
        .hasMessage("x: mask column `f_mask` already exists as `F_MASK` (Spark ignores case "
            + "unless spark.sql.caseSensitive=true)");
    assertThatCode(() -> checks(true).absent("mask column `f_mask`", "f_mask"))
        .doesNotThrowAnyException();
  }
}
