package dev.rumbl.account;

import dev.rumbl.video.Storage;
import dev.rumbl.video.StorageUnavailable;
import dev.rumbl.video.VideoStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The accounts of the users who write: sign-up stores a name with its password's hash (the name
 * must be free, ignoring case, and not a backend's); sign-in checks the password and issues a
 * token; {@link #authenticate} turns a token back into the name of an existing account. Names and
 * passwords are checked by {@link #checkUsername} and {@link #checkPassword} before any work. It
 * uses whichever storage process runs at the time of each call ({@link StorageUnavailable} while
 * none does).
 */
public final class Accounts {

  public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  public static final int MIN_PASSWORD = 8;
  public static final int MAX_PASSWORD = 1024;

  private final Vertx vertx;
  private final Passwords passwords;
  private final Tokens tokens;
  private final Set<String> reserved;

  public Accounts(Vertx vertx, Passwords passwords, Tokens tokens, Set<String> reservedNames) {
    this.vertx = vertx;
    this.passwords = passwords;
    this.tokens = tokens;
    this.reserved = reservedNames.stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }

  public static boolean checkUsername(String username) {
    return username != null && USERNAME.matcher(username).matches();
  }

  public static boolean checkPassword(String password) {
    if (password == null) {
      return false;
    }
    int length = password.codePointCount(0, password.length());
    return length >= MIN_PASSWORD && length <= MAX_PASSWORD;
  }

  /** Creates the account; {@code {"id", "username"}}, or fails with {@link UsernameTaken}. */
  public Future<JsonObject> signUp(String username, String password) {
    if (reserved.contains(username.toLowerCase(Locale.ROOT))) {
      return Future.failedFuture(new UsernameTaken());
    }
    return passwords.hash(password)
      .compose(hash -> store().compose(store -> store.createUser(username, hash)))
      .compose(id -> id == null ? Future.failedFuture(new UsernameTaken())
        : Future.succeededFuture(new JsonObject().put("id", id).put("username", username)));
  }

  /** A token for the account; fails with {@link InvalidCredentials} for an unknown name or a wrong password alike. */
  public Future<Tokens.Issued> signIn(String username, String password) {
    return store().compose(store -> store.passwordHash(username))
      .compose(hash -> passwords.verify(hash, password))
      .compose(valid -> valid ? Future.succeededFuture(tokens.issue(username)) : Future.failedFuture(new InvalidCredentials()));
  }

  /** The name of the account the token was issued to; fails with {@link Unauthenticated} for a token that is not valid now, or whose account does not exist. */
  public Future<String> authenticate(String token) {
    return verify(token).map(Tokens.Verified::username);
  }

  /** As {@link #authenticate}, with the moment the token expires, for a holder of it that lasts (a bridge socket). */
  public Future<Tokens.Verified> verify(String token) {
    if (token == null || token.isEmpty()) {
      return Future.failedFuture(new Unauthenticated());
    }
    return tokens.verify(token)
      .recover(invalid -> Future.failedFuture(new Unauthenticated()))
      .compose(verified -> store().compose(store -> store.passwordHash(verified.username()))
        .compose(hash -> hash == null ? Future.failedFuture(new Unauthenticated()) : Future.succeededFuture(verified)));
  }

  private Future<VideoStore> store() {
    VideoStore store = Storage.store(vertx);
    return store == null ? Future.failedFuture(new StorageUnavailable()) : Future.succeededFuture(store);
  }
}
