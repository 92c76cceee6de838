package dev.rumbl.web;

import dev.rumbl.otp.Node;
import io.vertx.core.Future;
import io.vertx.ext.web.handler.HttpException;

import java.util.List;

/**
 * How the HTTP API asks the information system a question: {@code InfoSys.compute} adapted to the
 * web's types. {@code limit} and {@code timeoutMs} are null when the request did not give them, so
 * that InfoSys's own defaults apply. The answers may come in any order; the route sorts them.
 */
@FunctionalInterface
public interface Search {

  /** The Search of an application without InfoSys: every question is answered 503. */
  Search UNAVAILABLE = (node, query, limit, timeoutMs) -> Future.failedFuture(new HttpException(503, "infosys is not running"));

  Future<List<Answer>> compute(Node node, String query, Integer limit, Long timeoutMs);

  /** One backend's answer, as the API shows it. */
  record Answer(String backend, double score, String text, String url) {
  }
}
