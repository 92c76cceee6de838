package dev.rumbl.otp;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A reply or noreply with a timeout, as OTP's {@code {reply, Reply, State, Timeout}} and
 * {@code {noreply, State, Timeout}}: {@code timeout} reaches handleInfo when no message came in
 * within that time, and any message that comes in first cancels it.
 */
@ExtendWith(VertxExtension.class)
class GenServerTimeoutTest {

  private Node node;
  private final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

  @BeforeEach
  void setUp(Vertx vertx) {
    node = Node.of(vertx);
  }

  /** Calls {@code "reply-within"} and casts {@code "noreply-within"} carry a timeout of the state's milliseconds; every info is reported. */
  private final class Idle extends GenServer<Long> {
    private final long timeoutMs;

    Idle(long timeoutMs) {
      this.timeoutMs = timeoutMs;
    }

    @Override
    protected Init<Long> init() {
      return Init.ok(timeoutMs);
    }

    @Override
    protected Outcome<Long> handleCall(Object request, From from, Long timeout) {
      return "reply-within".equals(request) ? reply("ok", timeout, timeout) : reply("plain", timeout);
    }

    @Override
    protected Outcome<Long> handleCast(Object request, Long timeout) {
      return "noreply-within".equals(request) ? noreply(timeout, timeout) : noreply(timeout);
    }

    @Override
    protected Outcome<Long> handleInfo(Object message, Long timeout) {
      seen.add(String.valueOf(message));
      return noreply(timeout);
    }
  }

  @Test
  void aReplyWithATimeoutGetsTimeoutWhenNothingComesIn() throws InterruptedException {
    Pid server = node.spawn(new Idle(30)).await();

    assertThat(node.<String>call(server, "reply-within").await()).isEqualTo("ok");

    assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("timeout");
    assertThat(seen.poll(200, TimeUnit.MILLISECONDS)).as("one timeout only").isNull();
  }

  @Test
  void aNoreplyWithATimeoutGetsTimeoutEvenAtZero() throws InterruptedException {
    Pid server = node.spawn(new Idle(0)).await();

    node.cast(server, "noreply-within");

    assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("timeout");
  }

  @Test
  void aMessageThatComesInFirstCancelsTheTimeout() throws InterruptedException {
    Pid server = node.spawn(new Idle(300)).await();

    node.cast(server, "noreply-within");
    node.send(server, "early").await();

    assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("early");
    assertThat(seen.poll(600, TimeUnit.MILLISECONDS)).as("the message cancelled the timeout").isNull();
    assertThat(node.<String>call(server, "other").await()).isEqualTo("plain");
  }

  @Test
  void aNegativeTimeoutIsRefusedAndCrashesTheHandler() {
    GenServer<Void> negative = new GenServer<>() {
      @Override
      protected Init<Void> init() {
        return Init.ok(null);
      }

      @Override
      protected Outcome<Void> handleCall(Object request, From from, Void state) {
        return reply("never", state, -5);
      }
    };
    Pid server = node.spawn(negative).await();
    io.vertx.core.Future<Down> down = node.watch(server);

    assertThatThrownBy(() -> node.call(server, "go").await()).isInstanceOf(ExitException.class);
    assertThat(down.await().reason()).isInstanceOf(ExitReason.Crash.class);
  }
}
