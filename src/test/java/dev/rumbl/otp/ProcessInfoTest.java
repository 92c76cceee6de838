package dev.rumbl.otp;

import dev.rumbl.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Node#processInfo}, Erlang's {@code process_info/1}, and {@link Node#processState}. Cases
 * after OTP's {@code process_SUITE}: {@code process_info_other_msg} (each message sent to a busy
 * process shows in its queue at once, and the queue is empty once it has handled them; Rumbl gives
 * the length, not the messages, which may hold user data), {@code process_info_smoke_all} (links,
 * {@code monitors} and {@code monitored_by} of processes linked and monitored, seen from both
 * sides), and a dead pid answering {@code undefined}; plus the node's load counters.
 */
@ExtendWith(VertxExtension.class)
class ProcessInfoTest {

  private Node node;

  /** Its call "block" holds its event loop until released; any other message is counted. */
  private static final class Busy extends GenServer<Integer> {
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch blocked = new CountDownLatch(1);

    record Block() {
    }

    @Override
    protected Init<Integer> init() {
      return Init.ok(0);
    }

    @Override
    protected Outcome<Integer> handleCall(Object request, From from, Integer state) {
      blocked.countDown();
      try {
        release.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return reply("done", state);
    }

    @Override
    protected Outcome<Integer> handleInfo(Object message, Integer state) {
      return noreply(state + 1);
    }

    @Override
    protected String formatStatus(Integer state) {
      return "seen " + state + " messages, password hidden";
    }
  }

  @BeforeEach
  void setUp(Vertx vertx) {
    node = Node.of(vertx);
  }

  @Test
  void aBusyProcessShowsItsQueuedMessagesAndTheCallInHand() throws InterruptedException {
    Busy busy = new Busy();
    Pid pid = node.spawn(busy.named("busy")).await();
    Instant started = node.processInfo(pid).orElseThrow().startedAt();
    Future<Object> answer = node.call(pid, new Busy.Block(), 10_000);
    assertThat(busy.blocked.await(5, TimeUnit.SECONDS)).isTrue();
    for (int i = 1; i <= 3; i++) {
      node.send(pid, "message " + i);
      assertThat(node.processInfo(pid).orElseThrow().messageQueueLen()).isEqualTo(i);
    }

    ProcessInfo info = node.processInfo(pid).orElseThrow();
    assertThat(info.pid()).isEqualTo(pid);
    assertThat(info.name()).isEqualTo(Name.local("busy"));
    assertThat(info.status()).isEqualTo(ProcessInfo.Status.RUNNING);
    assertThat(info.messageQueueLen()).isEqualTo(3);
    assertThat(info.messagesHandled()).isEqualTo(1);
    assertThat(info.currentCall()).isEqualTo("Block");
    assertThat(info.callsOwed()).isEqualTo(1);
    assertThat(info.supervisor()).isNull();
    assertThat(info.module()).isEqualTo(Busy.class.getName());
    assertThat(info.startedAt()).isEqualTo(started).isBeforeOrEqualTo(Instant.now());

    busy.release.countDown();
    assertThat(answer.await()).isEqualTo("done");
    Eventually.until("the queue is drained", 5000, () -> node.processInfo(pid).orElseThrow().messageQueueLen() == 0
      && node.processInfo(pid).orElseThrow().messagesHandled() == 4
      && node.processInfo(pid).orElseThrow().status() == ProcessInfo.Status.WAITING);
    ProcessInfo after = node.processInfo(pid).orElseThrow();
    assertThat(after.status()).isEqualTo(ProcessInfo.Status.WAITING);
    assertThat(after.currentCall()).isNull();
    assertThat(after.callsOwed()).isZero();
  }

  @Test
  void linksAndMonitorsShowOnBothSides() throws InterruptedException {
    Probe parent = Probe.start(node);
    Probe watcher = Probe.start(node);
    Pid child = parent.runAsync(n -> n.spawnLink(new Probe()));
    watcher.run(n -> n.monitor(child));

    ProcessInfo childInfo = node.processInfo(child).orElseThrow();
    assertThat(childInfo.links()).containsExactly(parent.self());
    assertThat(childInfo.supervisor()).isEqualTo(parent.self());
    assertThat(childInfo.monitoredBy()).containsExactly(watcher.self());
    assertThat(childInfo.monitors()).isEmpty();

    assertThat(node.processInfo(parent.self()).orElseThrow().links()).containsExactly(child);
    ProcessInfo watcherInfo = node.processInfo(watcher.self()).orElseThrow();
    assertThat(watcherInfo.monitors()).containsExactly(child);
    assertThat(watcherInfo.links()).isEmpty();

    node.exit(child, ExitReason.kill());
    watcher.next(Down.class);
    assertThat(node.processInfo(watcher.self()).orElseThrow().monitors()).isEmpty();
  }

  @Test
  void anUnknownDeadOrForeignPidHasNoInfo() {
    Pid gone = node.spawn(new Probe()).await();
    node.stop(gone, ExitReason.normal()).await();

    assertThat(node.processInfo(gone)).isEmpty();
    assertThat(node.processInfo(new Pid(node.id(), "rumbl.pid.nobody"))).isEmpty();
    assertThat(node.processInfo(new Pid("another-node", "rumbl.pid.another-node.1"))).isEmpty();
    assertThatThrownBy(() -> node.processState(gone, 1000).await()).isInstanceOf(ExitException.class)
      .extracting(error -> ((ExitException) error).reason()).isEqualTo(ExitReason.noproc());
  }

  @Test
  void theStateIsSummarisedThroughFormatStatusOrTheClass() {
    Pid server = node.spawn(new Busy()).await();
    node.send(server, "one");
    assertThat(node.processState(server, 1000).await()).isEqualTo("seen 1 messages, password hidden");

    Pid supervisor = Supervisor.start(node, SupervisorSpec.oneForOne(Worker.spec("a", new ArrayList<>()))).await();
    assertThat(node.processState(supervisor, 1000).await()).isEqualTo("ONE_FOR_ONE, 1 running of 1 children, 0 restarts");

    Pid plain = node.spawn(new Plain()).await();
    assertThat(node.processState(plain, 1000).await()).isEqualTo("Plain: 3 items");
  }

  /** A process that is no GenServer: its state is told by its class and crash-report description. */
  private static final class Plain extends Process {
    @Override
    protected Future<?> onStart() {
      return Future.succeededFuture();
    }

    @Override
    protected void onMessage(Object body) {
    }

    @Override
    protected Future<?> onExit(ExitReason reason) {
      return Future.succeededFuture();
    }

    @Override
    protected String describeState() {
      return "3 items";
    }
  }

  @Test
  void eachOfAHundredThousandProcessesIsDescribedWithoutBeingAsked() {
    int before = node.processCount();
    List<Pid> pids = new ArrayList<>();
    for (int batch = 0; batch < 100; batch++) {
      List<Future<Pid>> started = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        started.add(node.spawn(new Plain()));
      }
      Future.all(started).await();
      started.forEach(pid -> pids.add(pid.result()));
    }

    long waiting = pids.stream().map(pid -> node.processInfo(pid).orElseThrow())
      .filter(info -> info.status() == ProcessInfo.Status.WAITING && info.messageQueueLen() == 0 && info.links().isEmpty())
      .count();
    assertThat(waiting).isEqualTo(100_000);

    pids.forEach(pid -> node.exit(pid, ExitReason.kill()));
    Eventually.until("every process is gone", 30_000, () -> node.processCount() == before);
    assertThat(pids.stream().filter(pid -> node.processInfo(pid).isPresent())).isEmpty();
  }

  @Test
  void theNodeCountsDeliveredMessagesAndRestartsAndEachChildItsOwnRestarts() {
    List<String> journal = new ArrayList<>();
    Pid supervisor = Supervisor.start(node, SupervisorSpec.oneForOne(Worker.spec("a", journal), Worker.spec("b", journal))).await();
    long restartsBefore = node.restartCount();
    long deliveredBefore = node.messagesDelivered();
    Pid a = childPid(supervisor, "a");

    Future<Down> down = node.watch(a);
    node.exit(a, ExitReason.kill());
    down.await();
    Eventually.until("a is back", 5000, () -> childPid(supervisor, "a") != null && !childPid(supervisor, "a").equals(a));

    assertThat(node.restartCount() - restartsBefore).isEqualTo(1);
    assertThat(node.messagesDelivered()).isGreaterThan(deliveredBefore);
    List<ChildInfo> children = Supervisor.whichChildren(node, supervisor).await();
    assertThat(children).extracting(ChildInfo::id, ChildInfo::restarts).containsExactly(
      org.assertj.core.groups.Tuple.tuple("a", 1), org.assertj.core.groups.Tuple.tuple("b", 0));
  }

  private Pid childPid(Pid supervisor, String id) {
    return Supervisor.whichChildren(node, supervisor).await().stream()
      .filter(child -> child.id().equals(id)).findFirst().map(ChildInfo::pid).orElse(null);
  }
}
