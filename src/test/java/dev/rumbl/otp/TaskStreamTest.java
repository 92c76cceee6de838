package dev.rumbl.otp;

import dev.rumbl.testing.Eventually;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Task#asyncStream}, with cases ported from Elixir's {@code task_test.exs}: from
 * "async_stream/2", "timeout", "streams an enumerable with ordered: false" and "... with ordered:
 * false, on_timeout: :kill_task"; from "async_stream with max_concurrency ==/</> tasks" (run here
 * with 4, 2 and 8 for four items), "streams an enumerable with fun", "... without leaking tasks",
 * "... with slowest first", "... with exits" and "with :on_timeout set to :kill_task". Elixir's
 * halting and zipping cases have no counterpart: the results come as one list.
 */
@ExtendWith(VertxExtension.class)
class TaskStreamTest {

  private Vertx vertx;
  private Node node;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    node = Node.of(vertx);
  }

  /** Work for item n: its value n after n * 10 ms, on the task's own context. */
  private Future<Integer> sleep(int n) {
    Promise<Integer> promise = Promise.promise();
    vertx.setTimer(1 + n * 10L, fired -> promise.complete(n));
    return promise.future();
  }

  private static <R> Future<R> never() {
    return Promise.<R>promise().future();
  }

  private static <R> List<Yield<R>> ok(List<R> values) {
    return values.stream().<Yield<R>>map(Yield.Ok::new).toList();
  }

  private static AsyncStreamOptions max(int concurrency) {
    return AsyncStreamOptions.defaults().withMaxConcurrency(concurrency);
  }

  @ParameterizedTest(name = "max_concurrency {0}")
  @ValueSource(ints = {4, 2, 8})
  void streamsAnEnumerableWithFunWithoutLeakingTasks(int concurrency) {
    int before = node.processCount();

    List<Yield<Integer>> yields = Task.asyncStream(node, List.of(1, 2, 3, 4), this::sleep, max(concurrency)).await();

    assertThat(yields).isEqualTo(ok(List.of(1, 2, 3, 4)));
    assertThat(node.processCount()).isEqualTo(before);
    assertThat(node.monitorCount()).isZero();
  }

  @ParameterizedTest(name = "max_concurrency {0}")
  @ValueSource(ints = {4, 2, 8})
  void streamsAnEnumerableWithSlowestFirstInInputOrder(int concurrency) {
    List<Yield<Integer>> yields = Task.asyncStream(node, List.of(4, 3, 2, 1), this::sleep, max(concurrency)).await();

    assertThat(yields).isEqualTo(ok(List.of(4, 3, 2, 1)));
  }

  @ParameterizedTest(name = "max_concurrency {0}")
  @ValueSource(ints = {4, 2, 8})
  void streamsAnEnumerableWithExitsToATrappingCallerWithoutExitMessages(int concurrency) throws InterruptedException {
    Probe caller = Probe.start(node, true);

    Future<List<Yield<Object>>> stream = caller.run(n -> Task.asyncStream(n, List.of(1, 2, 3, 4),
      i -> Future.failedFuture(new IllegalStateException("exit " + i)), max(concurrency)));

    assertThat(stream.await()).map(String::valueOf).containsExactly(
      "Exited[reason=java.lang.IllegalStateException: exit 1]", "Exited[reason=java.lang.IllegalStateException: exit 2]",
      "Exited[reason=java.lang.IllegalStateException: exit 3]", "Exited[reason=java.lang.IllegalStateException: exit 4]");
    assertThat(caller.next(200)).isNull();
    assertThat(node.isAlive(caller.self())).isTrue();
  }

  @ParameterizedTest(name = "max_concurrency {0}")
  @ValueSource(ints = {4, 2, 8})
  void onTimeoutKillTaskGivesThatItemATimeoutExitAndGoesOn(int concurrency) {
    int before = node.processCount();
    AsyncStreamOptions options = max(concurrency).withTimeout(500).withOnTimeout(AsyncStreamOptions.OnTimeout.KILL_TASK);

    List<Yield<Integer>> yields = Task.asyncStream(node, List.of(0, 1, 0, 1),
      i -> i == 0 ? TaskStreamTest.<Integer>never() : Future.succeededFuture(i), options).await();

    assertThat(yields).containsExactly(new Yield.Exited<>(ExitReason.timeout()), new Yield.Ok<>(1),
      new Yield.Exited<>(ExitReason.timeout()), new Yield.Ok<>(1));
    assertThat(node.processCount()).isEqualTo(before);
  }

  @Test
  void aTimeoutFailsTheWholeStreamAndKillsEveryTaskStillRunning() {
    int before = node.processCount();
    AsyncStreamOptions options = max(3).withTimeout(50);

    Future<List<Yield<Integer>>> stream = Task.asyncStream(node, List.of(1, 2, 3, 4, 5), i -> never(), options);

    assertThatThrownBy(stream::await)
      .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason()).isEqualTo(ExitReason.timeout()));
    assertThat(node.processCount()).isEqualTo(before);
  }

  @Test
  void aTimeoutInsideAProcessKillsTheTasksWithoutTheKillReachingTheCaller() throws InterruptedException {
    Probe caller = Probe.start(node);
    int before = node.processCount();

    Future<List<Yield<Integer>>> stream = caller.run(n -> Task.asyncStream(n, List.of(1, 2, 3),
      i -> never(), max(2).withTimeout(50)));

    assertThatThrownBy(stream::await).isInstanceOf(ExitException.class);
    assertThat(node.isAlive(caller.self())).isTrue();
    assertThat(node.processCount()).isEqualTo(before);
    assertThat(caller.next(100)).isNull();
  }

  @Test
  void unorderedResultsComeInCompletionOrder() {
    Gates gates = new Gates(node);
    int before = node.processCount();

    Future<List<Yield<Integer>>> stream = Task.asyncStream(node, List.of(1, 2, 3, 4), gates::work,
      max(4).withOrdered(false));
    Eventually.until("four tasks started", 5000, () -> gates.started() == 4);
    for (int item : List.of(3, 1, 4, 2)) {
      Future<Down> gone = node.watch(gates.task(item));
      gates.open(item);
      gone.await();
    }

    assertThat(stream.await()).isEqualTo(ok(List.of(3, 1, 4, 2)));
    assertThat(node.processCount()).isEqualTo(before);
  }

  @Test
  void unorderedWithOneTaskAtATimeIsInInputOrder() {
    List<Yield<Integer>> yields = Task.asyncStream(node, List.of(4, 3, 2, 1), this::sleep,
      max(1).withOrdered(false)).await();

    assertThat(yields).isEqualTo(ok(List.of(4, 3, 2, 1)));
  }

  @Test
  void unorderedWithKillTaskPutsTheTimeoutsLast() {
    AsyncStreamOptions options = max(4).withOrdered(false).withTimeout(500)
      .withOnTimeout(AsyncStreamOptions.OnTimeout.KILL_TASK);

    List<Yield<Integer>> yields = Task.asyncStream(node, List.of(0, 1, 0, 1),
      i -> i == 0 ? TaskStreamTest.<Integer>never() : Future.succeededFuture(i), options).await();

    assertThat(yields).containsExactly(new Yield.Ok<>(1), new Yield.Ok<>(1),
      new Yield.Exited<>(ExitReason.timeout()), new Yield.Exited<>(ExitReason.timeout()));
  }

  @Test
  void takesTheNextItemOnlyOnceATaskHasExited() throws InterruptedException {
    Gates gates = new Gates(node);

    Future<List<Yield<Integer>>> stream = Task.asyncStream(node, List.of(1, 2, 3, 4, 5), gates::work, max(3));
    Eventually.until("three tasks started", 5000, () -> gates.started() == 3);
    Thread.sleep(100);
    assertThat(gates.started()).isEqualTo(3);

    gates.open(2);
    Eventually.until("a fourth task started", 5000, () -> gates.started() == 4);
    assertThat(gates.isStarted(4)).isTrue();
    List.of(1, 3, 4, 5).forEach(item -> {
      Eventually.until("task " + item + " started", 5000, () -> gates.isStarted(item));
      gates.open(item);
    });

    assertThat(stream.await()).isEqualTo(ok(List.of(1, 2, 3, 4, 5)));
  }

  @Test
  void theDefaultConcurrencyIsOneTaskPerEventLoop() throws InterruptedException {
    Gates gates = new Gates(node);
    int loops = node.eventLoopCount();
    List<Integer> items = IntStream.rangeClosed(1, loops + 2).boxed().toList();

    Future<List<Yield<Integer>>> stream = Task.asyncStream(node, items, gates::work);
    Eventually.until(loops + " tasks started", 5000, () -> gates.started() == loops);
    Thread.sleep(100);
    assertThat(gates.started()).isEqualTo(loops);

    items.forEach(item -> {
      Eventually.until("task " + item + " started", 5000, () -> gates.isStarted(item));
      gates.open(item);
    });
    assertThat(stream.await()).isEqualTo(ok(items));
  }

  @Test
  void tenThousandItemsNeverMoreThanMaxConcurrencyAtOnce() {
    int before = node.processCount();
    AtomicInteger runningNow = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    List<Integer> items = IntStream.range(0, 10_000).boxed().toList();

    List<Yield<Integer>> yields = Task.asyncStream(node, items, i -> {
      mostAtOnce.accumulateAndGet(runningNow.incrementAndGet(), Math::max);
      Promise<Integer> done = Promise.promise();
      vertx.setTimer(1, fired -> {
        runningNow.decrementAndGet();
        done.complete(i * 2);
      });
      return done.future();
    }, max(8).withTimeout(60_000)).await();

    assertThat(yields).isEqualTo(ok(items.stream().map(i -> i * 2).toList()));
    assertThat(mostAtOnce.get()).isBetween(2, 8);
    assertThat(node.processCount()).isEqualTo(before);
    assertThat(node.monitorCount()).isZero();
  }

  @Test
  void outsideProcessesACrashingTaskOnlyGivesItsItemAnExit() {
    List<Yield<Integer>> yields = Task.asyncStream(node, List.of(1, 2, 3), i -> {
      if (i == 2) {
        throw new IllegalStateException("two");
      }
      return Future.succeededFuture(i);
    }, max(2)).await();

    assertThat(yields.get(0)).isEqualTo(new Yield.Ok<>(1));
    assertThat(yields.get(1)).isInstanceOfSatisfying(Yield.Exited.class,
      exited -> assertThat(exited.reason()).hasToString("java.lang.IllegalStateException: two"));
    assertThat(yields.get(2)).isEqualTo(new Yield.Ok<>(3));
  }

  @Test
  void aCrashingTaskTakesACallerThatDoesNotTrapExitsAndEveryOtherTask() {
    int before = node.processCount();
    Probe caller = Probe.start(node);
    Future<Down> callerDown = node.watch(caller.self());

    caller.run(n -> Task.asyncStream(n, List.of(1, 2, 3),
      i -> i == 3 ? Future.failedFuture(new IllegalStateException("task failed")) : never(), max(3)));

    assertThat(callerDown.await().reason()).hasToString("java.lang.IllegalStateException: task failed");
    Eventually.until("no stream or task process left", 5000, () -> node.processCount() == before);
  }

  @Test
  void anEmptyInputGivesNoResults() {
    assertThat(Task.asyncStream(node, List.<Integer>of(), this::sleep).await()).isEmpty();
  }

  /** Work whose items finish when the test opens their gate, each on its own task's context. */
  private static final class Gates {
    private final Node node;
    private final Map<Integer, Runnable> opened = new ConcurrentHashMap<>();
    private final Map<Integer, Pid> tasks = new ConcurrentHashMap<>();

    Gates(Node node) {
      this.node = node;
    }

    Future<Integer> work(int item) {
      Context task = Vertx.currentContext();
      Promise<Integer> done = Promise.promise();
      tasks.put(item, node.self());
      opened.put(item, () -> task.runOnContext(ignored -> done.complete(item)));
      return done.future();
    }

    /** The task process working on item. */
    Pid task(int item) {
      return tasks.get(item);
    }

    int started() {
      return opened.size();
    }

    boolean isStarted(int item) {
      return opened.containsKey(item);
    }

    void open(int item) {
      opened.get(item).run();
    }
  }
}
