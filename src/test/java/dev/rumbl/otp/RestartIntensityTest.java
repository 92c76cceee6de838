package dev.rumbl.otp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RestartIntensityTest {

  @Test
  void allowsMaxRestartsWithinTheWindowAndRefusesOneMore() {
    RestartIntensity intensity = new RestartIntensity(3, 5);

    assertThat(intensity.allow(0)).isTrue();
    assertThat(intensity.allow(1000)).isTrue();
    assertThat(intensity.allow(2000)).isTrue();
    assertThat(intensity.allow(4999)).isFalse();
  }

  @Test
  void restartsOlderThanTheWindowNoLongerCount() {
    RestartIntensity intensity = new RestartIntensity(3, 5);

    intensity.allow(0);
    intensity.allow(1000);
    intensity.allow(2000);

    assertThat(intensity.allow(5000)).isTrue();
    assertThat(intensity.allow(6000)).isTrue();
    assertThat(intensity.allow(6500)).isFalse();
  }

  @Test
  void theWindowSlides() {
    RestartIntensity intensity = new RestartIntensity(2, 1);

    for (long t = 0; t < 10_000; t += 600) {
      assertThat(intensity.allow(t)).as("restart at %d ms", t).isTrue();
    }
  }

  @Test
  void zeroRestartsRefusesTheFirst() {
    assertThat(new RestartIntensity(0, 5).allow(0)).isFalse();
  }
}
