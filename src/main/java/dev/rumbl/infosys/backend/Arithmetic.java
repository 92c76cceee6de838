package dev.rumbl.infosys.backend;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Optional;

/**
 * Evaluates simple arithmetic typed as a question: numbers, {@code + - * / ^} (also {@code × ÷}),
 * unary minus and parentheses, optionally wrapped in "what is ... ?" or ending in "=". Decimal
 * arithmetic to 34 significant digits, so {@code 0.1 + 0.2} is {@code 0.3}; exponents are whole
 * numbers up to {@value #MAX_EXPONENT} in size. Anything else, a lone number, or a division by
 * zero gives no answer.
 */
final class Arithmetic {

  static final int MAX_EXPONENT = 1000;

  private static final MathContext PRECISION = MathContext.DECIMAL128;
  private static final String[] PREFIXES = {"what is", "what's", "whats", "calculate", "compute", "evaluate"};

  private final String text;
  private int position;
  private int operators;

  private Arithmetic(String text) {
    this.text = text;
  }

  /** The value of the expression, written plainly ("2", "0.5", "-3"), or empty when it is not one. */
  static Optional<String> evaluate(String question) {
    String expression = strip(question);
    if (expression.isEmpty()) {
      return Optional.empty();
    }
    Arithmetic parser = new Arithmetic(expression);
    try {
      BigDecimal value = parser.expression();
      parser.skipSpaces();
      if (parser.position != expression.length() || parser.operators == 0) {
        return Optional.empty();
      }
      return Optional.of(format(value));
    } catch (ArithmeticException | NumberFormatException | Unparsable e) {
      return Optional.empty();
    }
  }

  private static String strip(String question) {
    String text = question.trim().toLowerCase(Locale.ROOT);
    for (String prefix : PREFIXES) {
      if (text.startsWith(prefix + " ")) {
        text = text.substring(prefix.length()).trim();
        break;
      }
    }
    while (text.endsWith("?") || text.endsWith("=")) {
      text = text.substring(0, text.length() - 1).trim();
    }
    return text;
  }

  private static String format(BigDecimal value) {
    BigDecimal plain = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    return Math.abs(plain.scale()) > PRECISION.getPrecision() ? plain.toString() : plain.toPlainString();
  }

  private static final class Unparsable extends RuntimeException {
    Unparsable() {
      super(null, null, false, false);
    }
  }

  private BigDecimal expression() {
    BigDecimal value = term();
    while (true) {
      if (accept('+')) {
        value = value.add(term(), PRECISION);
      } else if (accept('-')) {
        value = value.subtract(term(), PRECISION);
      } else {
        return value;
      }
    }
  }

  private BigDecimal term() {
    BigDecimal value = unary();
    while (true) {
      if (accept('*') || accept('×') || accept('x')) {
        value = value.multiply(unary(), PRECISION);
      } else if (accept('/') || accept('÷')) {
        value = value.divide(unary(), PRECISION);
      } else {
        return value;
      }
    }
  }

  private BigDecimal unary() {
    if (accept('-')) {
      return unary().negate();
    }
    if (accept('+')) {
      return unary();
    }
    return power();
  }

  private BigDecimal power() {
    BigDecimal base = primary();
    if (!accept('^')) {
      return base;
    }
    BigDecimal exponent = unary();
    if (exponent.stripTrailingZeros().scale() > 0 || exponent.abs().compareTo(BigDecimal.valueOf(MAX_EXPONENT)) > 0) {
      throw new Unparsable();
    }
    return base.pow(exponent.intValueExact(), PRECISION);
  }

  private BigDecimal primary() {
    skipSpaces();
    if (accept('(')) {
      BigDecimal value = expression();
      if (!accept(')')) {
        throw new Unparsable();
      }
      return value;
    }
    int start = position;
    while (position < text.length() && (Character.isDigit(text.charAt(position)) || text.charAt(position) == '.')) {
      position++;
    }
    if (start == position) {
      throw new Unparsable();
    }
    return new BigDecimal(text.substring(start, position));
  }

  private boolean accept(char symbol) {
    skipSpaces();
    if (position < text.length() && text.charAt(position) == symbol) {
      position++;
      if (symbol != '(' && symbol != ')') {
        operators++;
      }
      return true;
    }
    return false;
  }

  private void skipSpaces() {
    while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
      position++;
    }
  }
}
