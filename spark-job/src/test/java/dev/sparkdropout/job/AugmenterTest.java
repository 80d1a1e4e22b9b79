package dev.sparkdropout.job;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.spark.ColumnDropout;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Augmenter.validate: names compared as Spark compares them, before anything is read. */
class AugmenterTest {

  private static final StructType SCHEMA = new StructType()
      .add("Features", DataTypes.createArrayType(DataTypes.FloatType))
      .add("f", DataTypes.createArrayType(DataTypes.FloatType))
      .add("F_MASK", DataTypes.IntegerType)
      .add("Copy", DataTypes.IntegerType)
      .add("User", DataTypes.StringType)
      .add("v", SQLDataTypes.VectorType())
      .add("seq", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.DoubleType)));

  private static JobSettings settings(String column, List<String> keys, Integer copies,
      boolean mask) {
    return settings(ColumnDropout.of(column, DropoutMethod.DROPOUT, 0.3), keys, copies, mask);
  }

  private static JobSettings settings(ColumnDropout column, List<String> keys, Integer copies,
      boolean mask) {
    return new JobSettings("in", "out", "parquet", 1L, keys, copies, mask, true, false, null,
        Map.of(), List.of(column));
  }

  @Test
  void spatialDropoutNeedsRowsOfRankTwoOrMore() {
    for (String flat : new String[] {"f", "v"}) {
      ColumnDropout column = ColumnDropout.of(flat, DropoutMethod.SPATIAL_DROPOUT, 0.3);
      String type = SCHEMA.apply(flat).dataType().simpleString();
      assertThatThrownBy(() -> Augmenter.validate(SCHEMA, settings(column, List.of(), null,
          true), false)).isInstanceOf(UserError.class).hasMessage("--column " + flat
              + " of type " + type + ": spatial_dropout needs rows of rank 2 or more (one "
              + "decision per channel), got rank 1; use dropout for flat rows");
    }
    assertThatCode(() -> Augmenter.validate(SCHEMA, settings(ColumnDropout.of("seq",
        DropoutMethod.SPATIAL_DROPOUT, 0.3), List.of(), null, true), false))
        .doesNotThrowAnyException();
  }

  @Test
  void newColumnsMustDifferFromTheInputsIgnoringCase() {
    assertThatThrownBy(() -> Augmenter.validate(SCHEMA, settings("f", List.of(), null, true),
        false)).isInstanceOf(UserError.class).hasMessage("--mask column f_mask already "
            + "exists as `F_MASK` (Spark ignores case unless spark.sql.caseSensitive=true)");
    assertThatThrownBy(() -> Augmenter.validate(SCHEMA, settings("f", List.of(), 2, false),
        false)).hasMessage("--copies column copy already exists as `Copy` (Spark ignores case "
            + "unless spark.sql.caseSensitive=true)");
    assertThatCode(() -> Augmenter.validate(SCHEMA, settings("f", List.of(), 2, true), true))
        .doesNotThrowAnyException();
    assertThatCode(() -> Augmenter.validate(SCHEMA, settings("Features", List.of(), null, true),
        false)).doesNotThrowAnyException();
  }

  @Test
  void namesThatMatchOnlyUpToCaseGetAHint() {
    assertThatThrownBy(() -> Augmenter.validate(SCHEMA,
        settings("features", List.of(), null, false), false))
        .hasMessage("--column features does not exist (did you mean `Features`?)");
    assertThatThrownBy(() -> Augmenter.validate(SCHEMA,
        settings("F", List.of("user"), null, false), false))
        .hasMessage("--column F does not exist (did you mean `f`?)");
    assertThatThrownBy(() -> Augmenter.validate(SCHEMA,
        settings("f", List.of("user"), null, false), false))
        .hasMessage("--key user does not exist (did you mean `User`?)");
    assertThatThrownBy(() -> Augmenter.validate(SCHEMA,
        settings("nope", List.of(), null, false), false))
        .hasMessage("--column nope does not exist; the columns are Features, f, F_MASK, Copy, "
            + "User, v, seq");
  }
}
