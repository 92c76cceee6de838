package dev.rumbl.otp;

import dev.rumbl.testing.CapturedLog;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A child's own exit reason at shutdown. A terminate that throws or fails makes that error the exit
 * reason, as OTP's {@code gen_server:terminate/10} re-raises what the callback raised; a
 * supervisor that stops a child which exits with another reason than asked reports OTP's
 * {@code shutdown_error} ({@code supervisor.erl}'s {@code shutdown/1} and {@code do_terminate/2}),
 * including the {@code killed} of a shutdown that timed out, as in {@code supervisor_SUITE}'s
 * {@code sup_stop_timeout} (the child that overstays is killed), and none for the
 * {@code killed} a brutal kill asks for ({@code sup_stop_brutal_kill}).
 */
@ExtendWith(VertxExtension.class)
class ShutdownErrorTest {

  private Node node;
  private CapturedLog reports;

  @BeforeEach
  void setUp(Vertx vertx) {
    node = Node.of(vertx);
    reports = CapturedLog.of(Supervisor.class);
  }

  @AfterEach
  void detach() {
    reports.close();
  }

  /** A child that traps exits and ends its terminate with the given outcome. */
  private static final class Ending extends GenServer<Void> {
    private final Supplier<Future<?>> ending;

    Ending(Supplier<Future<?>> ending) {
      this.ending = ending;
    }

    @Override
    protected Init<Void> init() {
      trapExits();
      return Init.ok(null);
    }

    @Override
    protected Future<?> terminate(ExitReason reason, Void state) {
      return ending.get();
    }
  }

  private static ChildSpec ending(String id, Supplier<Future<?>> ending) {
    return ChildSpec.worker(id, () -> new Ending(ending));
  }

  private List<String> shutdownErrors() {
    return reports.events().stream().filter(event -> event.getLevel() == Level.ERROR)
      .map(ILoggingEvent::getFormattedMessage).filter(message -> message.contains("shutdown_error")).toList();
  }

  private ExitReason stopChildOf(ChildSpec child) {
    return stoppedChildOf(child).reason();
  }

  private Down stoppedChildOf(ChildSpec child) {
    Pid supervisor = Supervisor.start(node, SupervisorSpec.of(Strategy.ONE_FOR_ONE, child)).await();
    Pid pid = Supervisor.whichChildren(node, supervisor).await().get(0).pid();
    Future<Down> down = node.watch(pid);
    Supervisor.terminateChild(node, supervisor, child.id()).await();
    return down.await();
  }

  @Test
  void aTerminateThatFailsItsFutureMakesThatErrorTheExitReason() {
    Pid pid = node.spawn(new Ending(() -> Future.failedFuture(new IllegalStateException("cleanup failed")))).await();
    Future<Down> down = node.watch(pid);

    node.stop(pid, ExitReason.shutdown()).await();

    assertThat(down.await().reason()).isInstanceOf(ExitReason.Crash.class)
      .hasToString("java.lang.IllegalStateException: cleanup failed");
  }

  @Test
  void aTerminateThatThrowsExitsWithItsExitExceptionsReason() {
    Pid pid = node.spawn(new Ending(() -> {
      throw new ExitException(ExitReason.shutdown("flushed"));
    })).await();
    Future<Down> down = node.watch(pid);

    node.stop(pid, ExitReason.normal()).await();

    assertThat(down.await().reason()).isEqualTo(ExitReason.shutdown("flushed"));
  }

  @Test
  void aKillWhileTerminateRunsStillGivesKilled() throws InterruptedException {
    Promise<Void> never = Promise.promise();
    CountDownLatch terminating = new CountDownLatch(1);
    Pid pid = node.spawn(new Ending(() -> {
      terminating.countDown();
      return never.future();
    })).await();
    Future<Down> down = node.watch(pid);

    node.stop(pid, ExitReason.shutdown());
    assertThat(terminating.await(5, TimeUnit.SECONDS)).isTrue();
    node.exit(pid, ExitReason.kill());
    never.fail(new IllegalStateException("too late"));

    assertThat(down.await().reason()).isEqualTo(ExitReason.killed());
  }

  @Test
  void aChildWhoseTerminateFailsIsReportedWithItsActualReason() {
    ChildSpec child = ending("cleaner", () -> Future.failedFuture(new IllegalStateException("cleanup failed")));

    Down down = stoppedChildOf(child);

    assertThat(down.reason()).hasToString("java.lang.IllegalStateException: cleanup failed");
    assertThat(shutdownErrors()).singleElement().satisfies(report -> assertThat(report)
      .contains("child cleaner")
      .contains("errorContext: shutdown_error")
      .contains("reason: java.lang.IllegalStateException: cleanup failed (the stop, shutdown=5000, asked for shutdown)")
      .contains("offender: id=cleaner, pid=" + down.pid() + ", restart_type=permanent, shutdown=5000, child_type=worker"));
  }

  @Test
  void aChildThatOverstaysItsShutdownIsKilledAndReportedWithKilled() {
    ChildSpec child = ending("slow", () -> Promise.promise().future()).withShutdown(ShutdownPolicy.timeout(100));

    assertThat(stopChildOf(child)).isEqualTo(ExitReason.killed());
    assertThat(shutdownErrors()).singleElement().satisfies(report -> assertThat(report)
      .contains("child slow").contains("reason: killed (the stop, shutdown=100, asked for shutdown)"));
  }

  @Test
  void aBrutalKillIsNoShutdownError() {
    ChildSpec child = ending("brute", Future::succeededFuture).withShutdown(ShutdownPolicy.brutalKill());

    assertThat(stopChildOf(child)).isEqualTo(ExitReason.killed());
    assertThat(shutdownErrors()).isEmpty();
  }

  @Test
  void anOrderlyStopIsNoShutdownError() {
    assertThat(stopChildOf(ending("tidy", Future::succeededFuture))).isEqualTo(ExitReason.shutdown());
    assertThat(shutdownErrors()).isEmpty();
  }

  @Test
  void aShutdownWithATermOrNormalIsFineOnlyForANonPermanentChild() {
    Supplier<Future<?>> withTerm = () -> Future.failedFuture(new ExitException(ExitReason.shutdown("drained")));
    Supplier<Future<?>> normal = () -> Future.failedFuture(new ExitException(ExitReason.normal()));

    stopChildOf(ending("transient-term", withTerm).withRestart(Restart.TRANSIENT));
    stopChildOf(ending("temporary-normal", normal).withRestart(Restart.TEMPORARY));
    assertThat(shutdownErrors()).isEmpty();

    stopChildOf(ending("permanent-term", withTerm));
    stopChildOf(ending("permanent-normal", normal));
    assertThat(shutdownErrors()).hasSize(2);
    assertThat(shutdownErrors().get(0)).contains("child permanent-term").contains("reason: {shutdown, drained}");
    assertThat(shutdownErrors().get(1)).contains("child permanent-normal").contains("reason: normal");
  }
}
