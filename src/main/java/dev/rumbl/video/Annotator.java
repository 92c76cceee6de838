package dev.rumbl.video;

import dev.rumbl.infosys.ComputeOptions;
import dev.rumbl.infosys.InfoSys;
import dev.rumbl.infosys.Result;
import dev.rumbl.otp.Node;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Consumer;

/**
 * What every writer of a video's annotations does, a video {@link Channel} for HTTP and a
 * {@link Viewer} for its bridge socket alike: {@link #store} an annotation through the storage
 * process running at that moment, and only once it is committed publish it to the video's
 * broadcast address {@code videos.broadcast.<id>} (one event-bus publish: on a cluster one message
 * per node with viewers, where the bridge encodes it once and writes it to every socket listening
 * to {@code videos.<id>}); {@link #askInfoSys} for the best answer to it (limit
 * {@value #ANSWER_LIMIT}, {@value #ANSWER_TIMEOUT_MS} ms) and store and publish that answer as an
 * annotation by the backend's user at the same moment, with its url. A failure to store other than
 * {@link StorageUnavailable}, of an annotation or of an answer, is handed to the writer's
 * {@code onFailure} (which crashes the writer's process). Not a process: it runs on the caller's
 * context, and its Futures complete there.
 */
final class Annotator {

  static final int ANSWER_LIMIT = 1;
  static final long ANSWER_TIMEOUT_MS = 10_000;

  private static final Logger log = LoggerFactory.getLogger(Annotator.class);

  private final Node node;
  private final long videoId;
  private final Consumer<Throwable> onFailure;

  Annotator(Node node, long videoId, Consumer<Throwable> onFailure) {
    this.node = node;
    this.videoId = videoId;
    this.onFailure = onFailure;
  }

  /**
   * Stores with the storage running now, then publishes; fails with {@link StorageUnavailable}
   * while none runs, and with the store's error otherwise (handed to onFailure too).
   */
  Future<JsonObject> store(AnnotationInput input, String url) {
    VideoStore store = Storage.store(node.vertx());
    if (store == null) {
      return Future.failedFuture(new StorageUnavailable());
    }
    return store.annotate(videoId, input, url).map(annotation -> {
      JsonObject json = annotation.toJson();
      node.vertx().eventBus().publish(Channels.broadcast(videoId), json);
      return json;
    }).onFailure(error -> {
      if (!(error instanceof StorageUnavailable)) {
        onFailure.accept(error);
      }
    });
  }

  /** Asks InfoSys about the annotation's body, then stores and publishes the best answer; never fails. */
  Future<Void> askInfoSys(AnnotationInput question) {
    return InfoSys.compute(node, question.body(), new ComputeOptions(ANSWER_LIMIT, ANSWER_TIMEOUT_MS, null))
      .compose(results -> answer(question, results))
      .otherwise(error -> {
        log.debug("video {}: no InfoSys answer stored for '{}': {}", videoId, question.body(), error.getMessage());
        return null;
      })
      .mapEmpty();
  }

  private Future<?> answer(AnnotationInput question, List<Result> results) {
    if (results.isEmpty()) {
      return Future.succeededFuture();
    }
    Result best = results.get(0);
    String text = best.text().length() > AnnotationInput.MAX_BODY ? best.text().substring(0, AnnotationInput.MAX_BODY) : best.text();
    return store(new AnnotationInput(best.backend(), text, question.at()), best.url());
  }
}
