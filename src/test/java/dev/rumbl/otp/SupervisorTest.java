package dev.rumbl.otp;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class SupervisorTest {

  private Node node;
  private final List<String> journal = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp(Vertx vertx) {
    node = Node.of(vertx);
  }

  private Pid start(SupervisorSpec spec) {
    return Supervisor.start(node, spec).await();
  }

  private SupervisorSpec abc(Strategy strategy) {
    return SupervisorSpec.of(strategy, Worker.spec("a", journal), Worker.spec("b", journal), Worker.spec("c", journal));
  }

  private Map<String, Pid> pids(Pid supervisor) {
    Map<String, Pid> pids = new LinkedHashMap<>();
    Supervisor.whichChildren(node, supervisor).await().forEach(child -> pids.put(child.id(), child.pid()));
    return pids;
  }

  private ExitReason crash(Pid pid) {
    Future<Down> down = node.watch(pid);
    node.exit(pid, ExitReason.crash("boom"));
    return down.await().reason();
  }

  private List<String> journalAfter(int entries) {
    return List.copyOf(journal.subList(entries, journal.size()));
  }

  @Test
  void startsChildrenInOrderAndStopsThemInReverseOrder() {
    Pid supervisor = start(abc(Strategy.ONE_FOR_ONE));
    assertThat(journal).containsExactly("start a", "start b", "start c");

    node.stop(supervisor, ExitReason.shutdown()).await();

    assertThat(journalAfter(3)).containsExactly("stop c", "stop b", "stop a");
    assertThat(node.processCount()).isZero();
  }

  @Test
  void oneForOneRestartsOnlyTheFailedChild() {
    Pid supervisor = start(abc(Strategy.ONE_FOR_ONE));
    Map<String, Pid> before = pids(supervisor);

    crash(before.get("b"));
    Map<String, Pid> after = pids(supervisor);

    assertThat(after.get("a")).isEqualTo(before.get("a"));
    assertThat(after.get("b")).isNotNull().isNotEqualTo(before.get("b"));
    assertThat(after.get("c")).isEqualTo(before.get("c"));
    assertThat(journalAfter(3)).containsExactly("stop b", "start b");
  }

  @Test
  void oneForAllStopsTheOthersInReverseOrderThenRestartsAllInOrder() {
    Pid supervisor = start(abc(Strategy.ONE_FOR_ALL));
    Map<String, Pid> before = pids(supervisor);

    crash(before.get("b"));
    Map<String, Pid> after = pids(supervisor);

    for (String id : List.of("a", "b", "c")) {
      assertThat(after.get(id)).isNotNull().isNotEqualTo(before.get(id));
    }
    assertThat(journalAfter(3)).containsExactly("stop b", "stop c", "stop a", "start a", "start b", "start c");
  }

  @Test
  void restForOneRestartsTheFailedChildAndThoseStartedAfterIt() {
    Pid supervisor = start(abc(Strategy.REST_FOR_ONE));
    Map<String, Pid> before = pids(supervisor);

    crash(before.get("b"));
    Map<String, Pid> after = pids(supervisor);

    assertThat(after.get("a")).isEqualTo(before.get("a"));
    assertThat(after.get("b")).isNotNull().isNotEqualTo(before.get("b"));
    assertThat(after.get("c")).isNotNull().isNotEqualTo(before.get("c"));
    assertThat(journalAfter(3)).containsExactly("stop b", "stop c", "start b", "start c");
  }

  @Test
  void theFourthCrashWithinFiveSecondsMakesTheSupervisorGiveUpWithShutdown() {
    Pid supervisor = start(abc(Strategy.ONE_FOR_ONE));
    Future<Down> supervisorDown = node.watch(supervisor);

    for (int i = 0; i < 3; i++) {
      crash(pids(supervisor).get("a"));
    }
    assertThat(node.isAlive(supervisor)).isTrue();
    crash(pids(supervisor).get("a"));

    assertThat(supervisorDown.await().reason()).isEqualTo(ExitReason.shutdown());
    assertThat(node.processCount()).isZero();
  }

  @Test
  void crashesSpreadBeyondTheWindowDoNotExhaustTheIntensity() {
    AtomicLong clock = new AtomicLong();
    Pid supervisor = node.spawn(new Supervisor(abc(Strategy.ONE_FOR_ONE).withIntensity(3, 1), clock::get)).await();

    for (int i = 0; i < 3; i++) {
      crash(pids(supervisor).get("a"));
    }
    clock.addAndGet(1100);
    crash(pids(supervisor).get("a"));

    assertThat(node.isAlive(supervisor)).isTrue();
    assertThat(pids(supervisor).get("a")).isNotNull();
  }

  @Test
  void aOneForAllRestartOfSeveralChildrenCountsAsOneRestart() {
    Pid supervisor = start(abc(Strategy.ONE_FOR_ALL).withIntensity(1, 5));
    Future<Down> supervisorDown = node.watch(supervisor);

    crash(pids(supervisor).get("b"));
    assertThat(node.isAlive(supervisor)).isTrue();
    assertThat(Supervisor.describe(node, supervisor).await().restarts()).isEqualTo(1);

    crash(pids(supervisor).get("a"));
    assertThat(supervisorDown.await().reason()).isEqualTo(ExitReason.shutdown());
  }

  @Test
  void maxRestartsZeroGivesUpAtTheFirstCrash() {
    Pid supervisor = start(abc(Strategy.ONE_FOR_ONE).withIntensity(0, 5));
    Future<Down> supervisorDown = node.watch(supervisor);

    crash(pids(supervisor).get("c"));

    assertThat(supervisorDown.await().reason()).isEqualTo(ExitReason.shutdown());
    assertThat(journalAfter(3)).containsExactly("stop c", "stop b", "stop a");
  }

  @Test
  void aPermanentChildThatExitsNormallyIsRestartedAndCounted() {
    Pid supervisor = start(abc(Strategy.ONE_FOR_ONE).withIntensity(1, 5));
    Future<Down> supervisorDown = node.watch(supervisor);

    Pid first = pids(supervisor).get("a");
    node.cast(first, "exit-normally");
    node.watch(first).await();
    Pid second = pids(supervisor).get("a");
    assertThat(second).isNotNull().isNotEqualTo(first);

    node.cast(second, "exit-normally");
    assertThat(supervisorDown.await().reason()).isEqualTo(ExitReason.shutdown());
  }

  @Test
  void aTransientChildIsRestartedAfterACrashButNotAfterANormalExit() {
    Pid supervisor = start(SupervisorSpec.oneForOne(Worker.spec("t", journal).withRestart(Restart.TRANSIENT)));

    Pid first = pids(supervisor).get("t");
    crash(first);
    Pid second = pids(supervisor).get("t");
    assertThat(second).isNotNull().isNotEqualTo(first);

    node.cast(second, "exit-normally");
    node.watch(second).await();
    List<ChildInfo> children = Supervisor.whichChildren(node, supervisor).await();

    assertThat(children).singleElement().satisfies(child -> {
      assertThat(child.id()).isEqualTo("t");
      assertThat(child.pid()).isNull();
      assertThat(child.status()).isEqualTo(ChildInfo.Status.UNDEFINED);
    });
  }

  @Test
  void aTemporaryChildIsNeverRestartedAndDisappearsFromTheChildren() {
    Pid supervisor = start(SupervisorSpec.oneForOne(Worker.spec("keep", journal), Worker.spec("temp", journal).withRestart(Restart.TEMPORARY)));

    crash(pids(supervisor).get("temp"));

    assertThat(pids(supervisor)).containsOnlyKeys("keep");
    assertThat(journalAfter(2)).containsExactly("stop temp");
  }

  @Test
  void aTemporaryChildStoppedBySiblingsRestartIsForgottenToo() {
    Pid supervisor = start(SupervisorSpec.oneForAll(Worker.spec("a", journal), Worker.spec("temp", journal).withRestart(Restart.TEMPORARY)));

    crash(pids(supervisor).get("a"));

    assertThat(pids(supervisor)).containsOnlyKeys("a");
    assertThat(journalAfter(2)).containsExactly("stop a", "stop temp", "start a");
  }

  @Test
  void aChildThatFailsToStartRollsBackTheOthersAndFailsTheStart() {
    SupervisorSpec spec = SupervisorSpec.oneForOne(Worker.spec("a", journal), Worker.spec("b", journal),
      Worker.failing("bad", journal), Worker.spec("c", journal));

    assertThatThrownBy(() -> start(spec))
      .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason().toString())
        .isEqualTo("{shutdown, failed_to_start_child bad: cannot start bad}"));
    assertThat(journal).containsExactly("start a", "start b", "failed bad", "stop b", "stop a");
    assertThat(node.processCount()).isZero();
  }

  /**
   * OTP's supervisor answers {@code {error, What}} for whatever a child's start function raises
   * ({@code supervisor:do_start_child_i}); a class that cannot be loaded is such a raise here.
   */
  @Test
  void aStartFunctionThatCannotLoadAClassFailsTheStartNotTheSupervisor() {
    Pid supervisor = start(SupervisorSpec.oneForOne(Worker.spec("a", journal)));
    ChildSpec unloadable = ChildSpec.worker("unloadable", () -> {
      throw new NoClassDefFoundError("dev/rumbl/Missing");
    });

    assertThatThrownBy(() -> Supervisor.startChild(node, supervisor, unloadable).await())
      .hasMessageContaining("NoClassDefFoundError");
    assertThat(node.isAlive(supervisor)).isTrue();
    assertThat(pids(supervisor)).containsOnlyKeys("a");
    Supervisor.startChild(node, supervisor, Worker.spec("b", journal)).await();
    assertThat(pids(supervisor)).containsOnlyKeys("a", "b");
  }

  @Test
  void aChildThatCannotBeStartedAgainIsRetriedUntilTheIntensityIsExhausted() {
    List<Boolean> failNext = new CopyOnWriteArrayList<>();
    ChildSpec flaky = ChildSpec.worker("flaky", () -> failNext.isEmpty() ? new Probe() : new Failing());
    Pid supervisor = start(SupervisorSpec.oneForOne(flaky));
    Future<Down> supervisorDown = node.watch(supervisor);

    failNext.add(true);
    crash(pids(supervisor).get("flaky"));

    assertThat(supervisorDown.await().reason()).isEqualTo(ExitReason.shutdown());
    assertThat(Failing.attempts).hasValue(3);
  }

  @Test
  void aChildThatOverrunsItsShutdownTimeoutIsKilled() {
    Pid supervisor = start(SupervisorSpec.oneForOne(
      Worker.slowToStop("stuck", journal, -1).withShutdown(ShutdownPolicy.timeout(100))));
    Pid stuck = pids(supervisor).get("stuck");
    Future<Down> down = node.watch(stuck);

    node.stop(supervisor, ExitReason.shutdown()).await();

    assertThat(down.await().reason()).isEqualTo(ExitReason.killed());
    assertThat(journal).containsExactly("start stuck", "stop stuck");
  }

  @Test
  void aChildWithinItsShutdownTimeoutFinishesTerminate() {
    Pid supervisor = start(SupervisorSpec.oneForOne(
      Worker.slowToStop("slow", journal, 100).withShutdown(ShutdownPolicy.timeout(2000))));
    Future<Down> down = node.watch(pids(supervisor).get("slow"));

    node.stop(supervisor, ExitReason.shutdown()).await();

    assertThat(down.await().reason()).isEqualTo(ExitReason.shutdown());
    assertThat(journal).containsExactly("start slow", "stop slow", "stopped slow");
  }

  @Test
  void brutalKillRunsNoTerminate() {
    Pid supervisor = start(SupervisorSpec.oneForOne(Worker.spec("a", journal).withShutdown(ShutdownPolicy.brutalKill())));
    Future<Down> down = node.watch(pids(supervisor).get("a"));

    node.stop(supervisor, ExitReason.shutdown()).await();

    assertThat(down.await().reason()).isEqualTo(ExitReason.killed());
    assertThat(journal).containsExactly("start a");
  }

  @Test
  void countChildrenCountsSpecsRunningChildrenAndTypes() {
    Pid supervisor = start(SupervisorSpec.oneForOne(Worker.spec("a", journal),
      ChildSpec.supervisor("sub", () -> new Supervisor(SupervisorSpec.oneForOne(Worker.spec("x", journal))))));

    assertThat(Supervisor.countChildren(node, supervisor).await()).isEqualTo(new ChildCounts(2, 2, 1, 1));
  }

  @Test
  void terminateRestartAndDeleteAChildById() {
    Pid supervisor = start(abc(Strategy.ONE_FOR_ONE));

    Supervisor.terminateChild(node, supervisor, "b").await();
    assertThat(pids(supervisor).get("b")).isNull();
    assertThat(node.processCount()).isEqualTo(3);

    Pid restarted = Supervisor.restartChild(node, supervisor, "b").await();
    assertThat(pids(supervisor).get("b")).isEqualTo(restarted);
    assertSupervisorError(() -> Supervisor.restartChild(node, supervisor, "b").await(), SupervisorError.Kind.RUNNING);
    assertSupervisorError(() -> Supervisor.deleteChild(node, supervisor, "b").await(), SupervisorError.Kind.RUNNING);

    Supervisor.terminateChild(node, supervisor, "b").await();
    Supervisor.deleteChild(node, supervisor, "b").await();
    assertThat(pids(supervisor)).containsOnlyKeys("a", "c");
    assertSupervisorError(() -> Supervisor.terminateChild(node, supervisor, "b").await(), SupervisorError.Kind.NOT_FOUND);
  }

  @Test
  void startChildAddsAChildAtTheEnd() {
    Pid supervisor = start(SupervisorSpec.oneForOne(Worker.spec("a", journal)));

    Pid d = Supervisor.startChild(node, supervisor, Worker.spec("d", journal)).await();

    assertThat(pids(supervisor)).containsExactly(Map.entry("a", pids(supervisor).get("a")), Map.entry("d", d));
    assertThatThrownBy(() -> Supervisor.startChild(node, supervisor, Worker.spec("d", journal)).await())
      .isInstanceOfSatisfying(AlreadyStarted.class, e -> assertThat(e.holder()).isEqualTo(d));
    assertThatThrownBy(() -> Supervisor.startChild(node, supervisor, Worker.failing("e", journal)).await())
      .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason()).isEqualTo(ExitReason.crash("cannot start e")));
    assertThat(pids(supervisor)).containsOnlyKeys("a", "d");
  }

  @Test
  void aKilledSupervisorTakesItsChildrenWithIt() {
    Pid supervisor = start(abc(Strategy.ONE_FOR_ONE));
    List<Future<Down>> children = pids(supervisor).values().stream().map(node::watch).toList();

    node.exit(supervisor, ExitReason.kill());

    for (Future<Down> child : children) {
      assertThat(child.await().reason()).isEqualTo(ExitReason.killed());
    }
  }

  private static void assertSupervisorError(Runnable call, SupervisorError.Kind kind) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(SupervisorError.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }

  /** A process whose start always fails, counting the attempts. */
  static final class Failing extends GenServer<Void> {
    static final java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    protected Init<Void> init() {
      attempts.incrementAndGet();
      return Init.stop(ExitReason.crash("no luck"));
    }
  }
}
