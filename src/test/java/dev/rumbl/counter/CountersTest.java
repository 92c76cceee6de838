package dev.rumbl.counter;

import dev.rumbl.otp.AlreadyStarted;
import dev.rumbl.otp.ExitException;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorError;
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

  private Pid awaitRestarted(Name name, Pid before) throws InterruptedException {
    Pid now = node.whereis(name).await();
    for (int i = 0; i < 500 && (now == null || now.equals(before)); i++) {
      Thread.sleep(10);
      now = node.whereis(name).await();
    }
    return now;
  }

  private void awaitCounted(int size) throws InterruptedException {
    for (int i = 0; i < 500 && node.keys(Name.Scope.LOCAL, Counters.NAMESPACE).await().size() != size; i++) {
      Thread.sleep(10);
    }
    assertThat(node.keys(Name.Scope.LOCAL, Counters.NAMESPACE).await()).as("counters' names").hasSize(size);
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
  void aCounterNamedAfterASystemProcessIsOnlyACounterAndTheSystemProcessKeepsItsName() {
    Pid supervisor = node.whereis(Counters.SUPERVISOR).await();
    Pid root = node.whereis(ROOT).await();

    Pid countersCounter = counters.start(Counters.SUPERVISOR.value(), 1).await();
    Pid rootCounter = counters.start(ROOT.value(), 2).await();
    counters.inc(Counters.SUPERVISOR.value()).await();

    assertThat(counters.value(Counters.SUPERVISOR.value()).await()).isEqualTo(2);
    assertThat(counters.value(ROOT.value()).await()).isEqualTo(2);
    assertThat(node.whereis(Counters.SUPERVISOR).await()).isEqualTo(supervisor).isNotIn(countersCounter, rootCounter);
    assertThat(node.whereis(ROOT).await()).isEqualTo(root);
    assertThat(Supervisor.countChildren(node, Counters.SUPERVISOR).await().active()).isEqualTo(2);
  }

  @Test
  void theBookCounterNameCannotBeTakenByADynamicCounter() {
    Pid book = counters.lookup(Counters.BOOK_COUNTER).await();

    assertThatThrownBy(() -> counters.start(Counters.BOOK_COUNTER, 0).await())
      .isInstanceOf(AlreadyStarted.class)
      .satisfies(error -> assertThat(((AlreadyStarted) error).holder()).isEqualTo(book));
    assertThat(counters.value(Counters.BOOK_COUNTER).await()).isEqualTo(Counters.BOOK_COUNTER_INITIAL);
  }

  @Test
  void deletingTheBookCounterStopsItThroughItsParentById() {
    Pid book = counters.lookup(Counters.BOOK_COUNTER).await();

    counters.delete(Counters.BOOK_COUNTER).await();

    assertThat(node.isAlive(book)).isFalse();
    assertThatThrownBy(() -> counters.lookup(Counters.BOOK_COUNTER).await()).isInstanceOf(ExitException.class);
    assertThat(Supervisor.restartChild(node, ROOT, Counters.BOOK_COUNTER).await()).isNotNull();
  }

  @Test
  void countersPastTheMaximumAreRefusedAndTheOthersKeepTheirValues() {
    Supervisor.terminateChild(node, ROOT, Counters.SUPERVISOR.value()).await();
    Supervisor.deleteChild(node, ROOT, Counters.SUPERVISOR.value()).await();
    Supervisor.startChild(node, ROOT, Counters.supervisorSpec(3)).await();
    for (int i = 0; i < 3; i++) {
      counters.start("c" + i, i).await();
    }

    assertThatThrownBy(() -> counters.start("c3", 3).await())
      .isInstanceOf(SupervisorError.class)
      .satisfies(error -> assertThat(((SupervisorError) error).kind()).isEqualTo(SupervisorError.Kind.MAX_CHILDREN));
    assertThatThrownBy(() -> counters.lookup("c3").await()).isInstanceOf(ExitException.class);
    for (int i = 0; i < 3; i++) {
      assertThat(counters.value("c" + i).await()).isEqualTo(i);
    }
    counters.delete("c0").await();
    assertThat(counters.start("c3", 3).await()).isNotNull();
  }

  @Test
  void aRestartedCounterIsFoundUnderItsNewPidAndNoExitedCounterStaysListed() throws InterruptedException {
    for (int i = 0; i < 20; i++) {
      counters.start("c" + i, i).await();
    }
    Pid killed = counters.lookup("c1").await();

    node.exit(killed, ExitReason.kill());
    Pid restarted = awaitRestarted(Counters.name(Name.Scope.LOCAL, "c1"), killed);
    counters.delete("c2").await();

    assertThat(counters.lookup("c1").await()).isEqualTo(restarted).isNotEqualTo(killed);
    assertThatThrownBy(() -> counters.lookup("c2").await()).isInstanceOf(ExitException.class);
    awaitCounted(19);
    Pid supervisor = node.whereis(Counters.SUPERVISOR).await();
    node.exit(supervisor, ExitReason.kill());
    awaitRestarted(Counters.SUPERVISOR, supervisor);
    awaitCounted(0);
  }
}
