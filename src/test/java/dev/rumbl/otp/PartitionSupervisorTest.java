package dev.rumbl.otp;

import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class PartitionSupervisorTest {

  private static final Name POOL = Name.local("pool");

  private Node node;
  private List<EventLoop> loops;

  /** A dynamic child that only lives. */
  static final class Idle extends GenServer<Void> {
    @Override
    protected Init<Void> init() {
      return Init.ok(null);
    }
  }

  /** Partitions are dynamic supervisors whose idle children run on their supervisor's loop. */
  private static final PartitionSupervisor DYNAMIC = PartitionSupervisor.of(POOL, ChildSpec.supervisor("dynamic",
    () -> new Supervisor(SupervisorSpec.simpleOneForOne(ChildSpec.template("idle", ignored -> new Idle())
      .withRestart(Restart.TEMPORARY)
      .withPlacement(Placement.supervisorLoop())))));

  @BeforeEach
  void setUp(Vertx vertx) {
    node = Node.of(vertx);
    loops = new ArrayList<>();
    ((VertxInternal) vertx).nettyEventLoopGroup().forEach(loop -> loops.add((EventLoop) loop));
  }

  private Pid startPool(PartitionSupervisor pool) {
    return Supervisor.start(node, SupervisorSpec.oneForOne(pool.childSpec())).await();
  }

  private EventLoop loopOf(Pid pid) {
    return ((ContextInternal) node.contextOf(pid)).nettyEventLoop();
  }

  @Test
  void partitionIRunsOnEventLoopIUnderTheNameNameDotI() {
    startPool(DYNAMIC);

    assertThat(DYNAMIC.partitions()).hasSize(PartitionSupervisor.DEFAULT_PARTITIONS)
      .extracting(Name::value).startsWith("pool.0", "pool.1");
    assertThat(node.eventLoopCount()).isEqualTo(loops.size());
    for (int index = 0; index < DYNAMIC.partitions().size(); index++) {
      Pid partition = node.whereis(DYNAMIC.partitions().get(index)).await();
      assertThat(loopOf(partition)).as("partition " + index).isSameAs(loops.get(index % loops.size()));
    }
    assertThat(Supervisor.whichChildren(node, POOL).await()).extracting(ChildInfo::id)
      .containsExactlyElementsOf(DYNAMIC.partitions().stream().map(Name::value).toList());
  }

  @Test
  void aKeyGoesToItsRemainderAndTheNearestPartitionIsTheOneOnTheCallersLoop(Vertx vertx) {
    startPool(DYNAMIC);
    int partitions = DYNAMIC.partitions().size();

    assertThat(DYNAMIC.partition(partitions + 1)).isEqualTo(DYNAMIC.partitions().get(1));
    assertThat(DYNAMIC.partition(-1)).isEqualTo(DYNAMIC.partitions().get(partitions - 1));
    for (int index = 0; index < partitions; index++) {
      Context onLoop = ((VertxInternal) vertx).contextBuilder().withEventLoop(loops.get(index)).build();
      Name nearest = Future.<Name>future(found -> onLoop.runOnContext(ignored -> found.complete(DYNAMIC.nearest(node)))).await();
      Pid partition = node.whereis(nearest).await();
      assertThat(loopOf(partition)).isSameAs(loops.get(index));
    }
  }

  @Test
  void childrenPlacedOnTheSupervisorsLoopShareItsLoopAndAreCountedOverAllPartitions() {
    startPool(DYNAMIC);
    List<Pid> started = new ArrayList<>();
    for (int child = 0; child < 40; child++) {
      Name partition = DYNAMIC.partition(child);
      Pid pid = Supervisor.startDynamicChild(node, partition, null).await();
      assertThat(loopOf(pid)).isSameAs(loopOf(node.whereis(partition).await()));
      started.add(pid);
    }

    ChildCounts counts = DYNAMIC.countPartitionChildren(node).await();
    assertThat(counts.active()).isEqualTo(40);
    assertThat(started.stream().map(this::loopOf).distinct()).hasSize(Math.min(loops.size(), DYNAMIC.partitions().size()));
  }

  @Test
  void aKilledPartitionIsRestartedAloneUnderItsNameOnItsLoop() {
    startPool(DYNAMIC);
    Name first = DYNAMIC.partitions().get(0);
    Name second = DYNAMIC.partitions().get(1);
    Pid killed = node.whereis(first).await();
    Pid untouched = node.whereis(second).await();
    Future<Down> gone = node.watch(killed);

    node.exit(killed, ExitReason.kill());
    gone.await();
    List<ChildInfo> children = Supervisor.whichChildren(node, POOL).await();

    Pid restarted = children.get(0).pid();
    assertThat(restarted).isNotNull().isNotEqualTo(killed);
    assertThat(node.whereis(first).await()).isEqualTo(restarted);
    assertThat(loopOf(restarted)).isSameAs(loops.get(0));
    assertThat(node.whereis(second).await()).isEqualTo(untouched);
  }

  @Test
  void childrenWithTheDefaultPlacementAreSpreadOverTheLoops() {
    Pid supervisor = Supervisor.start(node, SupervisorSpec.simpleOneForOne(ChildSpec.template("idle", ignored -> new Idle()))).await();
    Set<EventLoop> used = new HashSet<>();

    for (int child = 0; child < 2 * loops.size(); child++) {
      used.add(loopOf(Supervisor.startDynamicChild(node, supervisor, null).await()));
    }

    assertThat(used).hasSize(loops.size());
  }

  @Test
  void aChildPlacedOnLoopIRunsThere() {
    int last = loops.size() - 1;
    Pid supervisor = Supervisor.start(node, SupervisorSpec.oneForOne(
      ChildSpec.worker("pinned", Idle::new).withPlacement(Placement.loop(last)))).await();

    Pid pinned = Supervisor.whichChildren(node, supervisor).await().get(0).pid();

    assertThat(loopOf(pinned)).isSameAs(loops.get(last));
  }

  @Test
  void aGlobalNameNoPartitionsOrANegativeLoopAreRefused() {
    ChildSpec child = ChildSpec.worker("idle", Idle::new);

    assertThatThrownBy(() -> PartitionSupervisor.of(Name.global("pool"), child))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node-local");
    assertThatThrownBy(() -> PartitionSupervisor.of(POOL, 0, child))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partitions must be 1 or more");
    assertThatThrownBy(() -> Placement.loop(-1))
      .isInstanceOf(IllegalArgumentException.class);
  }
}
