package dev.sparkdropout.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkdropout.spark.ColumnDropout;
import dev.sparkdropout.core.DropoutMethod;
import dev.sparkdropout.core.NoiseShape;
import dev.sparkdropout.sql.SparkTestBase;
import dev.sparkdropout.sql.TestData;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.Test;

/** The transform's schema and its errors, raised before any data is read. */
public class DropoutPartitionsTest extends SparkTestBase {

  private static final ColumnDropout F = ColumnDropout.of("f", DropoutMethod.DROPOUT, 0.5);

  @Test
  public void keepsColumnsInPlaceAndAppendsMasks() {
    Dataset<Row> out = DropoutPartitions.apply(TestData.table(spark(), 2), 1L,
        List.of(F.withMask("f_mask"), ColumnDropout.of("v", DropoutMethod.ALPHA_DROPOUT, 0.2)));
    assertThat(out.columns()).containsExactly("id", "user", "f", "d", "seq", "cube", "v",
        "f_mask");
    assertThat(out.schema().apply("f").dataType()).isEqualTo(TestData.SCHEMA.apply("f").dataType());
    assertThat(out.schema().apply("f_mask").dataType())
        .isEqualTo(DataTypes.createArrayType(DataTypes.ByteType, true));
    assertThat(out.count()).isEqualTo(TestData.ROWS + 3);
  }

  @Test
  public void rejectsBadColumnsBeforeReadingData() {
    Dataset<Row> data = TestData.table(spark(), 2);
    assertThatThrownBy(() -> DropoutPartitions.apply(data, 1L,
        List.of(ColumnDropout.of("nope", DropoutMethod.DROPOUT, 0.5))))
        .hasMessage("DropoutPartitions: column `nope` does not exist; the columns are id, user, "
            + "f, d, seq, cube, v");
    assertThatThrownBy(() -> DropoutPartitions.apply(data, 1L,
        List.of(ColumnDropout.of("user", DropoutMethod.DROPOUT, 0.5))))
        .hasMessageStartingWith("DropoutPartitions: column `user` has type string; expected");
    assertThatThrownBy(() -> DropoutPartitions.apply(data, 1L,
        List.of(F.withNoiseShape(NoiseShape.of(1, 1)))))
        .hasMessage("DropoutPartitions: noise_shape (1, 1) has 2 entries, but column `f` of type "
            + "array<float> has rank 1");
    assertThatThrownBy(() -> DropoutPartitions.apply(data, 1L, List.of(F.withMask("d"))))
        .hasMessage("DropoutPartitions: mask column `d` already exists");
    assertThatThrownBy(() -> DropoutPartitions.apply(data, 1L, "missing", List.of(F)))
        .hasMessageStartingWith("DropoutPartitions: key column `missing` does not exist");
    assertThatThrownBy(() -> DropoutPartitions.apply(data, 1L, List.of("user", "missing"),
        List.of(F)))
        .hasMessage("DropoutPartitions: key column `missing` does not exist; the columns are id, "
            + "user, f, d, seq, cube, v");
    assertThatThrownBy(() -> DropoutPartitions.apply(data, 1L, List.<String>of(), List.of(F)))
        .hasMessage("DropoutPartitions: the list of key columns is empty; pass null for "
            + "partition mode");
    assertThatThrownBy(() -> ColumnDropout.of("f", DropoutMethod.ALPHA_DROPOUT, 1.0))
        .hasMessage("rate must be a number in [0, 1), got 1.0");
    assertThatThrownBy(() -> DropoutPartitions.apply(data, 1L,
        List.of(ColumnDropout.of("f", DropoutMethod.SPATIAL_DROPOUT, 0.5))))
        .hasMessage("DropoutPartitions: column `f`: spatial_dropout needs rows of rank 2 or "
            + "more (one decision per channel), got rank 1; use dropout for flat rows");
    assertThatThrownBy(() -> ColumnDropout.of("f", DropoutMethod.GAUSSIAN_NOISE, 0.1)
        .withMask("m"))
        .hasMessage("f: gaussian_noise has no mask; masks are for dropout, alpha_dropout and "
            + "spatial_dropout");
  }
}
