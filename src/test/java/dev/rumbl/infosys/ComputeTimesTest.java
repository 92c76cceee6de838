package dev.rumbl.infosys;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ComputeTimes}: each window's count and nearest-rank p50 and p99, and a fresh window after each drain. */
class ComputeTimesTest {

  @Test
  void aWindowCountsItsComputesAndTellsTheirMedianAndNinetyNinthPercentile() {
    ComputeTimes times = new ComputeTimes();
    for (int ms = 100; ms >= 1; ms--) {
      times.record(ms * 1_000_000L);
    }

    ComputeTimes.Window window = times.drain();

    assertThat(window.count()).isEqualTo(100);
    assertThat(window.p50Ms()).isEqualTo(50.0);
    assertThat(window.p99Ms()).isEqualTo(99.0);
    assertThat(times.drain()).isEqualTo(new ComputeTimes.Window(0, 0, 0));
  }

  @Test
  void pastTheKeptDurationsTheCountStillCoversEveryCompute() {
    ComputeTimes times = new ComputeTimes();
    for (int i = 0; i < ComputeTimes.KEPT + 500; i++) {
      times.record(1_000_000L);
    }

    ComputeTimes.Window window = times.drain();

    assertThat(window.count()).isEqualTo(ComputeTimes.KEPT + 500);
    assertThat(window.p99Ms()).isEqualTo(1.0);
  }
}
