package dev.sparkdropout.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AlphaDropoutTest {

  @Test
  void alphaPrimeIsMinusAlphaTimesScale() {
    assertThat(AlphaDropout.ALPHA_P).isEqualTo(-1.7580993408473766);
  }

  /** docs/SPEC.md §1's reference table, compared exactly. */
  @ParameterizedTest
  @CsvSource({
      "0.1, 0.9212845161497115, 0.16197097005757022, -1.457738730518132",
      "0.2, 0.8789035834435328, 0.30903996214409446, -1.2361598485763778",
      "0.5, 0.886404894665932, 0.7791939305180317, -0.7791939305180317",
      "0.8, 1.1999121561207353, 1.6876518166004955, -0.42191295415012364"})
  void coefficientsMatchTheSpecTable(double rate, double a, double b, double dropped) {
    assertThat(AlphaDropout.a(rate)).isEqualTo(a);
    assertThat(AlphaDropout.b(rate)).isEqualTo(b);
    assertThat(AlphaDropout.droppedValue(rate)).isEqualTo(dropped);
  }

  /**
   * docs/SPEC.md §1 pins {@code StrictMath.pow} and the order of evaluation: on this machine's JDK
   * {@code Math.pow} differs from it in the last bit for about one rate in twelve, which this
   * sweep would catch.
   */
  @Test
  void coefficientsAreStrictMathInSpecOrderForEveryRate() {
    for (int k = 0; k < 100_000; k++) {
      double rate = k / 100_000.0;
      double a = StrictMath.pow((1 - rate) * (1 + rate * -1.7580993408473766 * -1.7580993408473766),
          -0.5);
      double b = -a * -1.7580993408473766 * rate;
      assertThat(AlphaDropout.a(rate)).as("a at rate %s", rate).isEqualTo(a);
      assertThat(AlphaDropout.b(rate)).as("b at rate %s", rate).isEqualTo(b);
      assertThat(AlphaDropout.droppedValue(rate)).as("dropped value at rate %s", rate)
          .isEqualTo(a * -1.7580993408473766 + b);
    }
  }
}
