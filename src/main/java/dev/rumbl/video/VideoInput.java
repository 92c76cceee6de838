package dev.rumbl.video;

import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A new video as a client describes it: a title of {@value #MAX_TITLE} characters at most, not
 * blank, and a url that is empty (the player then simulates its clock) or an http(s) URL of
 * {@value #MAX_URL} characters at most. {@link #fromJson} returns a valid input or throws
 * {@link InvalidInput}.
 */
public record VideoInput(String title, String url) {

  public static final int MAX_TITLE = 200;
  public static final int MAX_URL = 2000;
  public static final String TITLE = "title";
  public static final String URL = "url";

  public static VideoInput fromJson(Object body) {
    JsonObject json = Fields.object(body);
    String title = Fields.text(json, TITLE, 1, MAX_TITLE);
    String url = json.getValue(URL) == null ? "" : Fields.text(json, URL, 0, MAX_URL);
    if (!url.isEmpty() && !isHttpUrl(url)) {
      throw new InvalidInput("'url' must be empty or an http:// or https:// URL");
    }
    return new VideoInput(title, url);
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
