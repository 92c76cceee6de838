package dev.rumbl.web;

import dev.rumbl.account.Accounts;
import dev.rumbl.limits.RateLimits;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Accounts and sessions: {@code POST /api/users {"username", "password"}} creates an account (201
 * {@code {"id", "username"}}, 409 {@code username_taken}); {@code POST /api/sessions} with the same
 * body signs in (201 {@code {"token", "username", "expiresAt"}}, 401 {@code invalid_credentials}).
 * A name that is not 1 to 64 letters, digits, '.', '_' or '-', or a password that is not 8 to
 * 1,024 characters, is 400. Each route is rate-limited per client address (429 with Retry-After).
 * The password is never logged nor answered.
 */
final class AccountRoutes {

  static final String USERS = "/api/users";
  static final String SESSIONS = "/api/sessions";

  private static final String USERNAME = "username";
  private static final String PASSWORD = "password";

  private final Accounts accounts;
  private final RateLimits limits;

  AccountRoutes(Accounts accounts, RateLimits limits) {
    this.accounts = accounts;
    this.limits = limits;
  }

  void mount(Router router) {
    router.post(USERS).handler(this::signUp);
    router.post(SESSIONS).handler(this::signIn);
  }

  private void signUp(RoutingContext ctx) {
    RateLimited.check(limits.signUp(Authentication.address(ctx)));
    JsonObject body = JsonBodies.object(ctx);
    String username = username(body);
    String password = password(body);
    Replies.answer(ctx, accounts.signUp(username, password), created -> Replies.json(ctx, 201, created));
  }

  private void signIn(RoutingContext ctx) {
    RateLimited.check(limits.signIn(Authentication.address(ctx)));
    JsonObject body = JsonBodies.object(ctx);
    String username = username(body);
    String password = password(body);
    Replies.answer(ctx, accounts.signIn(username, password), issued -> Replies.json(ctx, 201, issued.toJson()));
  }

  private static String username(JsonObject body) {
    String username = JsonBodies.string(body, USERNAME);
    if (!Accounts.checkUsername(username)) {
      throw Replies.badRequest("'username' must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
    return username;
  }

  private static String password(JsonObject body) {
    String password = JsonBodies.string(body, PASSWORD);
    if (!Accounts.checkPassword(password)) {
      throw Replies.badRequest("'password' must be " + Accounts.MIN_PASSWORD + " to " + Accounts.MAX_PASSWORD + " characters");
    }
    return password;
  }
}
