package dev.rumbl.otp;

import dev.rumbl.testing.CapturedLog;
import dev.rumbl.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class GenServerTest {

  private Node node;

  /** A server whose behaviour each test picks through its requests. */
  static final class Server extends GenServer<Integer> {
    final List<ExitReason> terminated = new CopyOnWriteArrayList<>();
    private final Init<Integer> init;
    private From waiting;

    Server(Init<Integer> init) {
      this.init = init;
    }

    Server() {
      this(Init.ok(0));
    }

    @Override
    protected Init<Integer> init() {
      return init;
    }

    @Override
    protected Outcome<Integer> handleCall(Object request, From from, Integer state) {
      switch ((String) request) {
        case "get":
          return reply(state, state);
        case "later":
          waiting = from;
          return noreply(state);
        case "answer-later":
          waiting.reply("late answer");
          return reply("done", state);
        case "reply-after-100ms":
          vertx.setTimer(100, t -> from.reply("slow answer"));
          return noreply(state);
        case "stop":
          return stop(ExitReason.normal(), "bye", state);
        case "boom":
          throw new IllegalStateException("boom");
        case "crash-in-timer":
          vertx.setTimer(1, t -> {
            throw new IllegalStateException("timer boom");
          });
          return reply("ok", state);
        default:
          return super.handleCall(request, from, state);
      }
    }

    @Override
    protected Outcome<Integer> handleCast(Object request, Integer state) {
      if ("add".equals(request)) {
        return noreply(state + 1);
      }
      return super.handleCast(request, state);
    }

    @Override
    protected Outcome<Integer> handleInfo(Object message, Integer state) {
      if ("stop-bad".equals(message)) {
        return stop(ExitReason.crash("bad"), state);
      }
      return noreply(state + 100);
    }

    @Override
    protected Future<?> terminate(ExitReason reason, Integer state) {
      terminated.add(reason);
      return Future.succeededFuture();
    }
  }

  @BeforeEach
  void setUp(Vertx vertx) {
    node = Node.of(vertx);
  }

  @Test
  void callsAnswerWithTheStateCastsAndInfosChangeIt() {
    Pid pid = node.spawn(new Server()).await();
    node.cast(pid, "add");
    node.cast(pid, "add");
    node.send(pid, "anything").await();

    assertThat(node.<Integer>call(pid, "get").await()).isEqualTo(102);
  }

  @Test
  void aCallThatTimesOutFailsWithTimeoutAndItsLateReplyIsDropped() {
    Pid pid = node.spawn(new Server()).await();

    assertThatThrownBy(() -> node.call(pid, "reply-after-100ms", 20).await())
      .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason()).isEqualTo(ExitReason.timeout()));
    assertThat(node.<Integer>call(pid, "get").await()).isZero();
    assertThat(node.<String>call(pid, "reply-after-100ms").await()).isEqualTo("slow answer");
  }

  /**
   * OTP's {@code gen_server:call(Server, Request, infinity)}: no timer is set for the call, yet it is
   * answered however late, and failed with the server's exit reason when the server exits first.
   */
  @Test
  void aCallWithAnInfiniteTimeoutIsAnsweredLateOrFailedByTheServersExit() {
    Pid pid = node.spawn(new Server()).await();

    assertThat(node.<String>call(pid, "reply-after-100ms", Node.INFINITE_TIMEOUT_MS).await()).isEqualTo("slow answer");
    Future<String> waiting = node.call(pid, "later", Node.INFINITE_TIMEOUT_MS);
    node.stop(pid, ExitReason.shutdown()).await();
    assertThatThrownBy(waiting::await)
      .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason()).isEqualTo(ExitReason.shutdown()));
  }

  @Test
  void aCallCanBeAnsweredLaterThroughFrom() {
    Pid pid = node.spawn(new Server()).await();
    Future<String> later = node.call(pid, "later");

    assertThat(later.isComplete()).isFalse();
    assertThat(node.<String>call(pid, "answer-later").await()).isEqualTo("done");
    assertThat(later.await()).isEqualTo("late answer");
  }

  @Test
  void callingADeadPidOrAnUnknownNameFailsWithNoproc() {
    Pid pid = node.spawn(new Server()).await();
    node.stop(pid, ExitReason.normal()).await();

    assertThatThrownBy(() -> node.call(pid, "get").await())
      .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason()).isEqualTo(ExitReason.noproc()));
    assertThatThrownBy(() -> node.call(Name.local("nobody"), "get").await())
      .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason()).isEqualTo(ExitReason.noproc()));
  }

  @Test
  void castNeverFailsTheCaller() {
    Pid pid = node.spawn(new Server()).await();
    node.stop(pid, ExitReason.normal()).await();

    node.cast(pid, "add");
    node.cast(Name.local("nobody"), "add");
  }

  @Test
  void anExceptionInHandleCallCrashesTheServerAndFailsTheCallWithTheCrash() {
    Server server = new Server();
    Pid pid = node.spawn(server).await();
    Future<Down> down = node.watch(pid);

    assertThatThrownBy(() -> node.call(pid, "boom").await())
      .isInstanceOfSatisfying(ExitException.class, e ->
        assertThat(e.reason()).isInstanceOf(ExitReason.Crash.class).hasToString("java.lang.IllegalStateException: boom"));
    assertThat(down.await().reason()).isInstanceOf(ExitReason.Crash.class);
    assertThat(server.terminated).hasSize(1).first().isInstanceOf(ExitReason.Crash.class);
    assertThat(node.isAlive(pid)).isFalse();
  }

  @Test
  void aCrashWritesOneReportNamingTheProcessTheReasonAndTheLastMessage() {
    try (CapturedLog reports = CapturedLog.of(Process.class)) {
      Pid pid = node.spawn(new Server().named("reporter")).await();
      node.cast(pid, "add");
      Future<Down> down = node.watch(pid);
      node.call(pid, "boom").otherwiseEmpty();
      down.await();

      assertThat(reports.events()).filteredOn(event -> event.getFormattedMessage().contains("reporter")).singleElement().satisfies(report -> {
        assertThat(report.getLevel()).isEqualTo(ch.qos.logback.classic.Level.ERROR);
        assertThat(report.getFormattedMessage())
          .contains("Process reporter " + pid + " terminating")
          .contains("** (exit) java.lang.IllegalStateException: boom")
          .contains("Last message: {call, boom}")
          .contains("State: 1");
        assertThat(report.getThrowableProxy().getMessage()).isEqualTo("boom");
      });
    }
  }

  @Test
  void anExceptionInAnyHandlerOnTheProcessContextIsACrash() {
    Pid pid = node.spawn(new Server()).await();
    Future<Down> down = node.watch(pid);

    node.call(pid, "crash-in-timer").await();

    assertThat(down.await().reason()).hasToString("java.lang.IllegalStateException: timer boom");
  }

  @Test
  void anUnknownCallIsACrashLikeAMissingClause() {
    Pid pid = node.spawn(new Server()).await();

    assertThatThrownBy(() -> node.call(pid, "what?").await())
      .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason().toString()).contains("no handleCall for what?"));
  }

  @Test
  void stopWithAReplyAnswersThenTerminatesWithTheReason() {
    Server server = new Server();
    Pid pid = node.spawn(server).await();
    Future<Down> down = node.watch(pid);

    assertThat(node.<String>call(pid, "stop").await()).isEqualTo("bye");
    assertThat(down.await().reason()).isEqualTo(ExitReason.normal());
    assertThat(server.terminated).containsExactly(ExitReason.normal());
  }

  @Test
  void stopFromHandleInfoExitsWithTheGivenReason() {
    Pid pid = node.spawn(new Server()).await();
    Future<Down> down = node.watch(pid);

    node.send(pid, "stop-bad");

    assertThat(down.await().reason()).isEqualTo(ExitReason.crash("bad"));
  }

  @Test
  void callsStillUnansweredWhenTheServerExitsFailWithItsReason() {
    Pid pid = node.spawn(new Server()).await();
    Future<String> waiting = node.call(pid, "later");

    node.send(pid, "stop-bad");

    assertThatThrownBy(waiting::await)
      .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason()).isEqualTo(ExitReason.crash("bad")));
  }

  @Test
  void callsOnTheirWayWhenTheServerIsKilledFailWithKilledOrNoprocNeverWithATimeout() {
    Pid pid = node.spawn(new Server()).await();
    List<Future<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      calls.add(node.call(pid, "get", 30_000));
    }
    node.exit(pid, ExitReason.kill());
    for (int i = 0; i < 500; i++) {
      calls.add(node.call(pid, "get", 30_000));
    }

    Future.join(calls).otherwiseEmpty().await();
    assertThat(calls).allSatisfy(call -> {
      if (call.succeeded()) {
        assertThat(call.result()).isZero();
      } else {
        assertThat(((ExitException) call.cause()).reason()).isIn(ExitReason.killed(), ExitReason.noproc());
      }
    });
  }

  @Test
  void initStoppingFailsTheStartWithItsReasonAndLeavesNothingBehind() {
    int before = node.processCount();

    assertThatThrownBy(() -> node.spawn(new Server(Init.stop(ExitReason.crash("no config"))).named("config")).await())
      .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason()).isEqualTo(ExitReason.crash("no config")));
    assertThat(node.processCount()).isEqualTo(before);
    assertThat(node.whereis(Name.local("config")).await()).isNull();
  }

  /** Sends itself a message in init and asks to continue: the journal shows which came first. */
  static final class Continuing extends GenServer<List<String>> {
    private final Object continuation;

    Continuing(Object continuation) {
      this.continuation = continuation;
    }

    @Override
    protected Init<List<String>> init() {
      node().send(self(), "sent in init");
      return Init.<List<String>>ok(new ArrayList<>()).thenContinue(continuation);
    }

    @Override
    protected Outcome<List<String>> handleContinue(Object argument, List<String> journal) {
      if ("stop".equals(argument)) {
        return stop(ExitReason.shutdown(), journal);
      }
      if ("boom".equals(argument)) {
        throw new IllegalStateException("boom in continue");
      }
      journal.add("continued with " + argument);
      return noreply(journal);
    }

    @Override
    protected Outcome<List<String>> handleInfo(Object message, List<String> journal) {
      journal.add("info " + message);
      return noreply(journal);
    }

    @Override
    protected Outcome<List<String>> handleCall(Object request, From from, List<String> journal) {
      return reply(List.copyOf(journal), journal);
    }
  }

  @Test
  void handleContinueRunsRightAfterTheStartBeforeAnyMessage() {
    Pid pid = node.spawn(new Continuing("setup")).await();

    assertThat(node.<List<String>>call(pid, "journal").await()).containsExactly("continued with setup", "info sent in init");
  }

  @Test
  void handleContinueMayStopTheServerOrCrashIt() {
    Pid parent = node.spawn(new Recorder()).await();
    node.call(parent, new Continuing("stop")).await();
    Eventually.until("the first child exited", 5_000, () -> node.<List<Object>>call(parent, null).await().size() == 1);
    node.call(parent, new Continuing("boom")).await();

    Eventually.until("both children exited", 5_000, () -> node.<List<Object>>call(parent, null).await().size() == 2);
    assertThat(node.<List<Object>>call(parent, null).await()).extracting(Object::toString)
      .containsExactly("shutdown", "java.lang.IllegalStateException: boom in continue");
  }

  /** Sends its parent numbered messages as soon as it has started, then stops with a reason. */
  static final class Chatty extends GenServer<Void> {
    @Override
    protected Init<Void> init() {
      return Init.<Void>ok(null).thenContinue("chat");
    }

    @Override
    protected Outcome<Void> handleContinue(Object argument, Void state) {
      for (int i = 0; i < 100; i++) {
        node().send(parent(), i);
      }
      return stop(ExitReason.crash("said all"), state);
    }
  }

  /** Traps exits, starts a linked child on request and keeps every message it gets, in order. */
  static final class Recorder extends GenServer<List<Object>> {
    @Override
    protected Init<List<Object>> init() {
      trapExits();
      return Init.ok(new ArrayList<>());
    }

    @Override
    protected Outcome<List<Object>> handleCall(Object request, From from, List<Object> received) {
      if (request instanceof Process child) {
        node().spawnLink(child);
        return reply("started", received);
      }
      return reply(List.copyOf(received), received);
    }

    @Override
    protected Outcome<List<Object>> handleInfo(Object message, List<Object> received) {
      received.add(message instanceof Exit exit ? exit.reason() : message);
      return noreply(received);
    }
  }

  @Test
  void anExitSignalComesAfterEveryMessageItsSenderSentBeforeIt() {
    Pid parent = node.spawn(new Recorder()).await();
    List<Object> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      expected.add(i);
    }
    expected.add(ExitReason.crash("said all"));

    node.call(parent, new Chatty()).await();

    Eventually.until("the exit reached the parent", 5_000, () -> node.<List<Object>>call(parent, null).await().size() == 101);
    assertThat(node.<List<Object>>call(parent, null).await()).containsExactlyElementsOf(expected);
  }

  @Test
  void anAsyncInitStartsTheServerWhenItsFutureCompletes(Vertx vertx) {
    Promise<Integer> ready = Promise.promise();
    vertx.setTimer(50, t -> ready.complete(42));

    Pid pid = node.spawn(new Server(Init.async(ready.future()))).await();

    assertThat(node.<Integer>call(pid, "get").await()).isEqualTo(42);
  }

  @Test
  void aServerThatCrashesWhileVertxIsStillDeployingItExitsCleanly() {
    GenServer<Void> early = new GenServer<>() {
      @Override
      protected Init<Void> init() {
        context.runOnContext(v -> {
          throw new IllegalStateException("early crash");
        });
        return Init.ok(null);
      }
    };
    node.spawn(early.named("early")).await();

    Eventually.until("the crashed server is gone", 5000, () -> node.processCount() == 0);
    assertThat(node.whereis(Name.local("early")).await()).isNull();
  }

  @Test
  void terminateDoesNotRunOnKill() {
    Server server = new Server();
    Pid pid = node.spawn(server).await();
    Future<Down> down = node.watch(pid);

    node.exit(pid, ExitReason.kill());

    assertThat(down.await().reason()).isEqualTo(ExitReason.killed());
    assertThat(server.terminated).isEmpty();
  }

  @Test
  void aNamedServerIsReachedByItsName() {
    Pid pid = node.spawn(new Server().named("numbers")).await();
    node.cast(Name.local("numbers"), "add");

    assertThat(node.<Integer>call(Name.local("numbers"), "get").await()).isEqualTo(1);
    assertThat(node.whereis(Name.local("numbers")).await()).isEqualTo(pid);
  }

  /** Answers every call with a new object of its own. */
  private static final class Fresh extends GenServer<Void> {

    @Override
    protected Init<Void> init() {
      return Init.ok(null);
    }

    @Override
    protected Outcome<Void> handleCall(Object request, From from, Void state) {
      return reply(new StringBuilder("answer to " + request), state);
    }
  }

  @Test
  void anIdleServerKeepsNeitherItsLastCallerNorTheAnswerItGave() throws InterruptedException {
    Pid pid = node.spawn(new Fresh()).await();
    WeakReference<Object> answer = new WeakReference<>(node.call(pid, "first").await());

    for (int attempt = 0; attempt < 50 && answer.get() != null; attempt++) {
      System.gc();
      Thread.sleep(20);
    }

    assertThat(answer.get()).isNull();
    assertThat(node.isAlive(pid)).isTrue();
  }
}
