package dev.rumbl.otp;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ignore} from init: no process and no error. Ported from OTP's {@code supervisor_SUITE}
 * ({@code sup_start_ignore_child}, {@code sup_start_ignore_temporary_child},
 * {@code sup_start_ignore_permanent_child_start_child_simple}) and {@code gen_server_SUITE}'s
 * start case ({@code ignore = gen_server:start(...)}, the name free afterwards).
 */
@ExtendWith(VertxExtension.class)
class IgnoreTest {

  private Node node;

  @BeforeEach
  void setUp(Vertx vertx) {
    node = Node.of(vertx);
  }

  /** Ignores its start when told to, else runs. */
  private static final class Maybe extends GenServer<Void> {
    private final boolean ignore;

    Maybe(boolean ignore) {
      this.ignore = ignore;
    }

    @Override
    protected Init<Void> init() {
      return ignore ? Init.ignore() : Init.ok(null);
    }
  }

  @Test
  void anIgnoredStartAnswersNoPidLeavesNoProcessAndFreesItsName() {
    int before = node.processCount();

    Pid ignored = node.spawn(new Maybe(true).named("maybe")).await();

    assertThat(ignored).isNull();
    assertThat(node.processCount()).isEqualTo(before);
    assertThat(node.whereis(Name.local("maybe")).await()).isNull();
    assertThat(node.spawn(new Maybe(false).named("maybe")).await()).isNotNull();
  }

  @Test
  void anIgnoredStaticChildStaysListedWithNoProcessUnlessTemporary() {
    Pid supervisor = Supervisor.start(node, SupervisorSpec.oneForOne(
      ChildSpec.worker("ignored", () -> new Maybe(true)),
      ChildSpec.worker("ignored-temporary", () -> new Maybe(true)).withRestart(Restart.TEMPORARY),
      ChildSpec.worker("running", () -> new Maybe(false)))).await();

    assertThat(Supervisor.startChild(node, supervisor, ChildSpec.worker("added", () -> new Maybe(true))).await()).isNull();

    List<ChildInfo> children = Supervisor.whichChildren(node, supervisor).await();
    assertThat(children).extracting(ChildInfo::id).containsExactly("ignored", "running", "added");
    assertThat(children).extracting(ChildInfo::status)
      .containsExactly(ChildInfo.Status.UNDEFINED, ChildInfo.Status.RUNNING, ChildInfo.Status.UNDEFINED);
    assertThat(Supervisor.countChildren(node, supervisor).await()).isEqualTo(new ChildCounts(3, 1, 0, 3));
  }

  @Test
  void anIgnoredDynamicChildIsNotAdded() {
    Pid supervisor = Supervisor.start(node, SupervisorSpec.simpleOneForOne(
      ChildSpec.template("maybe", (Boolean ignore) -> new Maybe(ignore)))).await();

    Pid ignored = Supervisor.startDynamicChild(node, supervisor, true).await();
    Pid running = Supervisor.startDynamicChild(node, supervisor, false).await();

    assertThat(ignored).isNull();
    assertThat(Supervisor.whichChildren(node, supervisor).await()).extracting(ChildInfo::pid).containsExactly(running);
    assertThat(Supervisor.countChildren(node, supervisor).await()).isEqualTo(new ChildCounts(1, 1, 0, 1));
    Supervisor.terminateChild(node, supervisor, running).await();
    assertThat(node.isAlive(supervisor)).as("the ignored child's exit cost the supervisor nothing").isTrue();
  }
}
