package dev.rumbl.video;

import io.vertx.core.json.JsonObject;

/**
 * A stored annotation, as JSON {@code {"id", "user", "body", "at", "videoId"}}, with {@code "url"}
 * added when it carries a link (the answers of InfoSys do).
 */
public record Annotation(long id, long videoId, String user, String body, int at, String url) {

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", id).put("user", user).put("body", body).put("at", at).put("videoId", videoId);
    return url == null ? json : json.put("url", url);
  }
}
