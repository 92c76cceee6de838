package dev.rumbl.bench;

import dev.rumbl.infosys.Backend;
import dev.rumbl.otp.From;
import dev.rumbl.otp.GenServer;
import dev.rumbl.otp.Init;
import dev.rumbl.otp.Outcome;

/**
 * A permanent process serving one backend, measured in scenario 4 as the proposed alternative to
 * InfoSys's worker per backend per compute: a call with a question is answered with the backend's
 * results once its Future completes; a failed backend crashes the server (its supervisor restarts
 * it), so the calls in flight fail with its exit reason.
 */
final class BackendServer extends GenServer<Backend> {

  private final Backend backend;
  private final int limit;

  BackendServer(Backend backend, int limit) {
    this.backend = backend;
    this.limit = limit;
  }

  @Override
  protected Init<Backend> init() {
    return Init.ok(backend);
  }

  @Override
  protected Outcome<Backend> handleCall(Object request, From from, Backend backend) {
    if (!(request instanceof String question)) {
      return super.handleCall(request, from, backend);
    }
    backend.query(question, limit).onComplete(answered -> {
      if (answered.failed()) {
        throw new IllegalStateException(backend.name() + " failed", answered.cause());
      }
      from.reply(answered.result());
    });
    return noreply(backend);
  }
}
