package dev.rumbl.counter;

import dev.rumbl.otp.ExitException;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorSpec;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class CountersTest {

  private static final Name ROOT = Name.local("root");

  private Node node;
  private Counters counters;

  @BeforeEach
  void setUp(Vertx vertx) {
    node = Node.of(vertx);
    Supervisor.start(node, SupervisorSpec.oneForOne(Counters.supervisorSpec(), Counters.bookCounterSpec()), ROOT).await();
    counters = new Counters(node, ROOT);
  }

  private Pid awaitRestarted(String name, Pid before) throws InterruptedException {
    Pid now = node.whereis(Name.local(name)).await();
    for (int i = 0; i < 500 && (now == null || now.equals(before)); i++) {
      Thread.sleep(10);
      now = node.whereis(Name.local(name)).await();
    }
    return now;
  }

  private void awaitListed(int size) throws InterruptedException {
    for (int i = 0; i < 500 && CounterDirectory.size(node) != size; i++) {
      Thread.sleep(10);
    }
    assertThat(CounterDirectory.size(node)).as("listed counters").isEqualTo(size);
  }

  @Test
  void aCounterIsFoundByNameAndAProcessOfAnotherKindUnderAnyNameIsNot() {
    Pid started = counters.start("visits", 3).await();
    Pid other = Counter.start(node, 0).await();
    node.register(Name.local("impostor"), other).await();

    assertThat(counters.lookup("visits").await()).isEqualTo(started);
    assertThat(counters.value("visits").await()).isEqualTo(3);
    assertThat(counters.value(Counters.BOOK_COUNTER).await()).isEqualTo(Counters.BOOK_COUNTER_INITIAL);
    assertThatThrownBy(() -> counters.lookup("impostor").await()).isInstanceOf(ExitException.class).hasMessageContaining("noproc");
    assertThatThrownBy(() -> counters.lookup("nobody").await()).isInstanceOf(ExitException.class).hasMessageContaining("noproc");
  }

  @Test
  void aRestartedCounterIsFoundUnderItsNewPidAndNoExitedCounterStaysListed() throws InterruptedException {
    for (int i = 0; i < 20; i++) {
      counters.start("c" + i, i).await();
    }
    Pid killed = counters.lookup("c1").await();

    node.exit(killed, ExitReason.kill());
    Pid restarted = awaitRestarted("c1", killed);
    counters.delete("c2").await();

    assertThat(counters.lookup("c1").await()).isEqualTo(restarted).isNotEqualTo(killed);
    assertThatThrownBy(() -> counters.lookup("c2").await()).isInstanceOf(ExitException.class);
    awaitListed(19);
    Pid supervisor = node.whereis(Counters.SUPERVISOR).await();
    node.exit(supervisor, ExitReason.kill());
    awaitRestarted(Counters.SUPERVISOR.value(), supervisor);
    awaitListed(0);
  }
}
