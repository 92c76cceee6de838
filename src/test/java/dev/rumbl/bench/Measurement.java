package dev.rumbl.bench;

/**
 * One line of the result table: a metric measured for Rumbl and for its raw Vert.x baseline in the
 * same run, and for Pekko where the scenario has a Pekko side for it ({@code pekko} NaN otherwise).
 * {@code elixir} is NaN until the Elixir run supplies it. The ratio is always Rumbl over the other
 * side; {@code direction} says whether a higher figure is the better one.
 */
record Measurement(String key, String scenario, String metric, String unit, Direction direction,
                   double rumbl, double raw, double elixir, double pekko, Target target) {

  enum Direction { HIGHER_IS_BETTER, LOWER_IS_BETTER }

  static Measurement of(String key, String scenario, String metric, String unit, Direction direction,
                        double rumbl, double raw, Target target) {
    return new Measurement(key, scenario, metric, unit, direction, rumbl, raw, Double.NaN, Double.NaN, target);
  }

  Measurement withElixir(double value) {
    return new Measurement(key, scenario, metric, unit, direction, rumbl, raw, value, pekko, target);
  }

  Measurement withPekko(double value) {
    return new Measurement(key, scenario, metric, unit, direction, rumbl, raw, elixir, value, target);
  }

  double ratioToRaw() {
    return rumbl / raw;
  }

  double ratioToElixir() {
    return rumbl / elixir;
  }

  double ratioToPekko() {
    return rumbl / pekko;
  }
}
