package dev.rumbl.account;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tokens made and checked with vertx-auth-jwt. */
@ExtendWith(VertxExtension.class)
class TokensTest {

  private static final String SECRET = "a-secret-of-at-least-32-characters";

  @Test
  void aTokenNamesItsUserUntilItExpires(Vertx vertx) {
    Tokens tokens = new Tokens(vertx, SECRET, 3600);

    Tokens.Issued issued = tokens.issue("ann");

    assertThat(issued.username()).isEqualTo("ann");
    assertThat(issued.expiresAt()).isBetween(Instant.now().plusSeconds(3590), Instant.now().plusSeconds(3610));
    assertThat(tokens.verify(issued.token()).await()).isEqualTo(new Tokens.Verified("ann", issued.expiresAt()));
    assertThat(issued.toJson().fieldNames()).containsExactlyInAnyOrder("token", "username", "expiresAt");
    assertThat(new Tokens(vertx, SECRET, 60).verify(issued.token()).await().username()).as("any node with the secret").isEqualTo("ann");
  }

  @Test
  void anExpiredForgedOrUnsignedTokenIsRefused(Vertx vertx) {
    Tokens tokens = new Tokens(vertx, SECRET, 3600);
    String valid = tokens.issue("ann").token();
    String[] parts = valid.split("\\.");
    String otherClaims = base64(new JsonObject().put("username", "wolfram").put("exp", Instant.now().getEpochSecond() + 3600).encode());

    for (String refused : new String[] {
      new Tokens(vertx, SECRET, -10).issue("ann").token(),
      new Tokens(vertx, "another-secret-of-at-least-32-characters", 3600).issue("ann").token(),
      base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".",
      base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + "." + parts[2],
      parts[0] + "." + otherClaims + "." + parts[2],
      parts[0] + "." + parts[1],
      "garbage"}) {
      assertThatThrownBy(() -> tokens.verify(refused).await()).as(refused).isNotNull();
    }
  }

  private static String base64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
