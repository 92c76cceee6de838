package dev.rumbl.infosys.backend;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

/**
 * A response body for remote backends that holds at most {@value #MAX_BYTES} bytes: a larger body
 * fails the response as soon as it passes the cap, so that a misbehaving server (a body of 50 MB,
 * an endless stream) costs no more memory than the cap and no parsing on the event loop.
 */
final class CappedBody {

  static final int MAX_BYTES = 1 << 20;

  private CappedBody() {
  }

  static BodyCodec<Buffer> codec() {
    return CappedStream::new;
  }

  /** Thrown into the response when its body passes the cap. */
  static final class TooLarge extends RuntimeException {
    TooLarge() {
      super("response body larger than " + MAX_BYTES + " bytes", null, false, false);
    }
  }

  private static final class CappedStream implements BodyStream<Buffer> {

    private final Buffer body = Buffer.buffer();
    private final Promise<Buffer> result = Promise.promise();

    @Override
    public Future<Buffer> result() {
      return result.future();
    }

    @Override
    public void handle(Throwable cause) {
      result.tryFail(cause);
    }

    @Override
    public Future<Void> write(Buffer data) {
      if (body.length() + data.length() > MAX_BYTES) {
        TooLarge tooLarge = new TooLarge();
        result.tryFail(tooLarge);
        return Future.failedFuture(tooLarge);
      }
      body.appendBuffer(data);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
      result.tryComplete(body);
      return Future.succeededFuture();
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return false;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
      return this;
    }
  }
}
