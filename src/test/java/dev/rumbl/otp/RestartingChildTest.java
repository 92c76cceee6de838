package dev.rumbl.otp;

import dev.rumbl.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A child whose restart fails is tried again and again; meanwhile the management calls answer as
 * OTP's do. Ported from {@code supervisor_SUITE}: {@code hanging_restart_loop} (a static child) and
 * {@code hanging_restart_loop_simple} (a dynamic one); then the cases of the same calls that OTP
 * answers by strategy, and Elixir's {@code dynamic_supervisor_test.exs} "restarting on init
 * children counted in max_children". The supervisors' clock stands still, so the retries never
 * exhaust the intensity, however long the loop runs.
 */
@ExtendWith(VertxExtension.class)
class RestartingChildTest {

  private static final long STILL = 0;

  private Node node;
  private final AtomicBoolean failing = new AtomicBoolean();
  private final AtomicInteger attempts = new AtomicInteger();

  @BeforeEach
  void setUp(Vertx vertx) {
    node = Node.of(vertx);
  }

  /** A child that starts while failing is false, and whose start fails after a few ms while it is true. */
  private final class Flaky extends GenServer<Void> {
    @Override
    protected Init<Void> init() {
      if (!failing.get()) {
        return Init.ok(null);
      }
      attempts.incrementAndGet();
      return Init.async(vertx.timer(5).compose(fired -> Future.failedFuture(new ExitException(ExitReason.crash("no luck")))));
    }
  }

  private Pid start(SupervisorSpec spec) {
    return node.spawn(new Supervisor(spec.withIntensity(1_000_000, 10), () -> STILL)).await();
  }

  private void crashIntoARestartLoop(Pid child) {
    failing.set(true);
    node.exit(child, ExitReason.crash("boom"));
    Eventually.until("the restart failed and is tried again", 5000, () -> attempts.get() >= 2);
  }

  private static void assertError(Future<?> call, SupervisorError.Kind kind) {
    assertThatThrownBy(call::await).isInstanceOfSatisfying(SupervisorError.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }

  @Test
  void aStaticChildInARestartLoopIsRestartingAndTerminatingItEndsTheLoop() throws InterruptedException {
    ChildSpec flaky = ChildSpec.worker("child1", Flaky::new);
    Pid supervisor = start(SupervisorSpec.oneForOne(flaky));
    Pid first = Supervisor.whichChildren(node, supervisor).await().get(0).pid();

    crashIntoARestartLoop(first);

    assertThatThrownBy(() -> Supervisor.startChild(node, supervisor, flaky).await())
      .isInstanceOfSatisfying(SupervisorError.class, e -> assertThat(e.kind()).isEqualTo(SupervisorError.Kind.ALREADY_PRESENT));
    assertError(Supervisor.restartChild(node, supervisor, "child1"), SupervisorError.Kind.RESTARTING);
    assertError(Supervisor.deleteChild(node, supervisor, "child1"), SupervisorError.Kind.RESTARTING);
    assertThat(Supervisor.whichChildren(node, supervisor).await().get(0).status()).isEqualTo(ChildInfo.Status.RESTARTING);

    Supervisor.terminateChild(node, supervisor, "child1").await();
    int afterTerminate = attempts.get();
    Thread.sleep(100);

    assertThat(attempts.get()).as("no attempt after terminate_child").isEqualTo(afterTerminate);
    ChildInfo stopped = Supervisor.whichChildren(node, supervisor).await().get(0);
    assertThat(stopped.status()).isEqualTo(ChildInfo.Status.UNDEFINED);
    assertThat(stopped.pid()).isNull();
    failing.set(false);
    Pid again = Supervisor.restartChild(node, supervisor, "child1").await();
    assertThat(node.isAlive(again)).isTrue();
  }

  @Test
  void aDynamicChildInARestartLoopIsTerminatedByThePidItRanUnder() throws InterruptedException {
    Pid supervisor = start(SupervisorSpec.simpleOneForOne(ChildSpec.template("child1", arg -> new Flaky())));
    Pid first = Supervisor.startDynamicChild(node, supervisor, "x").await();

    crashIntoARestartLoop(first);

    assertError(Supervisor.restartChild(node, supervisor, "child1"), SupervisorError.Kind.WRONG_STRATEGY);
    assertError(Supervisor.deleteChild(node, supervisor, "child1"), SupervisorError.Kind.WRONG_STRATEGY);
    assertThat(Supervisor.whichChildren(node, supervisor).await()).extracting(ChildInfo::status).containsExactly(ChildInfo.Status.RESTARTING);
    assertThat(Supervisor.countChildren(node, supervisor).await()).isEqualTo(new ChildCounts(1, 0, 0, 1));

    Supervisor.terminateChild(node, supervisor, first).await();
    int afterTerminate = attempts.get();
    Thread.sleep(100);

    assertThat(attempts.get()).as("no attempt after terminate_child").isEqualTo(afterTerminate);
    assertThat(Supervisor.whichChildren(node, supervisor).await()).isEmpty();
    failing.set(false);
    assertThat(node.isAlive(Supervisor.startDynamicChild(node, supervisor, "y").await())).isTrue();
  }

  @Test
  void aDynamicChildBeingRestartedCountsAgainstMaxChildren() {
    Pid supervisor = start(SupervisorSpec.simpleOneForOne(ChildSpec.template("child", arg -> new Flaky())).withMaxChildren(2));
    Supervisor.startDynamicChild(node, supervisor, "running").await();
    Pid restarting = Supervisor.startDynamicChild(node, supervisor, "restarting").await();

    crashIntoARestartLoop(restarting);

    assertError(Supervisor.startDynamicChild(node, supervisor, "third"), SupervisorError.Kind.MAX_CHILDREN);
    Supervisor.terminateChild(node, supervisor, restarting).await();
    failing.set(false);
    assertThat(Supervisor.startDynamicChild(node, supervisor, "third").await()).isNotNull();
  }

  @Test
  void aStaticSupervisorTakesNoPidAndASimpleOneForOneNoId() {
    Pid statics = start(SupervisorSpec.oneForOne(ChildSpec.worker("child1", Flaky::new)));
    Pid child = Supervisor.whichChildren(node, statics).await().get(0).pid();
    Pid dynamics = start(SupervisorSpec.simpleOneForOne(ChildSpec.template("child1", arg -> new Flaky())));

    assertError(Supervisor.terminateChild(node, statics, child), SupervisorError.Kind.NOT_FOUND);
    assertThat(node.isAlive(child)).as("a pid names no child of a static supervisor: it is left alone").isTrue();
    assertError(Supervisor.terminateChild(node, dynamics, "child1"), SupervisorError.Kind.WRONG_STRATEGY);
    assertError(Supervisor.restartChild(node, dynamics, "child1"), SupervisorError.Kind.WRONG_STRATEGY);
    assertError(Supervisor.deleteChild(node, dynamics, "child1"), SupervisorError.Kind.WRONG_STRATEGY);
  }
}
