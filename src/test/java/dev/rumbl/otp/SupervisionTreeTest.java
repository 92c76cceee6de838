package dev.rumbl.otp;

import dev.rumbl.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class SupervisionTreeTest {

  private Node node;
  private final List<String> journal = new CopyOnWriteArrayList<>();

  /** A worker that crashes a few milliseconds after every start. */
  static final class CrashLoop extends GenServer<Void> {
    static final AtomicInteger starts = new AtomicInteger();

    @Override
    protected Init<Void> init() {
      starts.incrementAndGet();
      node().sendAfter(self(), "crash", 5);
      return Init.ok(null);
    }

    @Override
    protected Outcome<Void> handleInfo(Object message, Void state) {
      throw new IllegalStateException("crash loop");
    }
  }

  @BeforeEach
  void setUp(Vertx vertx) {
    node = Node.of(vertx);
    CrashLoop.starts.set(0);
  }

  private ChildSpec sub(String id, ChildSpec... children) {
    return ChildSpec.supervisor(id, () -> new Supervisor(SupervisorSpec.oneForOne(children)));
  }

  @Test
  void aCrashLoopAtTheBottomEscalatesLevelByLevelToTheTop() {
    Pid top = Supervisor.start(node, SupervisorSpec.oneForOne(
      Worker.spec("top-worker", journal),
      sub("middle", Worker.spec("middle-worker", journal),
        sub("bottom", ChildSpec.worker("crasher", CrashLoop::new))))).await();
    Future<Down> topDown = node.watch(top);

    assertThat(topDown.await().reason()).isEqualTo(ExitReason.shutdown());
    assertThat(CrashLoop.starts.get()).isEqualTo(4 * 4 * 4);
    assertThat(node.processCount()).isZero();
    assertThat(journal).endsWith("stop middle-worker", "stop top-worker");
  }

  @Test
  void aChildSupervisorsRestartLeavesItsSiblingsAlone() {
    Pid top = Supervisor.start(node, SupervisorSpec.oneForOne(
      Worker.spec("sibling", journal), sub("sub", Worker.spec("leaf", journal)))).await();
    List<ChildInfo> before = Supervisor.whichChildren(node, top).await();
    Pid sub = before.get(1).pid();
    Pid leafBefore = Supervisor.whichChildren(node, sub).await().get(0).pid();

    Future<Down> leafDown = node.watch(leafBefore);
    Future<Down> subDown = node.watch(sub);
    node.exit(sub, ExitReason.kill());
    assertThat(subDown.await().reason()).isEqualTo(ExitReason.killed());
    Eventually.until("the top supervisor has restarted sub", 5000,
      () -> !sub.equals(Supervisor.whichChildren(node, top).await().get(1).pid()));
    List<ChildInfo> after = Supervisor.whichChildren(node, top).await();

    assertThat(after.get(0).pid()).isEqualTo(before.get(0).pid());
    assertThat(after.get(1).pid()).isNotNull().isNotEqualTo(sub);
    assertThat(leafDown.await().reason()).isEqualTo(ExitReason.killed());
    assertThat(Supervisor.whichChildren(node, after.get(1).pid()).await().get(0).pid()).isNotNull().isNotEqualTo(leafBefore);
    assertThat(Supervisor.describe(node, top).await().restarts()).isEqualTo(1);
  }

  @Test
  void aKilledChildSupervisorWhoseChildrenHoldNamesIsRestartedAtTheFirstTry() {
    Pid top = Supervisor.start(node, SupervisorSpec.oneForOne(
      sub("sub", namedAgent("leaf-one"), namedAgent("leaf-two")))).await();

    for (int kill = 1; kill <= 3; kill++) {
      Pid sub = Supervisor.whichChildren(node, top).await().get(0).pid();
      Pid leaf = node.whereis(Name.local("leaf-two")).await();
      Future<Down> gone = node.watch(sub);
      node.exit(sub, ExitReason.kill());
      Down down = gone.await();

      assertThat(down.reason()).isEqualTo(ExitReason.killed());
      assertThat(node.isAlive(leaf)).isFalse();
      Eventually.until("the sub-supervisor is back with both named children", 5000, () -> {
        Pid leafNow = node.whereis(Name.local("leaf-two")).await();
        return leafNow != null && !leafNow.equals(leaf) && node.whereis(Name.local("leaf-one")).await() != null;
      });
      assertThat(Supervisor.describe(node, top).await().restarts()).isEqualTo(kill);
    }
    assertThat(node.isAlive(top)).isTrue();
  }

  private static ChildSpec namedAgent(String name) {
    return ChildSpec.worker(name, () -> new Agent<>(() -> 0).named(name));
  }

  @Test
  void describeReportsStrategyIntensityRestartsAndChildren() {
    Pid top = Supervisor.start(node, SupervisorSpec.restForOne(Worker.spec("a", journal)).withIntensity(7, 9),
      Name.local("top")).await();

    SupervisorReport report = Supervisor.describe(node, Name.local("top")).await();

    assertThat(report.pid()).isEqualTo(top);
    assertThat(report.name()).isEqualTo(Name.local("top"));
    assertThat(report.strategy()).isEqualTo(Strategy.REST_FOR_ONE);
    assertThat(report.maxRestarts()).isEqualTo(7);
    assertThat(report.maxSeconds()).isEqualTo(9);
    assertThat(report.restarts()).isZero();
    assertThat(report.children()).extracting(ChildInfo::id).containsExactly("a");
  }
}
