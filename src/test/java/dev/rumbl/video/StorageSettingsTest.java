package dev.rumbl.video;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StorageSettingsTest {

  private static final Path DATA = Path.of("/srv/rumbl/data");

  @Test
  void byDefaultTheDatabaseIsTheDurableFileInTheDataDirectory() {
    String url = StorageSettings.inDataDir(DATA).jdbcUrl(false);

    assertThat(url).startsWith("jdbc:h2:file:/srv/rumbl/data/rumbl;").contains(";WRITE_DELAY=0").doesNotContain("AUTO_SERVER");
  }

  @Test
  void aClusteredNodeOpensTheFileInAutomaticMixedModeSoThatNodesOfOneHostShareIt() {
    String url = StorageSettings.inDataDir(DATA).jdbcUrl(true);

    assertThat(url).startsWith("jdbc:h2:file:/srv/rumbl/data/rumbl;").contains(";WRITE_DELAY=0").contains(";AUTO_SERVER=TRUE");
  }

  @Test
  void aGivenUrlIsUsedAsIsWithDurabilityAddedUnlessItSetsItsOwn() {
    StorageSettings server = new StorageSettings(DATA, "jdbc:h2:tcp://db:9092/rumbl", null, null);
    StorageSettings ownDelay = new StorageSettings(DATA, "jdbc:h2:tcp://db:9092/rumbl;write_delay=100", "rumbl", "pw");

    assertThat(server.jdbcUrl(true)).isEqualTo("jdbc:h2:tcp://db:9092/rumbl;WRITE_DELAY=0");
    assertThat(server.jdbcUrl(false)).isEqualTo(server.jdbcUrl(true));
    assertThat(server.user()).isEqualTo("sa");
    assertThat(server.password()).isEmpty();
    assertThat(ownDelay.jdbcUrl(true)).isEqualTo("jdbc:h2:tcp://db:9092/rumbl;write_delay=100");
  }

  @Test
  void theAutomaticMixedModeListensOnTheLoopbackUnlessConfigured() {
    assertThat(StorageSettings.inDataDir(DATA).autoServerBindAddress()).isEqualTo("127.0.0.1");
    assertThat(new StorageSettings(DATA, null, null, null, "10.0.0.5").autoServerBindAddress()).isEqualTo("10.0.0.5");
  }

  @Test
  void aPostgresqlUrlNamesThePostgresqlServerWhoseDescriptionHidesThePassword() {
    StorageSettings settings = StorageSettings.postgres(DATA, "postgresql://rumbl:s3cret@db.example:5433/videos");

    assertThat(settings.isPostgres()).isTrue();
    assertThat(settings.isDataDirFile()).isFalse();
    Database database = settings.database(true);
    assertThat(database).isInstanceOf(PostgresDatabase.class);
    assertThat(database.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/videos?sslmode=disable");
    assertThat(List.of(database.user(), database.password())).containsExactly("rumbl", "s3cret");
    assertThat(database.describe()).isEqualTo("postgresql://rumbl@db.example:5433/videos");
    assertThat(database.toString() + settings).doesNotContain("s3cret");
  }

  @Test
  void theHostKeysNameAPostgresqlServerAndTheUserKeysOverrideTheUrls() {
    StorageSettings byKeys = new StorageSettings(DATA, null, "db.example", null, null, null, "pw", null, null, null);
    StorageSettings overridden = new StorageSettings(DATA, "postgres://a:b@db.example/videos", null, null, null, "rumbl", "pw", null, null, null);

    assertThat(byKeys.database(false).jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5432/rumbl?sslmode=disable");
    assertThat(List.of(byKeys.database(false).user(), byKeys.database(false).password())).containsExactly("rumbl", "pw");
    assertThat(overridden.database(false).jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5432/videos?sslmode=disable");
    assertThat(List.of(overridden.database(false).user(), overridden.database(false).password())).containsExactly("rumbl", "pw");
  }

  @Test
  void anH2DatabaseSpeaksH2AndAPostgresqlOnePostgresql() {
    assertThat(StorageSettings.inDataDir(DATA).database(false).statements()).isSameAs(Statements.H2);
    assertThat(StorageSettings.postgres(DATA, "postgresql://db/rumbl").database(false).statements()).isSameAs(Statements.POSTGRES);
  }
}
