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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Sys}: Erlang's {@code sys:get_state/1,2}, {@code sys:replace_state/2,3} and
 * {@code sys:get_status/1,2} on a running GenServer, as system messages that never reach its
 * handlers. Cases ported from OTP's {@code gen_server_SUITE} ({@code get_state},
 * {@code replace_state}, {@code call_format_status}).
 */
@ExtendWith(VertxExtension.class)
class SysTest {

  private Node node;

  /** Holds a string; the cast "append:x" appends x; every request its handlers see is recorded. */
  private static final class Holder extends GenServer<String> {
    final List<Object> handled = new CopyOnWriteArrayList<>();
    private final Init<String> init;

    Holder(Init<String> init) {
      this.init = init;
    }

    Holder(String state) {
      this(Init.ok(state));
    }

    @Override
    protected Init<String> init() {
      return init;
    }

    @Override
    protected Outcome<String> handleCall(Object request, From from, String state) {
      handled.add(request);
      return reply(state, state);
    }

    @Override
    protected Outcome<String> handleCast(Object request, String state) {
      handled.add(request);
      return noreply(state + ((String) request).substring("append:".length()));
    }

    @Override
    protected Outcome<String> handleInfo(Object message, String state) {
      handled.add(message);
      return noreply(state);
    }
  }

  @BeforeEach
  void setUp(Vertx vertx) {
    node = Node.of(vertx);
  }

  /** gen_server_SUITE, get_state: by name and by pid, with and without a timeout. */
  @Test
  void getStateAnswersTheStateByNameAndByPid() {
    Pid named = node.spawn(new Holder("the state").named("get_state")).await();
    Pid anonymous = node.spawn(new Holder("another")).await();

    assertThat(Sys.<String>getState(node, Name.local("get_state")).await()).isEqualTo("the state");
    assertThat(Sys.<String>getState(node, Name.local("get_state"), 5000).await()).isEqualTo("the state");
    assertThat(Sys.<String>getState(node, named).await()).isEqualTo("the state");
    assertThat(Sys.<String>getState(node, anonymous, 5000).await()).isEqualTo("another");
  }

  /** gen_server_SUITE, replace_state: the new state is answered, and is the state from then on. */
  @Test
  void replaceStateReplacesTheStateAndAnswersTheNewOne() {
    Pid named = node.spawn(new Holder("initial").named("replace_state")).await();

    assertThat(Sys.<String>replaceState(node, Name.local("replace_state"), state -> "replaced").await()).isEqualTo("replaced");
    assertThat(Sys.<String>getState(node, named).await()).isEqualTo("replaced");

    assertThat(Sys.<String>replaceState(node, named, state -> state + " again", 5000).await()).isEqualTo("replaced again");
    assertThat(node.<String>call(named, "get").await()).as("the handlers see the new state").isEqualTo("replaced again");
  }

  /** gen_server_SUITE, replace_state: a replacing function that throws changes nothing; the caller gets the error. */
  @Test
  void aReplacingFunctionThatThrowsLeavesTheStateAndTheServerAsTheyWere() {
    Holder holder = new Holder("kept");
    Pid pid = node.spawn(holder).await();
    Future<Down> down = node.watch(pid);

    assertThatThrownBy(() -> Sys.<String>replaceState(node, pid, state -> {
      throw new IllegalStateException("fail");
    }).await())
      .isInstanceOfSatisfying(ExitException.class, e ->
        assertThat(e.reason()).isInstanceOf(ExitReason.Crash.class).hasToString("java.lang.IllegalStateException: fail"));

    assertThat(Sys.<String>getState(node, pid).await()).isEqualTo("kept");
    assertThat(node.isAlive(pid)).isTrue();
    assertThat(down.isComplete()).isFalse();
  }

  @Test
  void systemRequestsComeInMailboxOrderAndNeverReachTheHandlers() {
    Holder holder = new Holder("");
    Pid pid = node.spawn(holder).await();

    node.cast(pid, "append:a");
    Future<String> first = Sys.getState(node, pid);
    node.cast(pid, "append:b");
    Future<String> replaced = Sys.replaceState(node, pid, state -> state + "!");
    node.cast(pid, "append:c");
    Future<String> last = Sys.getState(node, pid);

    assertThat(first.await()).isEqualTo("a");
    assertThat(replaced.await()).isEqualTo("ab!");
    assertThat(last.await()).isEqualTo("ab!c");
    assertThat(Sys.getStatus(node, pid).await().state()).isEqualTo("ab!c");
    assertThat(holder.handled).containsExactly("append:a", "append:b", "append:c");
  }

  @Test
  void noprocForAnExitedServerAndForAFreeName() {
    Pid pid = node.spawn(new Holder("gone")).await();
    node.stop(pid, ExitReason.normal()).await();

    assertThatThrownBy(() -> Sys.getState(node, pid).await())
      .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason()).isInstanceOf(ExitReason.Noproc.class));
    assertThatThrownBy(() -> Sys.replaceState(node, Name.local("nobody"), state -> state).await())
      .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason()).isInstanceOf(ExitReason.Noproc.class));
    assertThatThrownBy(() -> Sys.getStatus(node, Name.local("nobody")).await())
      .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason()).isInstanceOf(ExitReason.Noproc.class));
  }

  /** A server still in its init handles no message yet: a request with a timeout gives up, as a call does. */
  @Test
  void timeoutWhenTheServerDoesNotAnswerInTime() {
    Promise<String> slowInit = Promise.promise();
    Future<Pid> started = node.spawn(new Holder(Init.async(slowInit.future())).named("starting"));
    Eventually.until("the name is taken", 5000, () -> node.whereis(Name.local("starting")).await() != null);

    assertThatThrownBy(() -> Sys.getState(node, Name.local("starting"), 50).await())
      .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason()).isInstanceOf(ExitReason.Timeout.class));

    slowInit.complete("ready");
    assertThat(Sys.<String>getState(node, started.await()).await()).isEqualTo("ready");
  }

  /** gen_server_SUITE, call_format_status: the status names the process and shows the state as formatStatus does. */
  @Test
  void getStatusAnswersPidNameStatusParentModuleAndTheFormattedState() {
    GenServer<String> secretive = new GenServer<>() {
      @Override
      protected Init<String> init() {
        return Init.ok("password=hunter2");
      }

      @Override
      protected String formatStatus(String state) {
        return "formatted";
      }
    };
    Pid pid = node.spawn(secretive.named("call_format_status")).await();

    Sys.Status status = Sys.getStatus(node, Name.local("call_format_status"), 5000).await();

    assertThat(status.pid()).isEqualTo(pid);
    assertThat(status.name()).isEqualTo(Name.local("call_format_status"));
    assertThat(status.status()).isEqualTo("running");
    assertThat(status.parent()).isNull();
    assertThat(status.module()).isEqualTo(secretive.getClass().getName());
    assertThat(status.state()).isEqualTo("formatted");
    assertThat(Sys.<String>getState(node, pid).await()).as("get_state is not formatted").isEqualTo("password=hunter2");
  }

  @Test
  void byDefaultTheStatusShowsTheStatesToStringBoundedInLength() {
    String large = "x".repeat(GenServer.STATE_TEXT_LIMIT * 3);
    Pid pid = node.spawn(new Holder(large)).await();

    String shown = Sys.getStatus(node, pid).await().state();

    assertThat(shown).startsWith("x".repeat(GenServer.STATE_TEXT_LIMIT))
      .endsWith("... (" + GenServer.STATE_TEXT_LIMIT * 2 + " more characters)")
      .hasSizeLessThan(GenServer.STATE_TEXT_LIMIT + 40);
  }

  @Test
  void aServerOfAnotherNodeIsRefused() {
    Pid elsewhere = new Pid("elsewhere", "rumbl.pid.elsewhere.1");

    assertThatThrownBy(() -> Sys.getState(node, elsewhere).await()).isInstanceOf(IllegalArgumentException.class);
  }

  /** A system request is no message for the server: a pending timeout still comes (see GenServer's doc). */
  @Test
  void aSystemRequestLeavesAPendingTimeoutRunning() throws InterruptedException {
    BlockingQueue<Object> infos = new LinkedBlockingQueue<>();
    GenServer<String> idle = new GenServer<>() {
      @Override
      protected Init<String> init() {
        return Init.ok("idle");
      }

      @Override
      protected Outcome<String> handleCast(Object request, String state) {
        return noreply(state, 200);
      }

      @Override
      protected Outcome<String> handleInfo(Object message, String state) {
        infos.add(message);
        return noreply(state);
      }
    };
    Pid pid = node.spawn(idle).await();

    node.cast(pid, "wait");
    assertThat(Sys.<String>getState(node, pid).await()).isEqualTo("idle");

    assertThat(infos.poll(5, TimeUnit.SECONDS)).isSameAs(GenServer.TIMEOUT);
  }

  @Test
  void aProcessThatIsNotAGenServerIsRefused() {
    Process plain = new Process() {
      @Override
      protected Future<?> onStart() {
        return Future.succeededFuture();
      }

      @Override
      protected void onMessage(Object body) {
      }

      @Override
      protected Future<?> onExit(ExitReason reason) {
        return Future.succeededFuture();
      }
    };
    Pid pid = node.spawn(plain).await();

    assertThatThrownBy(() -> Sys.getState(node, pid).await()).isInstanceOf(IllegalArgumentException.class);
    assertThat(node.isAlive(pid)).isTrue();
  }
}
