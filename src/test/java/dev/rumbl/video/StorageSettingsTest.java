package dev.rumbl.video;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

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
}
