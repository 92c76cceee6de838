package dev.rumbl.infosys.backend;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A local HTTP server that plays a remote API in tests: it answers each request with the recorded
 * response chosen by a key taken from the request (a query parameter, the last path segment),
 * after an optional delay, and keeps every request it received.
 */
final class RecordedServer {

  record Reply(int status, String contentType, Buffer body, long delayMs) {
  }

  private final Map<String, Reply> replies = new ConcurrentHashMap<>();
  final List<HttpServerRequest> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  private RecordedServer(Vertx vertx, Function<HttpServerRequest, String> key) {
    server = vertx.createHttpServer().requestHandler(request -> {
      requests.add(request);
      Reply reply = replies.getOrDefault(key.apply(request), new Reply(404, "text/plain", Buffer.buffer("no recording"), 0));
      Runnable answer = () -> request.response().setStatusCode(reply.status())
        .putHeader("content-type", reply.contentType()).end(reply.body());
      if (reply.delayMs() > 0) {
        vertx.setTimer(reply.delayMs(), fired -> answer.run());
      } else {
        answer.run();
      }
    });
  }

  static RecordedServer start(Vertx vertx, Function<HttpServerRequest, String> key) {
    RecordedServer recorded = new RecordedServer(vertx, key);
    recorded.server.listen(0, "localhost").await();
    return recorded;
  }

  RecordedServer on(String key, int status, String contentType, String resource, long delayMs) {
    replies.put(key, new Reply(status, contentType, load(resource), delayMs));
    return this;
  }

  /** Answers key with a body of the given size, such as one far too large for any backend. */
  RecordedServer onHuge(String key, String contentType, int bytes) {
    replies.put(key, new Reply(200, contentType, Buffer.buffer(new byte[bytes]), 0));
    return this;
  }

  String url(String path) {
    return "http://localhost:" + server.actualPort() + path;
  }

  private static Buffer load(String resource) {
    if (resource == null) {
      return Buffer.buffer();
    }
    try (InputStream in = RecordedServer.class.getResourceAsStream("/infosys/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource infosys/" + resource);
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
