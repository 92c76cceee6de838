package dev.rumbl.web;

import dev.rumbl.account.InvalidCredentials;
import dev.rumbl.account.Unauthenticated;
import dev.rumbl.account.UsernameTaken;
import dev.rumbl.infosys.InvalidQuery;
import dev.rumbl.infosys.Overloaded;
import dev.rumbl.otp.AlreadyStarted;
import dev.rumbl.otp.ExitException;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.SupervisorError;
import dev.rumbl.video.ForeignUser;
import dev.rumbl.video.InvalidInput;
import dev.rumbl.video.StorageUnavailable;
import dev.rumbl.video.UnknownVideo;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Turns every failure of a request into a JSON body {@code {"error": "..."}} with its status:
 * an {@link HttpException}'s own status and message, {@code noproc} as 404, {@code timeout} as 504,
 * {@link AlreadyStarted} as 409 with the holder's pid (null while the holder of a reserved name restarts),
 * a supervisor's {@code max_children} as 429, an {@link InvalidQuery} or {@link InvalidInput} as 400, an
 * {@link UnknownVideo} as 404, {@link StorageUnavailable} and {@link Overloaded} as 503, {@link Unauthenticated} and
 * {@link InvalidCredentials} as 401, {@link ForeignUser} as 403, {@link UsernameTaken} as 409,
 * {@link RateLimited} as 429 with {@code Retry-After}, unknown routes 404, wrong methods 405,
 * oversized bodies 413. Anything else is a 500, logged with its stack trace: a bug, never bad input.
 */
final class Errors {

  private static final Logger log = LoggerFactory.getLogger(Errors.class);

  private static final Map<Integer, String> DEFAULT_MESSAGES = Map.ofEntries(
    Map.entry(400, "bad_request"),
    Map.entry(401, "unauthorized"),
    Map.entry(403, "forbidden"),
    Map.entry(404, "not_found"),
    Map.entry(405, "method_not_allowed"),
    Map.entry(409, "conflict"),
    Map.entry(413, "payload_too_large"),
    Map.entry(415, "unsupported_media_type"),
    Map.entry(429, RateLimited.ERROR),
    Map.entry(500, "internal_error"),
    Map.entry(503, "unavailable"),
    Map.entry(504, "timeout"));

  private Errors() {
  }

  static void install(Router router) {
    for (int status = 400; status < 600; status++) {
      router.errorHandler(status, Errors::respond);
    }
  }

  private static void respond(RoutingContext ctx) {
    if (ctx.response().ended()) {
      return;
    }
    Throwable failure = ctx.failure();
    if (failure instanceof InvalidQuery || failure instanceof InvalidInput) {
      error(ctx, 400, failure.getMessage());
    } else if (failure instanceof UnknownVideo unknown) {
      error(ctx, 404, unknown.getMessage());
    } else if (failure instanceof Overloaded overloaded) {
      error(ctx, 503, overloaded.getMessage());
    } else if (failure instanceof StorageUnavailable unavailable) {
      error(ctx, 503, unavailable.getMessage());
    } else if (failure instanceof Unauthenticated || failure instanceof InvalidCredentials) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      error(ctx, 401, failure.getMessage());
    } else if (failure instanceof ForeignUser foreign) {
      error(ctx, 403, foreign.getMessage());
    } else if (failure instanceof UsernameTaken taken) {
      error(ctx, 409, taken.getMessage());
    } else if (failure instanceof RateLimited limited) {
      ctx.response().putHeader("Retry-After", Long.toString(limited.retryAfterSeconds()));
      error(ctx, 429, RateLimited.ERROR);
    } else if (failure instanceof AlreadyStarted taken) {
      Replies.json(ctx, 409, new JsonObject().put("error", "already_started").put("pid", taken.holder() == null ? null : taken.holder().toString()));
    } else if (failure instanceof SupervisorError full && full.kind() == SupervisorError.Kind.MAX_CHILDREN) {
      error(ctx, 429, "max_children");
    } else if (failure instanceof ExitException exit) {
      respondToExit(ctx, exit);
    } else if (failure instanceof HttpException http) {
      error(ctx, http.getStatusCode(), http.getPayload());
    } else {
      int status = ctx.statusCode() == -1 ? 500 : ctx.statusCode();
      if (status >= 500) {
        log.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
      }
      error(ctx, status, null);
    }
  }

  private static void respondToExit(RoutingContext ctx, ExitException exit) {
    ExitReason reason = exit.reason();
    if (reason instanceof ExitReason.Noproc) {
      error(ctx, 404, "noproc");
    } else if (reason instanceof ExitReason.Timeout) {
      error(ctx, 504, "timeout");
    } else {
      error(ctx, 503, "exited: " + reason);
    }
  }

  private static void error(RoutingContext ctx, int status, String message) {
    String text = message != null ? message : DEFAULT_MESSAGES.getOrDefault(status, "error");
    Replies.json(ctx, status, new JsonObject().put("error", text));
  }
}
