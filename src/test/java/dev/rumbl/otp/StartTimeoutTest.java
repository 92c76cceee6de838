package dev.rumbl.otp;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Process#startTimeout}, as {@code gen_server:start(Mod, Args, [{timeout, T}])}. Ported from
 * OTP's {@code gen_server_SUITE}, {@code start} ("anonymous with timeout": a quick init starts within
 * its timeout; an init that sleeps past it answers {@code {error, timeout}}).
 */
@ExtendWith(VertxExtension.class)
class StartTimeoutTest {

  private Node node;

  /** A server whose init completes with the given Future; records whether terminate ran. */
  private static final class Sleeper extends GenServer<String> {
    final List<ExitReason> terminated = new CopyOnWriteArrayList<>();
    private final Future<String> first;

    Sleeper(Future<String> first) {
      this.first = first;
    }

    @Override
    protected Init<String> init() {
      return Init.async(first);
    }

    @Override
    protected Outcome<String> handleCall(Object request, From from, String state) {
      return reply(state, state);
    }

    @Override
    protected Future<?> terminate(ExitReason reason, String state) {
      terminated.add(reason);
      return Future.succeededFuture();
    }
  }

  private static Sleeper never() {
    return new Sleeper(Promise.<String>promise().future());
  }

  @BeforeEach
  void setUp(Vertx vertx) {
    node = Node.of(vertx);
  }

  private static void assertTimeout(Throwable error) {
    assertThat(error).isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason()).isInstanceOf(ExitReason.Timeout.class));
  }

  @Test
  void anInitThatNeverCompletesFailsTheStartWithTimeoutAndLeavesNothingBehind() {
    int before = node.processCount();
    Sleeper sleeper = never();

    assertThatThrownBy(() -> node.spawn(sleeper.named("sleeper").startTimeout(50)).await(5, TimeUnit.SECONDS))
      .satisfies(StartTimeoutTest::assertTimeout);

    assertThat(node.whereis(Name.local("sleeper")).await()).as("the name is free").isNull();
    assertThat(node.processCount()).isEqualTo(before);
    assertThat(sleeper.terminated).as("killed: no terminate").isEmpty();
    Pid again = node.spawn(new Sleeper(Future.succeededFuture("awake")).named("sleeper")).await();
    assertThat(node.<String>call(again, "get").await()).isEqualTo("awake");
  }

  @Test
  void anInitThatCompletesWithinItsTimeoutStarts() {
    Promise<String> first = Promise.promise();
    node.vertx().setTimer(10, fired -> first.complete("started"));

    Pid pid = node.spawn(new Sleeper(first.future()).startTimeout(5000)).await();

    assertThat(node.<String>call(pid, "started_p").await()).isEqualTo("started");
  }

  @Test
  void monitorsAndCallsWaitingOnTheStartSeeItKilled() {
    Future<Pid> start = node.spawn(never().named("watched").startTimeout(50));
    Pid pid = pidOf("watched");
    Future<Down> down = node.watch(pid);
    Future<String> call = node.call(pid, "get");

    assertThatThrownBy(() -> start.await(5, TimeUnit.SECONDS)).satisfies(StartTimeoutTest::assertTimeout);
    assertThat(down.await().reason()).isInstanceOf(ExitReason.Killed.class);
    assertThatThrownBy(call::await).isInstanceOf(ExitException.class);
  }

  @Test
  void aSupervisorSeesTheChildsStartFail() {
    int before = node.processCount();
    ChildSpec slow = ChildSpec.worker("slow", () -> never().startTimeout(50));

    assertThatThrownBy(() -> Supervisor.start(node, SupervisorSpec.oneForOne(slow)).await(5, TimeUnit.SECONDS))
      .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason().toString()).contains("failed_to_start_child slow").contains("timeout"));
    assertThat(node.processCount()).isEqualTo(before);

    Pid supervisor = Supervisor.start(node, SupervisorSpec.oneForOne()).await();
    assertThatThrownBy(() -> Supervisor.startChild(node, supervisor, slow).await(5, TimeUnit.SECONDS)).satisfies(StartTimeoutTest::assertTimeout);
    assertThat(Supervisor.whichChildren(node, supervisor).await()).isEmpty();
    assertThat(node.processCount()).isEqualTo(before + 1);
  }

  @Test
  void aStartTimeoutIsPositiveAndSetBeforeTheStart() {
    assertThatThrownBy(() -> never().startTimeout(0)).isInstanceOf(IllegalArgumentException.class);
    Sleeper started = new Sleeper(Future.succeededFuture("up"));
    node.spawn(started).await();
    assertThatThrownBy(() -> started.startTimeout(50)).isInstanceOf(IllegalStateException.class);
  }

  /** The pid of the process registered as name, once it has taken the name. */
  private Pid pidOf(String name) {
    Pid pid = null;
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (pid == null && System.nanoTime() < deadline) {
      pid = node.whereis(Name.local(name)).await();
    }
    assertThat(pid).as(name + " registered").isNotNull();
    return pid;
  }
}
