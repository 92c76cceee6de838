package dev.rumbl.bench;

import dev.rumbl.infosys.Backend;
import dev.rumbl.infosys.Result;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageCodec;

import java.util.List;

/**
 * The raw Vert.x baseline of an InfoSys worker: a verticle with one local consumer that asks its
 * backend the question it is sent and replies with the backend's {@link Answer}, carried by
 * reference (a local codec, as Rumbl's own messages are), or fails the request when the backend fails.
 */
final class RawBackend extends VerticleBase {

  /** One backend's results. */
  record Answer(List<Result> results) {
  }

  private final String address;
  private final Backend backend;
  private final int limit;

  RawBackend(String address, Backend backend, int limit) {
    this.address = address;
    this.backend = backend;
    this.limit = limit;
  }

  /** Lets {@link Answer}s travel by reference on this Vert.x instance's event bus; call once per instance. */
  static void registerCodec(Vertx vertx) {
    vertx.eventBus().registerDefaultCodec(Answer.class, new ByReference());
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<String>localConsumer(address, this::ask).completion();
  }

  private void ask(Message<String> question) {
    backend.query(question.body(), limit).onComplete(answered -> {
      if (answered.succeeded()) {
        question.reply(new Answer(answered.result()));
      } else {
        question.fail(500, String.valueOf(answered.cause()));
      }
    });
  }

  private static final class ByReference implements MessageCodec<Answer, Answer> {

    @Override
    public void encodeToWire(Buffer buffer, Answer answer) {
      throw new UnsupportedOperationException("benchmark answers stay on one node");
    }

    @Override
    public Answer decodeFromWire(int pos, Buffer buffer) {
      throw new UnsupportedOperationException("benchmark answers stay on one node");
    }

    @Override
    public Answer transform(Answer answer) {
      return answer;
    }

    @Override
    public String name() {
      return "bench.raw.answer";
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
