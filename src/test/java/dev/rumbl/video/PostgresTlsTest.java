package dev.rumbl.video;

import dev.rumbl.config.AppConfig;
import dev.rumbl.config.ConfigException;
import dev.rumbl.config.ConfigLoader;
import dev.rumbl.testing.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The storage's PostgreSQL connections over TLS, against the tests' real server, which
 * {@code scripts/test-postgres.sh} gives a self-signed certificate for {@code localhost} only:
 * {@code verify-full} with that certificate as trust connects to {@code localhost} encrypted and
 * refuses {@code 127.0.0.1}, whose name the certificate does not carry; {@code require} encrypts
 * without a trust file (libpq's meaning); no mode is the URL's (here none: plain); and a verifying
 * mode without a trust file is refused when the configuration is read.
 */
@ExtendWith(VertxExtension.class)
class PostgresTlsTest {

  @TempDir
  Path dataDir;

  /** Settings of a fresh database, reached at host, over tls. */
  private StorageSettings settings(String host, StorageTls tls) {
    String url = TestPostgres.freshDatabase();
    PgConnectOptions options = PgConnectOptions.fromUri(url);
    String atHost = "postgresql://" + options.getUser() + ":" + options.getPassword() + "@" + host + ":" + options.getPort() + "/" + options.getDatabase();
    return StorageSettings.postgres(dataDir, atHost).withTls(tls);
  }

  /** Whether the connection the pool gives is encrypted, as the server sees it. */
  private static boolean encrypted(Vertx vertx, StorageSettings settings) {
    Pool pool = settings.database(false).openPool(vertx);
    try {
      return pool.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").execute().await().iterator().next().getBoolean(0);
    } finally {
      pool.close().await();
    }
  }

  @Test
  void verifyFullWithTheServersCertificateConnectsEncryptedToTheNameItCarries(Vertx vertx) {
    String certificate = TestPostgres.serverCertificate();

    assertThat(encrypted(vertx, settings("localhost", new StorageTls("verify-full", certificate)))).isTrue();
  }

  @Test
  void verifyFullRefusesAHostTheCertificateDoesNotName(Vertx vertx) {
    String certificate = TestPostgres.serverCertificate();

    assertThatThrownBy(() -> encrypted(vertx, settings("127.0.0.1", new StorageTls("verify-full", certificate))))
      .hasMessageContaining("SSL handshake failed");
  }

  @Test
  void theMigrationsConnectOverTheSameTls(Vertx vertx) {
    String certificate = TestPostgres.serverCertificate();

    Migrations.apply(vertx, settings("localhost", new StorageTls("verify-full", certificate)).database(false)).await();
    assertThatThrownBy(() -> Migrations.apply(vertx, settings("127.0.0.1", new StorageTls("verify-full", certificate)).database(false)).await())
      .hasStackTraceContaining("PSQLException").hasStackTraceContaining("hostname");
  }

  @Test
  void requireEncryptsWithoutATrustFileAndNoModeIsTheUrlsPlainConnection(Vertx vertx) {
    TestPostgres.serverCertificate();

    assertThat(encrypted(vertx, settings("127.0.0.1", new StorageTls("require", null)))).isTrue();
    assertThat(encrypted(vertx, settings("127.0.0.1", StorageTls.URLS))).isFalse();
  }

  @Test
  void aVerifyingModeWithoutATrustFileAndAnUnknownModeAreRefusedAtStart() {
    JsonObject verifying = new JsonObject().put("storage", new JsonObject().put("sslMode", "verify-full"));
    JsonObject inTheUrl = new JsonObject().put("storage", new JsonObject().put("url", "postgresql://u:p@db.example/rumbl?sslmode=verify-ca"));
    JsonObject unknown = new JsonObject().put("storage", new JsonObject().put("sslMode", "sometimes"));
    JsonObject missingFile = new JsonObject().put("storage", new JsonObject().put("sslMode", "verify-ca").put("sslTrustFile", dataDir.resolve("none.pem").toString()));

    assertThatThrownBy(() -> AppConfig.fromJson(ConfigLoader.load(verifying, Map.of()))).isInstanceOf(ConfigException.class).hasMessageContaining("storage.sslTrustFile");
    assertThatThrownBy(() -> AppConfig.fromJson(ConfigLoader.load(inTheUrl, Map.of()))).isInstanceOf(ConfigException.class).hasMessageContaining("verify-ca");
    assertThatThrownBy(() -> AppConfig.fromJson(ConfigLoader.load(unknown, Map.of()))).isInstanceOf(ConfigException.class).hasMessageContaining("storage.sslMode");
    assertThatThrownBy(() -> AppConfig.fromJson(ConfigLoader.load(missingFile, Map.of()))).isInstanceOf(ConfigException.class).hasMessageContaining("readable PEM");
  }
}
