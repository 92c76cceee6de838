package dev.rumbl.web;

import dev.rumbl.limits.RateLimits;
import dev.rumbl.otp.Node;
import dev.rumbl.video.AnnotationInput;
import dev.rumbl.video.Annotation;
import dev.rumbl.video.AnnotationCursor;
import dev.rumbl.video.Channels;
import dev.rumbl.video.Presence;
import dev.rumbl.video.Storage;
import dev.rumbl.video.StorageUnavailable;
import dev.rumbl.video.Video;
import dev.rumbl.video.VideoInput;
import dev.rumbl.video.VideoStore;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

/**
 * The videos API: create, list and show videos; add an annotation (through the video's channel,
 * so it is stored, then published to the video's viewers and answered by InfoSys) and list a
 * video's annotations ordered by {@code at}, then id. Both lists are JSON arrays read a page at a
 * time (see {@link ListPaging}: {@code limit}, and {@code after} the last item received, a video's
 * id or an annotation's {@code <at>:<id>}). Reads are public; creating a video and annotating need
 * a signed-in account ({@link Authentication}: 401 without one), and an annotation is written as
 * that account ({@code {"body", "at"}}; naming another {@code user} is 403), within the account's
 * annotation rate (429, shared with the bridge). {@code GET /api/videos/<id>/presence} answers who
 * is watching the video across the cluster, as {@code videos.<id>.presence} publishes it (see
 * {@link Presence#toJson}). Invalid input is 400 naming the field, an unknown video 404, no
 * storage running 503.
 */
final class VideoRoutes {

  static final String COLLECTION = "/api/videos";
  static final String ONE = COLLECTION + "/:id";
  static final String ANNOTATIONS = ONE + "/annotations";
  static final String PRESENCE = ONE + "/presence";

  private final Node node;
  private final Authentication authentication;
  private final RateLimits limits;

  VideoRoutes(Node node, Authentication authentication, RateLimits limits) {
    this.node = node;
    this.authentication = authentication;
    this.limits = limits;
  }

  void mount(Router router) {
    router.post(COLLECTION).handler(authentication::check).handler(this::create);
    router.get(COLLECTION).handler(this::list);
    router.get(ONE).handler(this::show);
    router.post(ANNOTATIONS).handler(authentication::check).handler(this::annotate);
    router.get(ANNOTATIONS).handler(this::annotations);
    router.get(PRESENCE).handler(this::presence);
  }

  private void create(RoutingContext ctx) {
    RateLimited.check(limits.videoCreation(Authentication.user(ctx)));
    VideoInput input = VideoInput.fromJson(JsonBodies.object(ctx));
    Replies.answer(ctx, store().createVideo(input), video -> Replies.json(ctx, 201, video.toJson()));
  }

  private void list(RoutingContext ctx) {
    int limit = ListPaging.limit(ctx);
    long after = ListPaging.videoCursor(ctx);
    Replies.answer(ctx, store().videos(after, limit), videos -> {
      JsonArray json = new JsonArray();
      videos.stream().map(Video::toJson).forEach(json::add);
      Replies.json(ctx, 200, json);
    });
  }

  private void show(RoutingContext ctx) {
    Replies.answer(ctx, store().video(videoId(ctx)), video -> Replies.json(ctx, 200, video.toJson()));
  }

  private void annotate(RoutingContext ctx) {
    long id = videoId(ctx);
    String user = Authentication.user(ctx);
    RateLimited.check(limits.annotation(user));
    AnnotationInput input = AnnotationInput.fromClient(JsonBodies.object(ctx), user);
    Replies.answer(ctx, Channels.annotate(node, id, input), stored -> Replies.json(ctx, 201, stored));
  }

  private void annotations(RoutingContext ctx) {
    long id = videoId(ctx);
    int limit = ListPaging.limit(ctx);
    AnnotationCursor after = ListPaging.annotationCursor(ctx);
    VideoStore store = store();
    Replies.answer(ctx, store.video(id).compose(video -> store.annotations(id, after, limit)), annotations -> {
      JsonArray json = new JsonArray();
      annotations.stream().map(Annotation::toJson).forEach(json::add);
      Replies.json(ctx, 200, json);
    });
  }

  private void presence(RoutingContext ctx) {
    long id = videoId(ctx);
    Replies.answer(ctx, store().video(id).compose(video -> Presence.who(node, id)), who -> Replies.json(ctx, 200, who));
  }

  private VideoStore store() {
    VideoStore store = Storage.store(node.vertx());
    if (store == null) {
      throw new StorageUnavailable();
    }
    return store;
  }

  /** The path's video id; an id that is not a positive number names no video. */
  private static long videoId(RoutingContext ctx) {
    String text = ctx.pathParam("id");
    long id = Channels.videoId(Channels.TOPIC, Channels.TOPIC_PREFIX + text);
    if (id < 0) {
      throw new HttpException(404, "no video " + text);
    }
    return id;
  }
}
