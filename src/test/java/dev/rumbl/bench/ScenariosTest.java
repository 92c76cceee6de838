package dev.rumbl.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the benchmarks from rotting: every scenario runs at tiny sizes (each checks its own answers:
 * every cast counted, the replacement answering, every compute's three results, both HTTP servers
 * answering alike, every child alive then gone, every viewer getting every broadcast; scenario 6
 * only where wrk is installed), the Pekko sides give a figure for each metric the Elixir script
 * reports, and the script reports the same keys. No speed is asserted.
 */
class ScenariosTest {

  private static final BenchConfig TINY = new BenchConfig(1, 1, 2_000, 200, 20, 300, 1, 50, 200, 8,
    new BenchConfig.Http(1, 4, 1, 1), new BenchConfig.Viewers(new int[] {20}, 10, 1, 10, 2, 1));

  /** The metrics that have peers: the Elixir script's keys, which the Pekko sides measure too. */
  private static final List<String> PEER_KEYS = List.of(
    CastThroughput.KEY, CallRoundTrip.KEY_MEAN, CallRoundTrip.KEY_P50, CallRoundTrip.KEY_P99,
    RestartLatency.KEY_P50, RestartLatency.KEY_P99,
    InfoSysCompute.KEY_SEQ_THROUGHPUT, InfoSysCompute.KEY_SEQ_P50, InfoSysCompute.KEY_SEQ_P99,
    InfoSysCompute.KEY_CONCURRENT_THROUGHPUT, InfoSysCompute.KEY_CONCURRENT_P50, InfoSysCompute.KEY_CONCURRENT_P99,
    ManyChildren.KEY_START, ManyChildren.KEY_HEAP, ManyChildren.KEY_STOP);

  @Test
  void everyScenarioMeasuresBothSidesWithPositiveFigures() throws Exception {
    List<Measurement> measurements = new ArrayList<>();
    for (Scenario scenario : BenchMain.scenarios()) {
      measurements.addAll(scenario.run(TINY));
    }

    assertThat(measurements).isNotEmpty().allSatisfy(m -> {
      if (m.key().endsWith("_kib")) {
        assertThat(m.rumbl()).as(m.key() + " rumbl (a few viewers' memory is within a GC's noise)").isFinite();
        assertThat(m.raw()).as(m.key() + " raw").isFinite();
      } else {
        assertThat(m.rumbl()).as(m.key() + " rumbl").isPositive().isFinite();
        assertThat(m.raw()).as(m.key() + " raw").isPositive().isFinite();
      }
    });
    List<Measurement> withPekko = measurements.stream().filter(m -> !Double.isNaN(m.pekko())).toList();
    assertThat(withPekko).extracting(Measurement::key).containsExactlyInAnyOrderElementsOf(PEER_KEYS);
    assertThat(withPekko).allSatisfy(m -> assertThat(m.pekko()).as(m.key() + " pekko").isPositive().isFinite());
    assertThat(ResultTable.render(measurements)).contains("| 3. restart | kill to replacement answering, p50 |");
    List<String> keys = measurements.stream().map(Measurement::key).toList();
    assertThat(keys).contains(InfoSysCompute.KEY_SEQ_THROUGHPUT, InfoSysCompute.KEY_CONCURRENT_P99, InfoSysCompute.KEY_SPREAD_P99);
    assertThat(keys).contains(ViewersAtScale.KEY_PREFIX + "20.p99_ms", ViewersAtScale.KEY_PREFIX + "stream.rate");
    if (Executables.installed("wrk")) {
      assertThat(keys).contains(HttpInfoSys.KEY_THROUGHPUT, HttpInfoSys.KEY_P99);
    }
  }

  @Test
  void theElixirScriptReportsExactlyTheKeysOfTheJavaScenarios() throws Exception {
    Matcher results = Pattern.compile("Stats\\.result\\(\"([a-z_.0-9]+)\"").matcher(Files.readString(Path.of(ElixirRun.SCRIPT)));
    List<String> elixirKeys = new ArrayList<>();
    while (results.find()) {
      elixirKeys.add(results.group(1));
    }

    assertThat(elixirKeys).containsExactlyInAnyOrderElementsOf(PEER_KEYS);
  }
}
