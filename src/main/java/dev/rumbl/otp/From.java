package dev.rumbl.otp;

import io.vertx.core.Context;
import io.vertx.core.eventbus.Message;

/**
 * The caller of a {@link GenServer} call, for answering it later ({@code GenServer.reply}). A call
 * is answered at most once: later replies are ignored. If the server exits first, the caller's
 * Future fails with the server's exit reason.
 */
public final class From {

  private final GenServer<?> server;
  private final Message<Object> message;
  private final Context context;
  private boolean answered;

  From(GenServer<?> server, Message<Object> message, Context context) {
    this.server = server;
    this.message = message;
    this.context = context;
  }

  /** Answers the call; may be called from any thread. */
  public void reply(Object value) {
    if (Futures.isRunningOn(context)) {
      answer(value);
    } else {
      context.runOnContext(ignored -> answer(value));
    }
  }

  void fail(ExitReason reason) {
    if (!answered) {
      answered = true;
      message.fail(Node.EXIT_FAILURE_CODE, reason.toJson().encode());
    }
  }

  private void answer(Object value) {
    if (!answered) {
      answered = true;
      server.answered(this);
      message.reply(value);
    }
  }
}
