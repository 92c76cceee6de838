package dev.rumbl;

import dev.rumbl.counter.Counter;
import dev.rumbl.otp.LoopUsage;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.internal.VertxInternal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The transport of {@code eventLoop.spinMicros}: a node on it works as on Vert.x's own, and an idle
 * loop still goes to sleep once its budget is spent.
 */
class SpinningTransportTest {

  private Vertx vertx;

  @AfterEach
  void close() {
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  void zeroLeavesVertxOnItsOwnTransport() {
    VertxBuilder builder = Vertx.builder();

    assertThat(SpinningTransport.onto(builder, 0)).isSameAs(builder);
    assertThatThrownBy(() -> SpinningTransport.onto(builder, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aNodeOnSpinningLoopsAnswersCallsFromAnotherContext() throws Exception {
    SpinningTransport transport = new SpinningTransport(50_000);
    vertx = Vertx.builder().withTransport(transport).build();
    assertThat(((VertxInternal) vertx).transport()).isSameAs(transport.implementation());
    Node node = Node.of(vertx);
    Pid counter = Counter.start(node, 0).await();

    Context caller = vertx.getOrCreateContext();
    Promise<Integer> done = Promise.promise();
    caller.runOnContext(ignored -> incrementAndRead(node, counter, 2_000, done));
    int value = done.future().await(30, TimeUnit.SECONDS);

    assertThat(value).isEqualTo(2_000);
  }

  /** A loop that spun forever would read as busy the whole time; each reads as idle. */
  @Test
  void anIdleSpinningLoopSleepsOnceItsBudgetIsSpent() throws InterruptedException {
    vertx = SpinningTransport.onto(Vertx.builder(), 100).build();
    Node node = Node.of(vertx);
    LoopUsage usage = LoopUsage.of(node).await();
    usage.sample();

    Thread.sleep(1_000);
    double[] busy = usage.sample();

    assertThat(Arrays.stream(busy).max().orElseThrow()).as("the loops' utilisation while idle: %s", Arrays.toString(busy))
      .isLessThan(0.2);
  }

  /** Increments the counter and reads it back, times times in turn, each read after the one before. */
  private static void incrementAndRead(Node node, Pid counter, int times, Promise<Integer> done) {
    Counter.inc(node, counter);
    Counter.val(node, counter).onComplete(read -> {
      if (read.failed() || times == 1) {
        done.handle(read);
      } else {
        incrementAndRead(node, counter, times - 1, done);
      }
    });
  }
}
