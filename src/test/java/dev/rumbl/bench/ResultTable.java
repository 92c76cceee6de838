package dev.rumbl.bench;

import java.util.List;
import java.util.Locale;

/** Renders the measurements as the Markdown table of BENCHMARKS.md: Rumbl, raw Vert.x, Elixir, Pekko and the ratios. */
final class ResultTable {

  private ResultTable() {
  }

  static String render(List<Measurement> measurements) {
    StringBuilder table = new StringBuilder()
      .append("| scenario | metric | unit | better | Rumbl | raw Vert.x | Rumbl/raw | target | met | Elixir | Rumbl/Elixir | Pekko | Rumbl/Pekko |\n")
      .append("|---|---|---|---|---:|---:|---:|---|---|---:|---:|---:|---:|\n");
    for (Measurement m : measurements) {
      table.append("| ").append(m.scenario())
        .append(" | ").append(m.metric())
        .append(" | ").append(m.unit())
        .append(" | ").append(m.direction() == Measurement.Direction.HIGHER_IS_BETTER ? "higher" : "lower")
        .append(" | ").append(figure(m.rumbl()))
        .append(" | ").append(figure(m.raw()))
        .append(" | ").append(ratio(m.ratioToRaw()))
        .append(" | ").append(m.target().text())
        .append(" | ").append(m.target().isSet() ? (m.target().metBy(m) ? "yes" : "**no**") : "")
        .append(" | ").append(Double.isNaN(m.elixir()) ? "n/a" : figure(m.elixir()))
        .append(" | ").append(Double.isNaN(m.elixir()) ? "n/a" : ratio(m.ratioToElixir()))
        .append(" | ").append(Double.isNaN(m.pekko()) ? "n/a" : figure(m.pekko()))
        .append(" | ").append(Double.isNaN(m.pekko()) ? "n/a" : ratio(m.ratioToPekko()))
        .append(" |\n");
    }
    return table.toString();
  }

  private static String figure(double value) {
    if (value >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
  }

  private static String ratio(double value) {
    return String.format(Locale.ROOT, "%.2fx", value);
  }
}
