package dev.rumbl.account;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** Password hashes from vertx-auth-common's PBKDF2 (with few iterations here, to keep the test quick). */
@ExtendWith(VertxExtension.class)
class PasswordsTest {

  private static final int FEW_ITERATIONS = 1_000;

  @Test
  void aHashIsSaltedSelfDescribingAndChecksOnlyItsPassword(Vertx vertx) {
    Passwords passwords = new Passwords(vertx, FEW_ITERATIONS);

    String first = passwords.hash("correct horse").await();
    String second = passwords.hash("correct horse").await();

    assertThat(first).startsWith("$pbkdf2$it=1000$").doesNotContain("correct horse");
    assertThat(second).as("a fresh salt each time").isNotEqualTo(first);
    assertThat(passwords.verify(first, "correct horse").await()).isTrue();
    assertThat(passwords.verify(second, "correct horse").await()).isTrue();
    assertThat(passwords.verify(first, "correct horsE").await()).isFalse();
    assertThat(passwords.verify(first, "").await()).isFalse();
  }

  @Test
  void noStoredHashNeverMatchesWhateverThePassword(Vertx vertx) {
    Passwords passwords = new Passwords(vertx, FEW_ITERATIONS);

    for (String password : new String[] {"", "correct horse", "p".repeat(1024)}) {
      assertThat(passwords.verify(null, password).await()).isFalse();
    }
  }

  @Test
  void theShippedStrengthIsThe210000IterationsOfPbkdf2HmacSha512(Vertx vertx) {
    assertThat(new Passwords(vertx).hash("correct horse").await()).startsWith("$pbkdf2$it=210000$");
  }
}
