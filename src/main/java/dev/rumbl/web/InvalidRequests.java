package dev.rumbl.web;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * Answers a request the HTTP server could not decode, which no route ever sees, the way the routes
 * answer errors: a request line over {@link HttpEndpoint#MAX_REQUEST_LINE} bytes with 414
 * {@code {"error": "uri_too_long"}}, headers over the server's limit with 431
 * {@code {"error": "header_fields_too_large"}}, anything else malformed with 400
 * {@code {"error": "bad_request"}}. The connection is closed once the answer is written, since the
 * rest of what it sent cannot be read as requests.
 */
final class InvalidRequests {

  private InvalidRequests() {
  }

  static void respond(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status = 400;
    String error = "bad_request";
    if (cause instanceof TooLongHttpLineException) {
      status = 414;
      error = "uri_too_long";
    } else if (cause instanceof TooLongHttpHeaderException) {
      status = 431;
      error = "header_fields_too_large";
    }
    request.response()
      .setStatusCode(status)
      .putHeader(HttpHeaders.CONTENT_TYPE, Replies.JSON)
      .end(new JsonObject().put("error", error).encode())
      .onComplete(written -> request.connection().close());
  }
}
