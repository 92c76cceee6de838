package dev.rumbl.account;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.hashing.HashingStrategy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Password hashing with the PBKDF2 (HMAC-SHA512) of vertx-auth-common, {@value #ITERATIONS}
 * iterations and a fresh {@value #SALT_BYTES}-byte random salt per password, in the library's
 * self-describing format (algorithm, iterations, salt and hash in one string). Every hash and every
 * check runs on a worker thread, never on an event loop. {@link #verify} given no stored hash (an
 * unknown user, or a backend user, who has no password) checks the password against a dummy hash
 * and answers false, so that it costs the same as checking a real one. Passwords are never logged.
 */
public final class Passwords {

  static final String ALGORITHM = "pbkdf2";
  static final int ITERATIONS = 210_000;
  static final int SALT_BYTES = 16;

  /** The strategy is not documented as thread-safe (it holds a SecretKeyFactory): one per worker thread. */
  private static final ThreadLocal<HashingStrategy> STRATEGY = ThreadLocal.withInitial(HashingStrategy::load);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final int iterations;
  private final Future<String> dummy;

  public Passwords(Vertx vertx) {
    this(vertx, ITERATIONS);
  }

  Passwords(Vertx vertx, int iterations) {
    this.vertx = vertx;
    this.iterations = iterations;
    byte[] random = new byte[SALT_BYTES];
    RANDOM.nextBytes(random);
    this.dummy = hash(Base64.getEncoder().encodeToString(random));
  }

  /** The password's hash, with a new salt. */
  public Future<String> hash(String password) {
    return vertx.executeBlocking(() -> hashNow(password), false);
  }

  /** True when the password matches the stored hash; false, at the same cost, when stored is null. */
  public Future<Boolean> verify(String stored, String password) {
    if (stored == null) {
      return dummy.compose(fake -> vertx.executeBlocking(() -> {
        STRATEGY.get().verify(fake, password);
        return false;
      }, false));
    }
    return vertx.executeBlocking(() -> STRATEGY.get().verify(stored, password), false);
  }

  private String hashNow(String password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    String encodedSalt = Base64.getUrlEncoder().withoutPadding().encodeToString(salt);
    return STRATEGY.get().hash(ALGORITHM, Map.of("it", Integer.toString(iterations)), encodedSalt, password);
  }
}
