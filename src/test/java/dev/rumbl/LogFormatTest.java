package dev.rumbl;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LogFormatTest {

  @Test
  void withJsonACrashReportIsOneLineOfValidJsonWithItsTextInTheMessage() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    LoggingEvent event = new LoggingEvent(LogFormatTest.class.getName(), context.getLogger("dev.rumbl.otp.Process"), Level.ERROR,
      "Process {} terminating\n** (exit) {}\nLast message: {}", new IllegalStateException("boom"),
      new Object[] {"<0.1>", "crashed", "tick"});

    String written = new String(LogFormat.json(context).encode(event), StandardCharsets.UTF_8);

    assertThat(written).endsWith("\n");
    String line = written.substring(0, written.length() - 1);
    assertThat(line).doesNotContain("\n");
    JsonObject json = new JsonObject(line);
    assertThat(json.getString("level")).isEqualTo("ERROR");
    assertThat(json.getString("formattedMessage")).isEqualTo("Process <0.1> terminating\n** (exit) crashed\nLast message: tick");
    assertThat(json.getJsonObject("throwable").getString("message")).isEqualTo("boom");
  }
}
