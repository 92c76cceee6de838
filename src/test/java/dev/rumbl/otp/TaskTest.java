package dev.rumbl.otp;

import dev.rumbl.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class TaskTest {

  private Vertx vertx;
  private Node node;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    node = Node.of(vertx);
  }

  private Future<Integer> after(long millis, int value) {
    Promise<Integer> promise = Promise.promise();
    vertx.setTimer(millis, t -> promise.complete(value));
    return promise.future();
  }

  private Pid taskSupervisor() {
    return Supervisor.start(node, Task.supervisorSpec()).await();
  }

  @Test
  void awaitGivesTheValueOfTheTask() {
    Task<Integer> task = Task.async(node, () -> after(200, 42));
    Future<Down> down = node.watch(task.pid().await());

    assertThat(task.await().await()).isEqualTo(42);
    assertThat(down.await().reason()).isEqualTo(ExitReason.normal());
  }

  @Test
  void awaitThatTimesOutFailsWithTimeoutAndKillsTheTask() {
    Task<Integer> task = Task.async(node, () -> Promise.<Integer>promise().future());
    Pid pid = task.pid().await();
    Future<Down> down = node.watch(pid);

    assertThatThrownBy(() -> task.await(50).await())
      .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason()).isEqualTo(ExitReason.timeout()));
    assertThat(down.await().reason()).isEqualTo(ExitReason.killed());
  }

  @Test
  void aTaskThatThrowsFailsItsAwaiterWithThatError() {
    IllegalStateException boom = new IllegalStateException("boom");
    Task<Integer> task = Task.async(node, () -> {
      throw boom;
    });

    assertThatThrownBy(() -> task.await().await())
      .isInstanceOfSatisfying(ExitException.class, e -> {
        assertThat(e.reason()).isInstanceOf(ExitReason.Crash.class);
        assertThat(e.getCause()).isSameAs(boom);
      });
  }

  @Test
  void aCrashingLinkedTaskTakesItsCallerWithIt() {
    Probe caller = Probe.start(node);
    Future<Down> callerDown = node.watch(caller.self());

    caller.run(n -> Task.async(n, () -> Future.failedFuture(new IllegalStateException("task failed"))));

    assertThat(callerDown.await().reason()).hasToString("java.lang.IllegalStateException: task failed");
  }

  @Test
  void aCrashingNolinkTaskOnlyFailsItsOwnResult() throws InterruptedException {
    Pid supervisor = taskSupervisor();
    Probe caller = Probe.start(node);

    Task<Integer> task = caller.run(n -> Task.asyncNolink(n, supervisor, () -> Future.failedFuture(new IllegalStateException("task failed"))));

    assertThatThrownBy(() -> task.await().await()).isInstanceOf(ExitException.class);
    assertThat(node.isAlive(caller.self())).isTrue();
    assertThat(node.isAlive(supervisor)).isTrue();
    assertThat(caller.next(200)).isNull();
  }

  @Test
  void yieldManyReportsExactlyTheTasksThatFinishedBeforeTheSharedDeadline() {
    List<Long> delays = List.of(10L, 20L, 30L, 40L, 50L, 60_000L, 60_000L, 60_000L, 60_000L, 60_000L);
    List<Task<Integer>> tasks = delays.stream().map(ms -> Task.async(node, () -> after(ms, ms.intValue()))).toList();

    List<Yield<Integer>> yields = Task.yieldMany(tasks, 1_000).await();

    assertThat(yields.subList(0, 5)).containsExactly(new Yield.Ok<>(10), new Yield.Ok<>(20), new Yield.Ok<>(30),
      new Yield.Ok<>(40), new Yield.Ok<>(50));
    assertThat(yields.subList(5, 10)).allMatch(yield -> yield instanceof Yield.Pending);
  }

  @Test
  void yieldManyReportsATaskThatExitedWithoutAValue() {
    List<Task<Integer>> tasks = List.of(Task.async(node, () -> after(5, 1)),
      Task.async(node, () -> Future.failedFuture(new IllegalStateException("no"))));

    List<Yield<Integer>> yields = Task.yieldMany(tasks, 1000).await();

    assertThat(yields.get(0)).isEqualTo(new Yield.Ok<>(1));
    assertThat(yields.get(1)).isInstanceOfSatisfying(Yield.Exited.class,
      exited -> assertThat(exited.reason()).hasToString("java.lang.IllegalStateException: no"));
  }

  @Test
  void shutdownStopsARunningTaskAndLeavesNoProcessBehind() {
    int before = node.processCount();
    Task<Integer> running = Task.async(node, () -> after(60_000, 1));
    Pid pid = running.pid().await();

    assertThat(running.shutdown(ShutdownPolicy.timeout(100)).await()).isInstanceOf(Yield.Pending.class);
    assertThat(node.isAlive(pid)).isFalse();
    assertThat(node.processCount()).isEqualTo(before);
  }

  /**
   * Elixir's task_test.exs, "shutdown/2 returns nil on shutdown :DOWN in message queue", "... return
   * exit on killed :DOWN ...", "... brutal kill returns exit on shutdown :DOWN ..." and "returns nil
   * on killed :DOWN ...": a task already gone with the reason its stop would give is pending, with
   * the other reason it exited.
   */
  @Test
  void shutdownOfATaskAlreadyGoneReportsAnExitItsOwnKindOfStopWouldNotHaveGiven() {
    assertThat(shutdownAfter(ExitReason.shutdown(), ShutdownPolicy.timeout(100))).isInstanceOf(Yield.Pending.class);
    assertThat(shutdownAfter(ExitReason.kill(), ShutdownPolicy.timeout(100))).isEqualTo(new Yield.Exited<>(ExitReason.killed()));
    assertThat(shutdownAfter(ExitReason.shutdown(), ShutdownPolicy.brutalKill())).isEqualTo(new Yield.Exited<>(ExitReason.shutdown()));
    assertThat(shutdownAfter(ExitReason.kill(), ShutdownPolicy.brutalKill())).isInstanceOf(Yield.Pending.class);
    assertThat(shutdownAfter(ExitReason.crash("bad"), ShutdownPolicy.brutalKill())).isEqualTo(new Yield.Exited<>(ExitReason.crash("bad")));
  }

  private Yield<Integer> shutdownAfter(ExitReason exit, ShutdownPolicy how) {
    Task<Integer> task = Task.async(node, () -> after(60_000, 1));
    node.exit(task.pid().await(), exit);
    assertThatThrownBy(() -> task.await().await()).isInstanceOf(ExitException.class);
    return task.shutdown(how).await();
  }

  @Test
  void shutdownOfAFinishedTaskStillReportsItsValue() {
    Task<Integer> finished = Task.async(node, () -> after(1, 7));
    finished.await().await();

    assertThat(finished.shutdown(ShutdownPolicy.brutalKill()).await()).isEqualTo(new Yield.Ok<>(7));
  }

  @Test
  void startRunsFireAndForgetWorkUnderTheTaskSupervisor() throws InterruptedException {
    Pid supervisor = taskSupervisor();
    CountDownLatch ran = new CountDownLatch(1);

    Task.start(node, supervisor, () -> {
      ran.countDown();
      return Future.succeededFuture();
    }).await();

    assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
    Eventually.until("the task supervisor has no child", 5000,
      () -> Supervisor.countChildren(node, supervisor).await().active() == 0);
  }

  @Test
  void tenThousandTasksAtOnce() {
    Pid supervisor = taskSupervisor();
    List<Task<Integer>> tasks = IntStream.range(0, 10_000)
      .mapToObj(i -> Task.asyncNolink(node, supervisor, () -> after(1 + i % 50, i))).toList();

    List<Yield<Integer>> yields = Task.yieldMany(tasks, 60_000).await();

    assertThat(yields).hasSize(10_000);
    assertThat(IntStream.range(0, 10_000).allMatch(i -> yields.get(i).equals(new Yield.Ok<>(i)))).isTrue();
    Eventually.until("no task process left", 10_000, () -> node.processCount() == 1);
    assertThat(Supervisor.countChildren(node, supervisor).await().specs()).isZero();
    assertThat(node.monitorCount()).isZero();
  }
}
