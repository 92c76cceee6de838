package dev.rumbl.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatsTest {

  @Test
  void percentilesTakeTheNearestRankWithoutReorderingTheSamples() {
    long[] samples = {50, 10, 40, 20, 30, 100, 90, 80, 70, 60};

    assertThat(Stats.percentile(samples, 50)).isEqualTo(50);
    assertThat(Stats.percentile(samples, 99)).isEqualTo(100);
    assertThat(Stats.percentile(samples, 10)).isEqualTo(10);
    assertThat(Stats.percentile(samples, 11)).isEqualTo(20);
    assertThat(samples[0]).isEqualTo(50);
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(Stats.median(new double[] {4, 1, 3})).isEqualTo(3);
    assertThat(Stats.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
  }

  @Test
  void noSamplesIsAnError() {
    assertThatThrownBy(() -> Stats.percentile(new long[0], 50)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Stats.median(new double[0])).isInstanceOf(IllegalArgumentException.class);
  }
}
