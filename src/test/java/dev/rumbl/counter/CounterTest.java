package dev.rumbl.counter;

import dev.rumbl.otp.Down;
import dev.rumbl.otp.ExitException;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class CounterTest {

  private Node node;

  @BeforeEach
  void setUp(Vertx vertx) {
    node = Node.of(vertx);
  }

  @Test
  void startedWithTenAndDecrementedTwiceItAnswersEight() {
    Pid counter = Counter.start(node, 10).await();

    Counter.dec(node, counter);
    Counter.dec(node, counter);

    assertThat(Counter.val(node, counter).await()).isEqualTo(8);
  }

  @Test
  void incrementsAddOne() {
    Pid counter = Counter.start(node, 0).await();

    for (int i = 0; i < 50; i++) {
      Counter.inc(node, counter);
    }

    assertThat(Counter.val(node, counter, 1000).await()).isEqualTo(50);
  }

  @Test
  void aRegisteredCounterIsReachedByItsName() {
    node.spawn(new Counter(5).named("counter")).await();

    Counter.inc(node, Name.local("counter"));

    assertThat(Counter.val(node, Name.local("counter")).await()).isEqualTo(6);
  }

  @Test
  void valOfAStoppedCounterFailsWithNoproc() {
    Pid counter = Counter.start(node, 1).await();
    node.stop(counter, ExitReason.normal()).await();

    assertThatThrownBy(() -> Counter.val(node, counter).await())
      .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason()).isEqualTo(ExitReason.noproc()));
  }

  @Test
  void anUnknownRequestCrashesTheCounter() {
    Pid counter = Counter.start(node, 1).await();

    Future<Down> down = node.watch(counter);
    node.cast(counter, "reset");

    assertThat(down.await().reason()).isInstanceOf(ExitReason.Crash.class);
  }
}
