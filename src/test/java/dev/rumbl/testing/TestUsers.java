package dev.rumbl.testing;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/**
 * Accounts for tests, made over HTTP as a client makes them: {@link #token} signs a user up (or
 * finds it already signed up) and in, and answers the token that writes as that user
 * ({@code Authorization: Bearer <token>}, or {@code ?token=} on the bridge's URL). Every test user
 * has the password {@value #PASSWORD}.
 */
public final class TestUsers {

  public static final String PASSWORD = "test-password-1";

  private TestUsers() {
  }

  /** The account's credentials as the sign-up and sign-in routes take them. */
  public static JsonObject credentials(String username) {
    return new JsonObject().put("username", username).put("password", PASSWORD);
  }

  /** Signs username up if it is not yet, then in: its token; fails naming the answer that was not expected. */
  public static Future<String> signIn(WebClient client, String username) {
    return client.post("/api/users").sendJsonObject(credentials(username))
      .compose(up -> up.statusCode() == 201 || up.statusCode() == 409
        ? client.post("/api/sessions").sendJsonObject(credentials(username))
        : Future.failedFuture(unexpected("sign-up", up)))
      .compose(in -> in.statusCode() == 201
        ? Future.succeededFuture(in.bodyAsJsonObject().getString("token"))
        : Future.failedFuture(unexpected("sign-in", in)));
  }

  /** {@link #signIn}, waited for. */
  public static String token(WebClient client, String username) {
    return signIn(client, username).await();
  }

  private static AssertionError unexpected(String what, HttpResponse<Buffer> response) {
    return new AssertionError(what + " answered " + response.statusCode() + " " + response.bodyAsString());
  }
}
