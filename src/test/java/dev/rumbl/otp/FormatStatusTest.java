package dev.rumbl.otp;

import dev.rumbl.testing.CapturedLog;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link GenServer#formatStatus}, OTP's {@code format_status/1}: what a crash report shows of the
 * state. Ported from OTP's {@code gen_server_SUITE}, {@code error_format_status} (the crash report
 * carries the formatted state).
 */
@ExtendWith(VertxExtension.class)
class FormatStatusTest {

  private static final String SECRET = "hunter2";

  private Node node;
  private CapturedLog reports;

  /** A state with a secret that must never be logged; its toString would show it. */
  private record Account(String user, String password) {
  }

  /** Crashes on the call "crash"; shows its state through the formatter it is given. */
  private static final class Keeper extends GenServer<Account> {
    private final Function<Account, String> formatter;

    Keeper(Function<Account, String> formatter) {
      this.formatter = formatter;
    }

    @Override
    protected Init<Account> init() {
      return Init.ok(new Account("ada", SECRET));
    }

    @Override
    protected Outcome<Account> handleCall(Object request, From from, Account state) {
      throw new IllegalStateException("crashed");
    }

    @Override
    protected String formatStatus(Account state) {
      return formatter.apply(state);
    }
  }

  @BeforeEach
  void setUp(Vertx vertx) {
    node = Node.of(vertx);
    reports = CapturedLog.of(Process.class);
  }

  @AfterEach
  void tearDown() {
    reports.close();
  }

  private List<String> crashReportsOf(Pid pid) {
    return reports.events().stream().map(ILoggingEvent::getFormattedMessage).filter(text -> text.contains(pid.toString())).toList();
  }

  private void crash(Pid pid) {
    Future<Down> down = node.watch(pid);
    node.call(pid, "crash").otherwiseEmpty();
    down.await();
  }

  @Test
  void aCrashReportShowsTheFormattedStateAndNeverTheSecret() {
    Pid pid = node.spawn(new Keeper(account -> "Account of " + account.user() + ", password hidden")).await();

    crash(pid);

    assertThat(crashReportsOf(pid)).singleElement().satisfies(report -> assertThat(report)
      .contains("** (exit) java.lang.IllegalStateException: crashed")
      .contains("State: Account of ada, password hidden")
      .doesNotContain(SECRET));
  }

  @Test
  void aFormatStatusThatThrowsShowsNoState() {
    Pid pid = node.spawn(new Keeper(account -> {
      throw new IllegalArgumentException("cannot format " + account);
    })).await();

    crash(pid);

    assertThat(crashReportsOf(pid)).singleElement().satisfies(report -> assertThat(report)
      .contains("State: (formatStatus failed: java.lang.IllegalArgumentException)")
      .doesNotContain(SECRET));
  }

  @Test
  void theStatusShowsWhatTheCrashReportWould() {
    Pid pid = node.spawn(new Keeper(account -> "user " + account.user())).await();

    assertThat(Sys.getStatus(node, pid).await().state()).isEqualTo("user ada");
  }
}
