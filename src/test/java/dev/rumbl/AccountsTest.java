package dev.rumbl;

import dev.rumbl.testing.CapturedLog;
import dev.rumbl.testing.TestApp;
import dev.rumbl.testing.TestUsers;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Accounts, sessions and the tokens that writing to videos needs, on the whole application. */
@ExtendWith(VertxExtension.class)
class AccountsTest {

  private TestApp app;

  @BeforeEach
  void start(Vertx vertx) {
    app = TestApp.start(vertx, TestApp.LOCAL_ONLY.copy()).await();
  }

  @AfterEach
  void stop() {
    app.stop().await();
  }

  private HttpResponse<Buffer> post(String path, JsonObject body) {
    return app.client().post(path).sendJsonObject(body).await();
  }

  private HttpResponse<Buffer> post(String path, JsonObject body, String token) {
    return app.client().post(path).putHeader("Authorization", "Bearer " + token).sendJsonObject(body).await();
  }

  private static JsonObject account(String username, String password) {
    return new JsonObject().put("username", username).put("password", password);
  }

  private long createVideo(String token) {
    HttpResponse<Buffer> created = post("/api/videos", new JsonObject().put("title", "Accounts"), token);
    assertThat(created.statusCode()).isEqualTo(201);
    return created.bodyAsJsonObject().getLong("id");
  }

  @Test
  void aNewAccountSignsInAndItsTokenWritesAsIt() {
    HttpResponse<Buffer> created = post("/api/users", account("ann.b_c-1", "a good password"));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.bodyAsJsonObject().fieldNames()).containsExactlyInAnyOrder("id", "username");
    assertThat(created.bodyAsJsonObject().getString("username")).isEqualTo("ann.b_c-1");
    assertThat(created.bodyAsString()).doesNotContain("a good password");

    HttpResponse<Buffer> session = post("/api/sessions", account("ann.b_c-1", "a good password"));
    assertThat(session.statusCode()).isEqualTo(201);
    JsonObject issued = session.bodyAsJsonObject();
    assertThat(issued.fieldNames()).containsExactlyInAnyOrder("token", "username", "expiresAt");
    assertThat(issued.getString("username")).isEqualTo("ann.b_c-1");
    Instant expiresAt = Instant.parse(issued.getString("expiresAt"));
    assertThat(expiresAt).isBetween(Instant.now().plusSeconds(1_209_600 - 60), Instant.now().plusSeconds(1_209_600 + 60));

    long video = createVideo(issued.getString("token"));
    HttpResponse<Buffer> note = post("/api/videos/" + video + "/annotations", new JsonObject().put("body", "mine").put("at", 5), issued.getString("token"));
    assertThat(note.statusCode()).isEqualTo(201);
    assertThat(note.bodyAsJsonObject().getString("user")).isEqualTo("ann.b_c-1");
    HttpResponse<Buffer> sameName = post("/api/videos/" + video + "/annotations",
      new JsonObject().put("user", "ann.b_c-1").put("body", "mine too").put("at", 6), issued.getString("token"));
    assertThat(sameName.statusCode()).isEqualTo(201);
  }

  @Test
  void badNamesAndPasswordsAre400() {
    List<JsonObject> bad = List.of(
      account("", "a good password"), account("x".repeat(65), "a good password"), account("no spaces", "a good password"),
      account("ümlaut", "a good password"), account("ann", "short"), account("ann", "p".repeat(1025)),
      new JsonObject().put("username", "ann"), new JsonObject().put("username", 7).put("password", "a good password"),
      new JsonObject().put("username", "ann").put("password", 12345678));
    for (String path : List.of("/api/users", "/api/sessions")) {
      for (JsonObject body : bad) {
        HttpResponse<Buffer> response = post(path, body);
        assertThat(response.statusCode()).as(path + " " + body.encode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getString("error")).as(body.encode()).containsAnyOf("'username'", "'password'");
      }
    }
    assertThat(post("/api/users", account("x".repeat(64), "p".repeat(1024))).statusCode()).isEqualTo(201);
    assertThat(post("/api/users", account("ann", "p".repeat(8))).statusCode()).isEqualTo(201);
  }

  @Test
  void aTakenNameAndEveryBackendsNameAre409AndBackendUsersCannotSignIn() {
    assertThat(post("/api/users", account("ann", "first password")).statusCode()).isEqualTo(201);

    for (String name : List.of("ann", "ANN", "local", "wikipedia", "wolfram", "Wolfram", "LOCAL")) {
      HttpResponse<Buffer> taken = post("/api/users", account(name, "another password"));
      assertThat(taken.statusCode()).as(name).isEqualTo(409);
      assertThat(taken.bodyAsJsonObject()).isEqualTo(new JsonObject().put("error", "username_taken"));
    }
    for (String backend : List.of("local", "wikipedia", "wolfram")) {
      HttpResponse<Buffer> refused = post("/api/sessions", account(backend, "any password"));
      assertThat(refused.statusCode()).as(backend).isEqualTo(401);
    }
    assertThat(post("/api/sessions", account("ann", "first password")).statusCode()).isEqualTo(201);
  }

  @Test
  void anUnknownNameAndAWrongPasswordAreTheSame401() {
    post("/api/users", account("ann", "right password"));

    HttpResponse<Buffer> wrong = post("/api/sessions", account("ann", "wrong password"));
    HttpResponse<Buffer> unknown = post("/api/sessions", account("nobody", "right password"));

    for (HttpResponse<Buffer> response : List.of(wrong, unknown)) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("error", "invalid_credentials"));
    }
  }

  @Test
  void writingToVideosNeedsAValidTokenAndReadsArePublic(Vertx vertx) {
    String ann = app.token("ann");
    long video = createVideo(ann);
    JsonObject note = new JsonObject().put("body", "b").put("at", 1);
    JWTAuth sameSecret = jwt(vertx, TestApp.SECRET);
    long now = Instant.now().getEpochSecond();
    List<String> refused = List.of(
      "",
      "not-a-jwt",
      unsigned(new JsonObject().put("username", "ann").put("exp", now + 3600)),
      jwt(vertx, "another-secret-of-at-least-32-characters").generateToken(new JsonObject().put("username", "ann").put("exp", now + 3600)),
      sameSecret.generateToken(new JsonObject().put("username", "ghost").put("exp", now + 3600)),
      sameSecret.generateToken(new JsonObject().put("username", "ann").put("exp", now - 10)),
      sameSecret.generateToken(new JsonObject().put("username", "local").put("exp", now + 3600)),
      sameSecret.generateToken(new JsonObject().put("name", "ann").put("exp", now + 3600)),
      ann.substring(0, ann.length() - 2) + (ann.endsWith("AA") ? "BB" : "AA"));

    for (String token : refused) {
      for (String path : List.of("/api/videos", "/api/videos/" + video + "/annotations")) {
        HttpResponse<Buffer> response = post(path, path.endsWith("annotations") ? note : new JsonObject().put("title", "t"), token);
        assertThat(response.statusCode()).as(path + " with " + token).isEqualTo(401);
        assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("error", "unauthenticated"));
      }
    }
    assertThat(post("/api/videos/" + video + "/annotations", note).statusCode()).isEqualTo(401);
    assertThat(app.client().post("/api/videos").putHeader("Authorization", "Basic YW5uOnB3").sendJsonObject(new JsonObject().put("title", "t"))
      .await().statusCode()).isEqualTo(401);

    HttpResponse<Buffer> impostor = post("/api/videos/" + video + "/annotations", note.copy().put("user", "wolfram"), ann);
    assertThat(impostor.statusCode()).isEqualTo(403);
    assertThat(impostor.bodyAsJsonObject().getString("error")).startsWith("forbidden");

    assertThat(app.client().get("/api/videos").send().await().bodyAsJsonArray()).hasSize(1);
    assertThat(app.client().get("/api/videos/" + video).send().await().statusCode()).isEqualTo(200);
    assertThat(app.client().get("/api/videos/" + video + "/annotations").send().await().bodyAsJsonArray()).isEqualTo(new JsonArray());
  }

  @Test
  void aGeneratedKeyIsKeptInTheDataDirectorySoTokensSurviveARestart(Vertx vertx) throws Exception {
    app.stop().await();
    Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")), "key-");
    JsonObject config = TestApp.LOCAL_ONLY.copy().put("dataDir", dataDir.toString()).put("auth", new JsonObject().putNull("secret"));
    app = TestApp.start(vertx, config.copy()).await();
    String token = app.token("ann");
    Path keyFile = dataDir.resolve("auth.key");
    assertThat(keyFile).exists();
    assertThat(Files.getPosixFilePermissions(keyFile)).containsExactlyInAnyOrder(
      PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    String key = Files.readString(keyFile);
    app.stop().await();

    app = TestApp.start(vertx, config.copy()).await();

    assertThat(Files.readString(keyFile)).isEqualTo(key);
    assertThat(post("/api/videos", new JsonObject().put("title", "after a restart"), token).statusCode()).isEqualTo(201);
    assertThat(token.split("\\.")[0]).doesNotContain(key);
  }

  @Test
  void noPasswordTokenNorSecretReachesALogEvenAtDebug() {
    CapturedLog logged = CapturedLog.everything(ch.qos.logback.classic.Level.DEBUG);
    String token;
    try (logged) {
      post("/api/users", account("ann", "a secret password"));
      post("/api/sessions", account("ann", "a wrong secret password"));
      token = post("/api/sessions", account("ann", "a secret password")).bodyAsJsonObject().getString("token");
      long video = createVideo(token);
      post("/api/videos/" + video + "/annotations", new JsonObject().put("body", "b").put("at", 1), token);
      post("/api/videos/" + video + "/annotations", new JsonObject().put("body", "b").put("at", 1), token + "x");
    }

    assertThat(logged.events()).isNotEmpty();
    for (ch.qos.logback.classic.spi.ILoggingEvent event : logged.events()) {
      String text = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
      assertThat(text).doesNotContain("secret password").doesNotContain(token).doesNotContain(TestApp.SECRET);
    }
  }

  private static JWTAuth jwt(Vertx vertx, String secret) {
    return JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))
      .setJWTOptions(new JWTOptions().setAlgorithm("HS256")));
  }

  /** A token with {@code alg: none} and no signature. */
  private static String unsigned(JsonObject claims) {
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    return base64.encodeToString(new JsonObject().put("alg", "none").put("typ", "JWT").encode().getBytes(StandardCharsets.UTF_8))
      + "." + base64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8)) + ".";
  }
}
