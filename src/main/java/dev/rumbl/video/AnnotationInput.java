package dev.rumbl.video;

import io.vertx.core.json.JsonObject;

import java.util.regex.Pattern;

/**
 * A new annotation: {@code user} of 1 to 64 letters, digits, {@code _}, {@code -} or {@code .};
 * {@code body} of 1 to {@value #MAX_BODY} characters, not blank; {@code at} the moment of the video
 * in milliseconds, 0 to {@value #MAX_AT}. The user is always set by the server, never taken from a
 * client: {@link #fromClient} reads a client's {@code {"body", "at"}} as written by the given
 * account (a {@code user} naming anyone else throws {@link ForeignUser}); {@link #fromJson} reads
 * the whole annotation as the server passes it on to a channel. Both return a valid input or throw
 * {@link InvalidInput} naming the field.
 */
public record AnnotationInput(String user, String body, int at) {

  public static final int MAX_BODY = 1000;
  public static final int MAX_AT = 86_400_000;
  public static final Pattern USER = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  public static final String USER_FIELD = "user";
  public static final String BODY_FIELD = "body";
  public static final String AT_FIELD = "at";

  public static AnnotationInput fromJson(Object body) {
    JsonObject json = Fields.object(body);
    if (!(json.getValue(USER_FIELD) instanceof String user) || !USER.matcher(user).matches()) {
      throw new InvalidInput("'user' must be 1 to 64 letters, digits, '_', '-' or '.'");
    }
    return new AnnotationInput(user, Fields.text(json, BODY_FIELD, 1, MAX_BODY), Fields.integer(json, AT_FIELD, 0, MAX_AT));
  }

  /** A client's annotation {@code {"body", "at"}} written by the account author. */
  public static AnnotationInput fromClient(Object body, String author) {
    JsonObject json = Fields.object(body);
    Object named = json.getValue(USER_FIELD);
    if (named != null && !author.equals(named)) {
      throw new ForeignUser();
    }
    return fromJson(json.copy().put(USER_FIELD, author));
  }

  public JsonObject toJson() {
    return new JsonObject().put(USER_FIELD, user).put(BODY_FIELD, body).put(AT_FIELD, at);
  }
}
