package dev.rumbl.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The log events a logger (and every logger below it) writes while the capture is open, for tests
 * that check what reaches a log: a crash report, a {@code shutdown_error}, a secret that must not.
 * Events from any thread are kept, with their arguments and stack traces filled in; {@link #close}
 * detaches the capture and puts back the level it changed.
 */
public final class CapturedLog implements AutoCloseable {

  private final Logger logger;
  private final Level levelBefore;
  private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
  private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent event) {
      event.prepareForDeferredProcessing();
      events.add(event);
    }
  };

  private CapturedLog(Logger logger, Level level) {
    this.logger = logger;
    this.levelBefore = logger.getLevel();
    if (level != null) {
      logger.setLevel(level);
    }
    appender.start();
    logger.addAppender(appender);
  }

  /** What the logger of type writes, at its configured level. */
  public static CapturedLog of(Class<?> type) {
    return new CapturedLog((Logger) LoggerFactory.getLogger(type), null);
  }

  /** What every logger writes at level and above (the root logger's level, until closed). */
  public static CapturedLog everything(Level level) {
    return new CapturedLog((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME), level);
  }

  /** The events so far, in the order they were logged. */
  public List<ILoggingEvent> events() {
    return List.copyOf(events);
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(levelBefore);
  }
}
