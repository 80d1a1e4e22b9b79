package dev.sparkdropout.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.Test;

/**
 * The Spark 4 line's SQL tests run twice: with Spark 4's default, ANSI mode on, and with it off
 * (the ansi-off execution). This pins which mode each run is in, and that ANSI mode is the one
 * Spark enforces there, so the functions' results are compared under both.
 */
public class AnsiModeTest extends SparkTestBase {

  @Test
  public void theSessionRunsInTheModeTheExecutionAsksFor() {
    boolean ansi = Boolean.parseBoolean(System.getProperty("spark.sql.ansi.enabled", "true"));
    assertThat(spark().conf().get("spark.sql.ansi.enabled")).isEqualTo(Boolean.toString(ansi));
    String overflow = "SELECT CAST(2147483647 AS INT) + 1";
    if (ansi) {
      assertThatThrownBy(() -> spark().sql(overflow).collect())
          .hasMessageContaining("ARITHMETIC_OVERFLOW");
    } else {
      assertThat(spark().sql(overflow).first().getInt(0)).isEqualTo(Integer.MIN_VALUE);
    }
  }
}
