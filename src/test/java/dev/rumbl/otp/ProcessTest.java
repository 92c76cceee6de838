package dev.rumbl.otp;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class ProcessTest {

  private Node node;

  @BeforeEach
  void setUp(Vertx vertx) {
    node = Node.of(vertx);
  }

  private Pid spawnProbe() {
    return node.spawn(new Probe()).await();
  }

  @Test
  void aPidNamesItsNodeAndIsUniqueAndRoundTripsThroughJson() {
    Pid one = spawnProbe();
    Pid two = spawnProbe();

    assertThat(one.node()).isEqualTo(node.id());
    assertThat(node.nodes()).containsExactly(node.id());
    assertThat(node.isClustered()).isFalse();
    assertThat(one).isNotEqualTo(two);
    assertThat(one.address()).isNotEqualTo(two.address());
    assertThat(Pid.fromJson(one.toJson())).isEqualTo(one);
    assertThat(node.pidAt(one.address())).isEqualTo(one);
    assertThat(node.pidAt("nowhere")).isNull();
  }

  @Test
  void monitoringADeadPidDeliversDownWithNoprocAtOnce() throws InterruptedException {
    Probe watcher = Probe.start(node);
    Pid dead = spawnProbe();
    node.stop(dead, ExitReason.normal()).await();

    MonitorRef ref = watcher.run(n -> n.monitor(dead));

    assertThat(watcher.next(Down.class)).isEqualTo(new Down(ref, dead, ExitReason.noproc()));
    assertThat(node.monitorCount()).isZero();
  }

  @Test
  void aMonitorDeliversExactlyOneDownWithTheExitReason() throws InterruptedException {
    Probe watcher = Probe.start(node);
    Pid target = spawnProbe();
    MonitorRef ref = watcher.run(n -> n.monitor(target));

    node.exit(target, ExitReason.crash("bad"));

    assertThat(watcher.next(Down.class)).isEqualTo(new Down(ref, target, ExitReason.crash("bad")));
    assertThat(watcher.next(200)).isNull();
    assertThat(node.monitorCount()).isZero();
  }

  @Test
  void theMonitorsAProcessHoldsAreRemovedWhenItExits() {
    Probe watcher = Probe.start(node);
    Pid target = spawnProbe();
    watcher.run(n -> n.monitor(target));
    assertThat(node.monitorCount()).isEqualTo(1);

    node.stop(watcher.self(), ExitReason.normal()).await();

    assertThat(node.monitorCount()).isZero();
    assertThat(node.isAlive(target)).isTrue();
  }

  @Test
  void twoMonitorsOnOneProcessEachGetTheirOwnDown() throws InterruptedException {
    Probe watcher = Probe.start(node);
    Pid target = spawnProbe();
    MonitorRef first = watcher.run(n -> n.monitor(target));
    MonitorRef second = watcher.run(n -> n.monitor(target));

    node.exit(target, ExitReason.kill());

    assertThat(java.util.List.of(watcher.next(Down.class).ref(), watcher.next(Down.class).ref()))
      .containsExactlyInAnyOrder(first, second);
  }

  @Test
  void demonitorStopsTheMonitor() throws InterruptedException {
    Probe watcher = Probe.start(node);
    Pid target = spawnProbe();
    MonitorRef ref = watcher.run(n -> n.monitor(target));

    watcher.run(n -> {
      n.demonitor(ref, false);
      return null;
    });
    node.exit(target, ExitReason.kill());
    node.watch(target).await();

    assertThat(watcher.next(200)).isNull();
    assertThat(node.monitorCount()).isZero();
  }

  @Test
  void demonitorWithFlushDropsADownAlreadyOnItsWay() throws InterruptedException {
    Probe watcher = Probe.start(node);
    Pid dead = spawnProbe();
    node.stop(dead, ExitReason.normal()).await();

    watcher.run(n -> {
      n.demonitor(n.monitor(dead), true);
      return null;
    });

    assertThat(watcher.next(300)).isNull();
  }

  @Test
  void demonitorWithoutFlushLeavesADownAlreadyOnItsWay() throws InterruptedException {
    Probe watcher = Probe.start(node);
    Pid dead = spawnProbe();
    node.stop(dead, ExitReason.normal()).await();

    MonitorRef ref = watcher.run(n -> {
      MonitorRef monitor = n.monitor(dead);
      n.demonitor(monitor, false);
      return monitor;
    });

    assertThat(watcher.next(Down.class).ref()).isEqualTo(ref);
  }

  @Test
  void aNameIsFreedWhenItsProcessExitsAndCanBeRegisteredAgain() {
    Pid first = node.spawn(new Probe().named("worker")).await();

    assertThatThrownBy(() -> node.spawn(new Probe().named("worker")).await())
      .isInstanceOfSatisfying(AlreadyStarted.class, e -> assertThat(e.holder()).isEqualTo(first));

    node.stop(first, ExitReason.normal()).await();
    assertThat(node.whereis(Name.local("worker")).await()).isNull();

    Pid second = node.spawn(new Probe().named("worker")).await();
    assertThat(node.whereis(Name.local("worker")).await()).isEqualTo(second);
  }

  @Test
  void registerAndUnregisterNameALiveProcess() {
    Pid pid = spawnProbe();
    Pid other = spawnProbe();

    node.register(Name.local("late"), pid).await();
    assertThat(node.whereis(Name.local("late")).await()).isEqualTo(pid);
    assertThatThrownBy(() -> node.register(Name.local("late"), other).await())
      .isInstanceOfSatisfying(AlreadyStarted.class, e -> assertThat(e.holder()).isEqualTo(pid));

    node.unregister(Name.local("late")).await();
    assertThat(node.whereis(Name.local("late")).await()).isNull();
    node.register(Name.local("late"), other).await();
    assertThat(node.whereis(Name.local("late")).await()).isEqualTo(other);
  }

  @Test
  void registeringADeadPidFailsWithNoproc() {
    Pid pid = spawnProbe();
    node.stop(pid, ExitReason.normal()).await();

    assertThatThrownBy(() -> node.register(Name.local("ghost"), pid).await())
      .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason()).isEqualTo(ExitReason.noproc()));
  }

  @Test
  void sendAfterDeliversLaterAndCancelTimerPreventsIt() throws InterruptedException {
    Probe probe = Probe.start(node);

    TimerRef cancelled = node.sendAfter(probe.self(), "never", 60_000);
    node.sendAfter(probe.self(), "tick", 20);
    assertThat(node.cancelTimer(cancelled)).isTrue();

    assertThat(probe.next(String.class)).isEqualTo("tick");
    assertThat(probe.next(200)).isNull();
    assertThat(node.cancelTimer(cancelled)).isFalse();
    assertThat(node.timerCount()).isZero();
  }

  @Test
  void aTimerForAProcessIsCancelledWhenThatProcessExits() {
    Pid pid = spawnProbe();
    node.sendAfter(pid, "later", 60_000);
    assertThat(node.timerCount()).isEqualTo(1);

    node.stop(pid, ExitReason.normal()).await();

    assertThat(node.timerCount()).isZero();
  }

  @Test
  void aNormalExitSignalIsIgnoredByAProcessThatDoesNotTrapExits() {
    Probe probe = Probe.start(node);

    node.exit(probe.self(), ExitReason.normal());

    assertThat(probe.<Integer>run(n -> 1)).isEqualTo(1);
    assertThat(node.isAlive(probe.self())).isTrue();
  }

  @Test
  void aProcessIsRunningFromItsStartUntilItsExitBeginsKillsIncluded() {
    java.util.List<Boolean> duringTerminate = new java.util.concurrent.CopyOnWriteArrayList<>();
    GenServer<Void> stopping = new GenServer<>() {
      @Override
      protected Init<Void> init() {
        return Init.ok(null);
      }

      @Override
      protected Future<?> terminate(ExitReason reason, Void state) {
        duringTerminate.add(isRunning());
        return Future.succeededFuture();
      }
    };
    Probe killed = Probe.start(node);
    node.spawn(stopping).await();

    assertThat(stopping.isRunning()).isTrue();
    assertThat(killed.isRunning()).isTrue();
    node.stop(stopping.self(), ExitReason.shutdown()).await();
    Future<Down> down = node.watch(killed.self());
    node.exit(killed.self(), ExitReason.kill());
    down.await();

    assertThat(duringTerminate).containsExactly(false);
    assertThat(stopping.isRunning()).isFalse();
    assertThat(killed.isRunning()).isFalse();
  }

  /** erlang:exit/2: "If Reason is the atom normal, Pid does not exit, unless Pid is the calling process". */
  @Test
  void aNormalExitSignalAProcessSendsItselfEndsItWithNormalUnlessItTrapsExits() throws Exception {
    Probe plain = Probe.start(node);
    Probe trapping = Probe.start(node, true);
    Future<Down> down = node.watch(plain.self());

    plain.run(n -> {
      n.exit(n.self(), ExitReason.normal());
      return null;
    });
    trapping.run(n -> {
      n.exit(n.self(), ExitReason.normal());
      return null;
    });

    assertThat(down.await(5, TimeUnit.SECONDS).reason()).isEqualTo(ExitReason.normal());
    assertThat(trapping.next(Exit.class)).isEqualTo(new Exit(trapping.self(), ExitReason.normal()));
    assertThat(node.isAlive(trapping.self())).isTrue();
  }

  @Test
  void aLinkedProcessDiesWithItsLinkUnlessItTrapsExits() throws InterruptedException {
    Probe plain = Probe.start(node);
    Probe trapping = Probe.start(node, true);
    Pid plainChild = plain.runAsync(n -> n.spawnLink(new Probe()));
    Pid trappedChild = trapping.runAsync(n -> n.spawnLink(new Probe()));
    Future<Down> plainDown = node.watch(plain.self());

    node.exit(plainChild, ExitReason.crash("bad"));
    node.exit(trappedChild, ExitReason.crash("bad"));

    assertThat(plainDown.await().reason()).isEqualTo(ExitReason.crash("bad"));
    assertThat(trapping.next(Exit.class)).isEqualTo(new Exit(trappedChild, ExitReason.crash("bad")));
    assertThat(node.isAlive(trapping.self())).isTrue();
  }

  @Test
  void aParentsExitStopsItsLinkedChildren() {
    Probe parent = Probe.start(node);
    Pid child = parent.runAsync(n -> n.spawnLink(new Probe()));
    Future<Down> childDown = node.watch(child);

    node.exit(parent.self(), ExitReason.kill());

    assertThat(childDown.await().reason()).isEqualTo(ExitReason.killed());
  }

  @Test
  void aProcessInstanceStartsOnlyOnce() {
    Probe probe = new Probe();
    node.spawn(probe).await();

    assertThatThrownBy(() -> node.spawn(probe).await()).hasMessageContaining("already started once");
  }

  @Test
  void operationsThatNeedAProcessRefuseOutsideOne() {
    assertThatThrownBy(() -> node.self()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> node.monitor(spawnProbe())).isInstanceOf(IllegalStateException.class);
    assertThat(node.spawnLink(new Probe()).failed()).isTrue();
  }

  @Test
  void plainVertxCodeReachesAMailboxAtItsAddressInOrderWithWhatTheNodeHandsOverDirectly() throws InterruptedException {
    Probe probe = Probe.start(node);
    Pid pid = probe.self();
    node.vertx().runOnContext(ignored -> {
      for (int i = 0; i < 100; i++) {
        if (i % 2 == 0) {
          node.send(pid, i);
        } else {
          node.vertx().eventBus().send(pid.address(), i);
        }
      }
    });

    for (int i = 0; i < 100; i++) {
      assertThat(probe.next(5000)).isEqualTo(i);
    }
  }

  @Test
  void aThousandProcessesTalkAtOnce() {
    java.util.List<Pid> counters = new java.util.ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      counters.add(node.spawn(new Agent<>(() -> 0)).await());
    }
    for (int round = 0; round < 10; round++) {
      for (Pid counter : counters) {
        Agent.<Integer>cast(node, counter, n -> n + 1);
      }
    }
    java.util.List<Future<Integer>> values = counters.stream().map(c -> Agent.<Integer, Integer>get(node, c, n -> n)).toList();

    assertThat(Future.all(values).await().<Integer>list()).hasSize(1000).containsOnly(10);
  }

  /** Notes, for each info message, the context that handles it and the pid the process sees; "boom" raises. */
  private static final class ContextNoter extends GenServer<Context> {

    final BlockingQueue<Object> noted = new LinkedBlockingQueue<>();

    @Override
    protected Init<Context> init() {
      return Init.ok(Vertx.currentContext());
    }

    @Override
    protected Outcome<Context> handleInfo(Object message, Context own) {
      if ("boom".equals(message)) {
        throw new IllegalStateException("boom");
      }
      noted.add(Vertx.currentContext() == own && self().equals(node().self()));
      return noreply(own);
    }
  }

  @Test
  void aMessageOverTheEventBusIsHandledOnTheProcessesOwnContextAndARaiseThereCrashesIt() throws InterruptedException {
    ContextNoter noter = new ContextNoter();
    Pid pid = node.spawn(noter).await();
    Future<Down> down = node.watch(pid);

    node.vertx().eventBus().send(pid.address(), "hello");
    assertThat(noter.noted.poll(5, TimeUnit.SECONDS)).isEqualTo(true);
    node.vertx().eventBus().send(pid.address(), "boom");

    assertThat(down.await().reason()).isInstanceOf(ExitReason.Crash.class);
    assertThatThrownBy(() -> node.vertx().eventBus().request(pid.address(), "hello").await())
      .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.failureType()).isEqualTo(ReplyFailure.NO_HANDLERS));
  }

  @Test
  void aKilledProcessStopsListeningAtItsAddress() {
    Pid pid = spawnProbe();

    node.stop(pid, ExitReason.kill()).await();

    assertThatThrownBy(() -> node.vertx().eventBus().request(pid.address(), "hello").await())
      .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.failureType()).isEqualTo(ReplyFailure.NO_HANDLERS));
  }

  @Test
  void aProcessWithoutABusConsumerIsReachedByTheToolkitButNotAtItsAddress() throws InterruptedException {
    Probe probe = new Probe();
    probe.withoutBusConsumer();
    Pid pid = node.spawn(probe).await();
    Future<Down> down = node.watch(pid);

    assertThatThrownBy(() -> node.vertx().eventBus().request(pid.address(), "hello").await())
      .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.failureType()).isEqualTo(ReplyFailure.NO_HANDLERS));
    node.send(pid, "hello");
    assertThat(probe.next(5000)).isEqualTo("hello");
    assertThat(probe.<Pid>run(n -> n.self())).isEqualTo(pid);
    node.stop(pid, ExitReason.shutdown()).await();
    assertThat(down.await().reason()).isEqualTo(ExitReason.shutdown());
  }

  @Test
  void aProcessDropsItsBusConsumerOnlyBeforeItStarts() {
    Probe probe = Probe.start(node);

    assertThatThrownBy(probe::withoutBusConsumer).isInstanceOf(IllegalStateException.class);
  }
}
