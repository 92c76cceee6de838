package dev.rumbl.video;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** H2's automatic mixed mode serves the shared file on the configured address only (127.0.0.1 by default). */
class H2BindAddressTest {

  @Test
  void theAutomaticMixedModeServerListensAndIsAdvertisedOnTheLoopbackOnly() throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")), "h2-bind-");
    StorageSettings settings = StorageSettings.inDataDir(dir);
    H2BindAddress.apply(settings.autoServerBindAddress());

    try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(true), settings.user(), settings.password())) {
      connection.createStatement().execute("SELECT 1");
      Properties lock = new Properties();
      try (Reader reader = Files.newBufferedReader(dir.resolve(Storage.DATABASE + ".lock.db"))) {
        lock.load(reader);
      }

      String server = lock.getProperty("server");
      String host = server.substring(0, server.lastIndexOf(':'));
      int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));

      assertThat(settings.autoServerBindAddress()).isEqualTo("127.0.0.1");
      assertThat(InetAddress.getByName(host).isLoopbackAddress()).as("advertised as %s", server).isTrue();
      assertThat(accepts(InetAddress.getLoopbackAddress(), port)).isTrue();
      Optional<InetAddress> outside = nonLoopbackAddress();
      assumeThat(outside).as("this host has an address other than the loopback").isPresent();
      assertThat(accepts(outside.get(), port)).as("reachable on %s", outside.get()).isFalse();
    }
  }

  private static boolean accepts(InetAddress address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2_000);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
    return NetworkInterface.networkInterfaces()
      .flatMap(NetworkInterface::inetAddresses)
      .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress())
      .findFirst();
  }

  @Test
  void anotherAddressOnceH2RunsIsRefusedNamingBoth() {
    H2BindAddress.apply(StorageSettings.DEFAULT_AUTO_SERVER_BIND_ADDRESS);
    try {
      assertThatThrownBy(() -> H2BindAddress.apply("10.1.2.3"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("127.0.0.1").hasMessageContaining("10.1.2.3");
    } finally {
      System.setProperty(H2BindAddress.PROPERTY, StorageSettings.DEFAULT_AUTO_SERVER_BIND_ADDRESS);
    }
  }
}
