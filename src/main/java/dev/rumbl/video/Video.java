package dev.rumbl.video;

import io.vertx.core.json.JsonObject;

/** A stored video, as JSON {@code {"id", "title", "url"}} (url empty when there is nothing to play). */
public record Video(long id, String title, String url) {

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("title", title).put("url", url);
  }
}
