package dev.rumbl.infosys;

import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.GenServer;
import dev.rumbl.otp.Init;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Serves {@link InfoSys#ADDRESS} on the event bus while it lives: a request
 * {@code {"query", "limit"?, "timeoutMs"?, "backends"?}} is answered with
 * {@code {"query", "results": [...]}}, an invalid one with a failure of code
 * {@link InfoSys#FAILURE_INVALID} whose message names the problem, one refused because the node
 * runs its maximum of computes with {@link InfoSys#FAILURE_OVERLOADED} ({@value Overloaded#MESSAGE}),
 * and a compute that could not run with {@link InfoSys#FAILURE_INTERNAL}.
 */
final class ComputeEndpoint extends GenServer<MessageConsumer<Object>> {

  static final String NAME = "infosys.endpoint";
  static final String RESULTS = "results";

  @Override
  protected Init<MessageConsumer<Object>> init() {
    MessageConsumer<Object> consumer = vertx.eventBus().consumer(InfoSys.ADDRESS, this::serve);
    return Init.async(consumer.completion().map(registered -> consumer));
  }

  @Override
  protected Future<?> terminate(ExitReason reason, MessageConsumer<Object> consumer) {
    return consumer.unregister();
  }

  private void serve(Message<Object> message) {
    ComputeRequest request;
    try {
      if (!(message.body() instanceof JsonObject json)) {
        throw new InvalidQuery("the request must be a JSON object with a query");
      }
      request = ComputeRequest.fromJson(json);
    } catch (InvalidQuery invalid) {
      message.fail(InfoSys.FAILURE_INVALID, invalid.getMessage());
      return;
    }
    InfoSys.compute(node(), request).onComplete(computed -> {
      if (computed.succeeded()) {
        message.reply(reply(request, computed.result()));
      } else if (computed.cause() instanceof InvalidQuery invalid) {
        message.fail(InfoSys.FAILURE_INVALID, invalid.getMessage());
      } else if (computed.cause() instanceof Overloaded overloaded) {
        message.fail(InfoSys.FAILURE_OVERLOADED, overloaded.getMessage());
      } else {
        message.fail(InfoSys.FAILURE_INTERNAL, "compute failed: " + computed.cause().getMessage());
      }
    });
  }

  private static JsonObject reply(ComputeRequest request, List<Result> results) {
    JsonArray json = new JsonArray();
    results.forEach(result -> json.add(result.toJson()));
    return new JsonObject().put(ComputeRequest.QUERY, request.query()).put(RESULTS, json);
  }
}
