package dev.rumbl.otp;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LoopUsage}: a loop kept busy reads busier than the idle ones. Not how busy in absolute
 * terms: the figure is CPU time, and on a machine whose cores are shared a spinning loop gets only
 * its share of them.
 */
@ExtendWith(VertxExtension.class)
class LoopUsageTest {

  @Test
  void aLoopKeptBusyReadsBusyAndTheRestIdle(Vertx vertx) throws InterruptedException {
    Node node = Node.of(vertx);
    LoopUsage usage = LoopUsage.of(node).await();
    usage.sample();
    node.eventLoop(0).execute(() -> {
      long until = System.nanoTime() + 300_000_000L;
      long spins = 0;
      while (System.nanoTime() < until) {
        spins++;
      }
      assertThat(spins).isPositive();
    });
    Thread.sleep(400);

    double[] loops = usage.sample();
    assertThat(loops).hasSize(node.eventLoopCount());
    assertThat(loops[0]).isGreaterThan(0.05);
    for (int i = 1; i < loops.length; i++) {
      assertThat(loops[i]).isLessThan(loops[0] / 2);
    }
  }
}
