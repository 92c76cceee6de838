package dev.rumbl.bench;

/**
 * One line of the result table: a metric measured for Rumbl and for its raw Vert.x baseline in the
 * same run. {@code elixir} is NaN until the Elixir run supplies it. The ratio is always Rumbl over
 * the other side; {@code direction} says whether a higher figure is the better one.
 */
record Measurement(String key, String scenario, String metric, String unit, Direction direction,
                   double rumbl, double raw, double elixir, Target target) {

  enum Direction { HIGHER_IS_BETTER, LOWER_IS_BETTER }

  static Measurement of(String key, String scenario, String metric, String unit, Direction direction,
                        double rumbl, double raw, Target target) {
    return new Measurement(key, scenario, metric, unit, direction, rumbl, raw, Double.NaN, target);
  }

  Measurement withElixir(double value) {
    return new Measurement(key, scenario, metric, unit, direction, rumbl, raw, value, target);
  }

  double ratioToRaw() {
    return rumbl / raw;
  }

  double ratioToElixir() {
    return rumbl / elixir;
  }
}
