package dev.rumbl.account;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.time.Instant;

/**
 * Signed, expiring tokens naming a user, as JWTs made and checked by vertx-auth-jwt with HMAC-SHA256
 * ({@value #ALGORITHM}) and the given secret. {@link #verify} succeeds with the user's name only for
 * a token this secret signed, with that algorithm, that has not expired: a token with
 * {@code alg: none}, another algorithm, a bad signature or a past {@code exp} fails. Whether the
 * user still exists is the caller's question ({@link Accounts#authenticate}).
 */
public final class Tokens {

  static final String ALGORITHM = "HS256";
  static final String USERNAME = "username";

  /** A token and the moment it expires. */
  public record Issued(String token, String username, Instant expiresAt) {

    public JsonObject toJson() {
      return new JsonObject().put("token", token).put(USERNAME, username).put("expiresAt", expiresAt.toString());
    }
  }

  private final JWTAuth jwt;
  private final int ttlSeconds;

  public Tokens(Vertx vertx, String secret, int ttlSeconds) {
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setBuffer(secret))
      .setJWTOptions(new JWTOptions().setAlgorithm(ALGORITHM)));
    this.ttlSeconds = ttlSeconds;
  }

  /** A token for username, valid for the configured time from now. */
  public Issued issue(String username) {
    Instant expiresAt = Instant.ofEpochSecond(Instant.now().getEpochSecond() + ttlSeconds);
    String token = jwt.generateToken(new JsonObject().put(USERNAME, username).put("exp", expiresAt.getEpochSecond()),
      new JWTOptions().setAlgorithm(ALGORITHM));
    return new Issued(token, username, expiresAt);
  }

  /** The user a valid token names, and when the token expires. */
  public record Verified(String username, Instant expiresAt) {
  }

  /** The user the token names and its expiry; fails for a token that is not valid now. */
  public Future<Verified> verify(String token) {
    return jwt.authenticate(new TokenCredentials(token)).compose(user -> {
      Object username = user.principal().getValue(USERNAME);
      Object expiry = user.get("exp");
      return username instanceof String name && expiry instanceof Number seconds
        ? Future.succeededFuture(new Verified(name, Instant.ofEpochSecond(seconds.longValue())))
        : Future.failedFuture(new Unauthenticated());
    });
  }
}
