package dev.rumbl.infosys.backend;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ArithmeticTest {

  @Test
  void onePlusOneIsTwo() {
    assertThat(Arithmetic.evaluate("1 + 1")).contains("2");
  }

  @Test
  void followsPrecedenceParenthesesAndUnaryMinus() {
    assertThat(Arithmetic.evaluate("2 + 3 * 4")).contains("14");
    assertThat(Arithmetic.evaluate("(2 + 3) * 4")).contains("20");
    assertThat(Arithmetic.evaluate("-2^2")).contains("-4");
    assertThat(Arithmetic.evaluate("2^3^2")).contains("512");
    assertThat(Arithmetic.evaluate("10 - 4 - 3")).contains("3");
    assertThat(Arithmetic.evaluate("7 ÷ 2")).contains("3.5");
  }

  @Test
  void usesDecimalArithmetic() {
    assertThat(Arithmetic.evaluate("0.1 + 0.2")).contains("0.3");
    assertThat(Arithmetic.evaluate("1 / 3")).hasValueSatisfying(third -> assertThat(third).startsWith("0.3333333333"));
    assertThat(Arithmetic.evaluate("2^-1")).contains("0.5");
  }

  @Test
  void acceptsAQuestionAroundTheExpression() {
    assertThat(Arithmetic.evaluate("What is 6 * 7?")).contains("42");
    assertThat(Arithmetic.evaluate("12 / 4 =")).contains("3");
  }

  @Test
  void answersNothingForWordsLoneNumbersOrImpossibleOperations() {
    assertThat(Arithmetic.evaluate("capital of France")).isEmpty();
    assertThat(Arithmetic.evaluate("42")).isEmpty();
    assertThat(Arithmetic.evaluate("1 / 0")).isEmpty();
    assertThat(Arithmetic.evaluate("2 +")).isEmpty();
    assertThat(Arithmetic.evaluate("(1 + 2")).isEmpty();
    assertThat(Arithmetic.evaluate("9^99999999")).isEmpty();
    assertThat(Arithmetic.evaluate("2^0.5")).isEmpty();
  }
}
