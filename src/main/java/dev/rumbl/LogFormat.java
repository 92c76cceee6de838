package dev.rumbl;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

/**
 * The format of the console log (Logback), from the configuration's {@code log.format}:
 * {@value #TEXT}, the pattern of {@code logback.xml}, or {@value #JSON}, Logback's
 * {@link JsonEncoder}: one JSON object per event, on one line, for a collector. Either way an event
 * stays one event: a crash report's several lines are its formatted message (the JSON field
 * {@code formattedMessage}), and an exception logged with it is in the same object.
 */
final class LogFormat {

  static final String TEXT = "text";
  static final String JSON = "json";
  /** The console appender of {@code logback.xml}. */
  static final String APPENDER = "CONSOLE";

  private LogFormat() {
  }

  /** Makes the console appender write format; text leaves {@code logback.xml}'s pattern as it is. */
  static void apply(String format) {
    if (!JSON.equals(format) || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (root.getAppender(APPENDER) instanceof ConsoleAppender<ILoggingEvent> console) {
      console.stop();
      console.setEncoder(json(context));
      console.start();
    }
  }

  /** The JSON encoder: each event with its formatted message, neither the pattern nor its arguments apart. */
  static JsonEncoder json(LoggerContext context) {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.setWithFormattedMessage(true);
    encoder.setWithMessage(false);
    encoder.setWithArguments(false);
    encoder.start();
    return encoder;
  }
}
