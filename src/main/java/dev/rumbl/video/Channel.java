package dev.rumbl.video;

import dev.rumbl.infosys.ComputeOptions;
import dev.rumbl.infosys.InfoSys;
import dev.rumbl.infosys.Result;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.From;
import dev.rumbl.otp.GenServer;
import dev.rumbl.otp.Init;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Outcome;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The channel of one video, as a Phoenix channel is a process: registered as
 * {@code videos.<id>.channel}, it consumes {@code videos.<id>.annotate} (messages from the SockJS
 * bridge) and answers calls carrying an annotation as JSON (from the HTTP API). Either way the
 * annotation is validated, stored, and only once it is committed published to {@code videos.<id>}
 * and acknowledged (a reply with the stored annotation). Then, without holding up the viewer or
 * the mailbox, it asks InfoSys for the best answer to the annotation's body (limit
 * {@value #ANSWER_LIMIT}, {@value #ANSWER_TIMEOUT_MS} ms) and stores and publishes that answer as
 * an annotation by the backend's user at the same moment, with its url. An invalid annotation is
 * refused (failure code {@value #INVALID}); a store that fails crashes the channel, whose
 * supervisor restarts it.
 */
final class Channel extends GenServer<MessageConsumer<Object>> {

  static final int INVALID = 400;
  static final int ANSWER_LIMIT = 1;
  static final long ANSWER_TIMEOUT_MS = 10_000;

  private static final Logger log = LoggerFactory.getLogger(Channel.class);

  private final long videoId;
  private VideoStore store;

  Channel(long videoId) {
    this.videoId = videoId;
  }

  static Name name(long videoId) {
    return Name.local("videos." + videoId + ".channel");
  }

  @Override
  protected Init<MessageConsumer<Object>> init() {
    store = Storage.store(vertx);
    if (store == null) {
      return Init.stop(ExitReason.crash("storage is not running"));
    }
    Future<MessageConsumer<Object>> ready = store.video(videoId).compose(video -> {
      MessageConsumer<Object> consumer = vertx.eventBus().consumer(Channels.annotateAddress(videoId), this::annotateFromBridge);
      return consumer.completion().map(registered -> consumer);
    });
    return Init.async(ready);
  }

  /** A call with an annotation as JSON is answered with the stored annotation, or {@code {"error"}} when it is invalid. */
  @Override
  protected Outcome<MessageConsumer<Object>> handleCall(Object request, From from, MessageConsumer<Object> consumer) {
    AnnotationInput input;
    try {
      input = AnnotationInput.fromJson(request);
    } catch (InvalidInput invalid) {
      return reply(new JsonObject().put(Channels.ERROR, invalid.getMessage()), consumer);
    }
    annotate(input).onSuccess(from::reply);
    return noreply(consumer);
  }

  @Override
  protected Future<?> terminate(ExitReason reason, MessageConsumer<Object> consumer) {
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  private void annotateFromBridge(Message<Object> message) {
    AnnotationInput input;
    try {
      input = AnnotationInput.fromJson(message.body());
    } catch (InvalidInput invalid) {
      message.fail(INVALID, invalid.getMessage());
      return;
    }
    annotate(input).onSuccess(stored -> {
      if (message.replyAddress() != null) {
        message.reply(stored);
      }
    });
  }

  /** Stores and publishes the annotation, then asks InfoSys in the background; crashes the channel when storing fails. */
  private Future<JsonObject> annotate(AnnotationInput input) {
    return publish(store.annotate(videoId, input, null)).onSuccess(stored -> askInfoSys(input));
  }

  private void askInfoSys(AnnotationInput input) {
    InfoSys.compute(node(), input.body(), new ComputeOptions(ANSWER_LIMIT, ANSWER_TIMEOUT_MS, null))
      .onFailure(error -> log.debug("video {}: no InfoSys answer to '{}': {}", videoId, input.body(), error.getMessage()))
      .onSuccess(results -> answer(input, results));
  }

  private void answer(AnnotationInput question, List<Result> results) {
    if (results.isEmpty()) {
      return;
    }
    Result best = results.get(0);
    String text = best.text().length() > AnnotationInput.MAX_BODY ? best.text().substring(0, AnnotationInput.MAX_BODY) : best.text();
    publish(store.annotate(videoId, new AnnotationInput(best.backend(), text, question.at()), best.url()));
  }

  private Future<JsonObject> publish(Future<Annotation> stored) {
    return stored.map(annotation -> {
      JsonObject json = annotation.toJson();
      vertx.eventBus().publish(Channels.topic(videoId), json);
      return json;
    }).onFailure(error -> exit(ExitReason.crash(error)));
  }
}
