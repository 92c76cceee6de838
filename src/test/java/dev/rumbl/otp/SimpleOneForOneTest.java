package dev.rumbl.otp;

import dev.rumbl.testing.EventBusHandlers;
import dev.rumbl.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class SimpleOneForOneTest {

  private Node node;
  private final List<String> journal = new CopyOnWriteArrayList<>();

  /** A dynamic child made from its argument: it registers under that name and may take its time to stop. */
  static final class Named extends GenServer<String> {
    private final String id;
    private final List<String> journal;
    private final long stopMillis;

    Named(String id, List<String> journal, long stopMillis) {
      this.id = id;
      this.journal = journal;
      this.stopMillis = stopMillis;
      named(id);
    }

    @Override
    protected Init<String> init() {
      return Init.ok(id);
    }

    @Override
    protected Future<?> terminate(ExitReason reason, String state) {
      if (stopMillis == 0) {
        return Future.succeededFuture();
      }
      journal.add("stopping " + id);
      io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
      vertx.setTimer(stopMillis, t -> {
        journal.add("stopped " + id);
        done.complete();
      });
      return done.future();
    }
  }

  @BeforeEach
  void setUp(Vertx vertx) {
    node = Node.of(vertx);
  }

  private SupervisorSpec template(long stopMillis) {
    return SupervisorSpec.simpleOneForOne(ChildSpec.template("named", (String id) -> new Named(id, journal, stopMillis)));
  }

  private Pid startChild(Pid supervisor, String id) {
    return Supervisor.startDynamicChild(node, supervisor, id).await();
  }

  @Test
  void childrenAreStartedFromTheTemplateWithTheirArgument() {
    Pid supervisor = Supervisor.start(node, template(0)).await();

    Pid alice = startChild(supervisor, "alice");
    Pid bob = startChild(supervisor, "bob");

    assertThat(node.whereis(Name.local("alice")).await()).isEqualTo(alice);
    assertThat(node.whereis(Name.local("bob")).await()).isEqualTo(bob);
    assertThat(Supervisor.whichChildren(node, supervisor).await()).extracting(ChildInfo::pid).containsExactly(alice, bob);
    assertThat(Supervisor.countChildren(node, supervisor).await()).isEqualTo(new ChildCounts(2, 2, 0, 2));
  }

  @Test
  void aCrashedChildIsRestartedWithTheSameArgument() {
    Pid supervisor = Supervisor.start(node, template(0)).await();
    Pid first = startChild(supervisor, "alice");

    node.exit(first, ExitReason.crash("boom"));
    node.watch(first).await();

    List<ChildInfo> children = Supervisor.whichChildren(node, supervisor).await();
    Pid second = node.whereis(Name.local("alice")).await();
    assertThat(second).isNotNull().isNotEqualTo(first);
    assertThat(children).extracting(ChildInfo::pid).containsExactly(second);
  }

  @Test
  void aTemporaryChildIsForgottenWhenItExits() {
    Pid supervisor = Supervisor.start(node, SupervisorSpec.simpleOneForOne(
      ChildSpec.template("named", (String id) -> new Named(id, journal, 0)).withRestart(Restart.TEMPORARY))).await();
    Pid child = startChild(supervisor, "once");

    node.exit(child, ExitReason.crash("boom"));
    node.watch(child).await();

    assertThat(Supervisor.whichChildren(node, supervisor).await()).isEmpty();
  }

  @Test
  void aChildWhoseNameIsTakenFailsToStartWithAlreadyStartedAndItsHolder() {
    Pid supervisor = Supervisor.start(node, template(0)).await();
    Pid holder = startChild(supervisor, "taken");

    assertThatThrownBy(() -> startChild(supervisor, "taken"))
      .isInstanceOfSatisfying(AlreadyStarted.class, e -> assertThat(e.holder()).isEqualTo(holder));
    assertThat(Supervisor.countChildren(node, supervisor).await().active()).isEqualTo(1);
  }

  @Test
  void maxChildrenRefusesOneMore() {
    Pid supervisor = Supervisor.start(node, template(0).withMaxChildren(2)).await();
    startChild(supervisor, "one");
    startChild(supervisor, "two");

    assertThatThrownBy(() -> startChild(supervisor, "three"))
      .isInstanceOfSatisfying(SupervisorError.class, e -> assertThat(e.kind()).isEqualTo(SupervisorError.Kind.MAX_CHILDREN));
  }

  @Test
  void terminateChildByPidStopsAndForgetsIt() {
    Pid supervisor = Supervisor.start(node, template(0)).await();
    Pid child = startChild(supervisor, "gone");

    Supervisor.terminateChild(node, supervisor, child).await();

    assertThat(node.isAlive(child)).isFalse();
    assertThat(Supervisor.whichChildren(node, supervisor).await()).isEmpty();
    assertThatThrownBy(() -> Supervisor.terminateChild(node, supervisor, child).await())
      .isInstanceOfSatisfying(SupervisorError.class, e -> assertThat(e.kind()).isEqualTo(SupervisorError.Kind.NOT_FOUND));
  }

  /**
   * Elixir's DynamicSupervisor.start_child(sup, spec): each child with its own restart type and
   * shutdown, the template's children beside them, all counted in maxChildren.
   */
  @Test
  void childrenStartedFromTheirOwnSpecKeepTheirRestartTypeAndShutdown() {
    Pid supervisor = Supervisor.start(node, template(0).withMaxChildren(3)).await();
    Pid fromTemplate = startChild(supervisor, "templated");
    Pid temporary = Supervisor.startChild(node, supervisor, Worker.spec("temporary", journal).withRestart(Restart.TEMPORARY)).await();
    Pid permanent = Supervisor.startChild(node, supervisor, Worker.spec("permanent", journal)).await();

    assertThatThrownBy(() -> Supervisor.startChild(node, supervisor, Worker.spec("one-more", journal)).await())
      .isInstanceOfSatisfying(SupervisorError.class, e -> assertThat(e.kind()).isEqualTo(SupervisorError.Kind.MAX_CHILDREN));
    node.exit(temporary, ExitReason.crash("boom"));
    node.watch(temporary).await();
    node.exit(permanent, ExitReason.crash("boom"));
    node.watch(permanent).await();

    List<ChildInfo> children = Supervisor.whichChildren(node, supervisor).await();
    assertThat(children).extracting(ChildInfo::id).containsExactly("named", "permanent");
    assertThat(children.get(0).pid()).isEqualTo(fromTemplate);
    assertThat(children.get(1).pid()).isNotNull().isNotEqualTo(permanent);
    assertThat(children.get(1).restart()).isEqualTo(Restart.PERMANENT);
  }

  @Test
  void stoppingTheSupervisorStopsAllChildrenAtOnce() {
    Pid supervisor = Supervisor.start(node, template(1000)).await();
    for (int i = 0; i < 10; i++) {
      startChild(supervisor, "slow-" + i);
    }

    node.stop(supervisor, ExitReason.shutdown()).await();

    assertThat(journal).hasSize(20);
    assertThat(journal.subList(0, 10)).allMatch(entry -> entry.startsWith("stopping "));
    assertThat(journal.subList(10, 20)).allMatch(entry -> entry.startsWith("stopped "));
    assertThat(node.processCount()).isZero();
  }

  /** Crashes right after its first start, possibly before its supervisor has heard that it started. */
  static final class CrashesOnce extends GenServer<Void> {
    static final java.util.Set<Integer> crashed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final int id;

    CrashesOnce(int id) {
      this.id = id;
    }

    @Override
    protected Init<Void> init() {
      if (crashed.add(id)) {
        context.runOnContext(v -> {
          throw new IllegalStateException("crash at once");
        });
      }
      return Init.ok(null);
    }
  }

  @Test
  void childrenStartSideBySideAndAnExitThatOvertakesItsStartIsStillHandled() {
    Pid supervisor = Supervisor.start(node, SupervisorSpec.simpleOneForOne(
      ChildSpec.template("once", (Integer id) -> new CrashesOnce(id))).withIntensity(1000, 5)).await();

    List<Future<Pid>> started = IntStream.range(0, 300).mapToObj(i -> Supervisor.startDynamicChild(node, supervisor, i)).toList();
    Future.all(started).await();

    Eventually.until("every child restarted once", 10_000,
      () -> Supervisor.describe(node, supervisor).await().restarts() == 300);
    List<ChildInfo> children = Supervisor.whichChildren(node, supervisor).await();
    assertThat(children).hasSize(300).allMatch(child -> node.isAlive(child.pid()));
  }

  @Test
  void tenThousandChildrenSurviveAThousandRandomCrashesAndLeaveNothingBehind() {
    EventBusHandlers handlers = new EventBusHandlers();
    Node node = Node.of(handlers.vertx());
    int baseline = handlers.count();
    Pid supervisor = Supervisor.start(node, template(0).withIntensity(5000, 5)).await();
    List<Pid> children = startMany(node, supervisor, 10_000);

    List<Pid> victims = pick(children, 1000, new Random(42));
    victims.forEach(victim -> node.exit(victim, ExitReason.crash("chaos")));
    victims.forEach(victim -> node.watch(victim).await());

    Eventually.until("10,000 children running again", 30_000,
      () -> Supervisor.countChildren(node, supervisor).await().active() == 10_000);
    assertThat(Supervisor.countChildren(node, supervisor).await()).isEqualTo(new ChildCounts(10_000, 10_000, 0, 10_000));
    assertThat(node.processCount()).isEqualTo(10_001);
    assertThat(node.localNameCount().await()).isEqualTo(10_000);
    assertThat(victims).noneMatch(node::isAlive);

    node.stop(supervisor, ExitReason.shutdown()).await();

    assertThat(node.processCount()).isZero();
    assertThat(node.localNameCount().await()).isZero();
    assertThat(node.timerCount()).isZero();
    assertThat(node.monitorCount()).isZero();
    Eventually.until("every consumer unregistered", 5000, () -> handlers.count() == baseline);
    handlers.vertx().close().await();
  }

  @Test
  void theSameCrashesUnderTheDefaultIntensityMakeTheSupervisorGiveUp() {
    Pid supervisor = Supervisor.start(node, template(0)).await();
    List<Pid> children = startMany(node, supervisor, 10_000);
    Future<Down> down = node.watch(supervisor);

    pick(children, 1000, new Random(42)).forEach(victim -> node.exit(victim, ExitReason.crash("chaos")));

    assertThat(down.await().reason()).isEqualTo(ExitReason.shutdown());
    Eventually.until("every child stopped", 30_000, () -> node.processCount() == 0);
  }

  private List<Pid> startMany(Node node, Pid supervisor, int count) {
    List<Future<Pid>> started = IntStream.range(0, count)
      .mapToObj(i -> Supervisor.startDynamicChild(node, supervisor, "child-" + i)).toList();
    return new ArrayList<>(Future.all(started).await().<Pid>list());
  }

  private static List<Pid> pick(List<Pid> pids, int count, Random random) {
    List<Pid> shuffled = new ArrayList<>(pids);
    Collections.shuffle(shuffled, random);
    return shuffled.subList(0, count);
  }
}
