package dev.rumbl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crash loop in the real application, in a JVM of its own: killing a grandchild of the root again
 * and again exhausts its supervisor, the escalation climbs to the root, and when the root gives up
 * the application says why and exits with status 1, instead of spinning.
 */
class CrashLoopTest {

  @Test
  void aCrashLoopEscalatesToTheRootAndTheApplicationExitsNonZero(@TempDir Path dataDir) throws Exception {
    int port = freePort();
    ProcessBuilder builder = new ProcessBuilder(
      new File(System.getProperty("java.home"), "bin/java").getPath(),
      "-cp", System.getProperty("java.class.path"), "-Dlogback.configurationFile=logback.xml", Main.class.getName())
      .redirectErrorStream(true);
    builder.environment().put("RUMBL_HTTP_HOST", "127.0.0.1");
    builder.environment().put("RUMBL_HTTP_PORT", String.valueOf(port));
    builder.environment().put("RUMBL_ADMIN_TOKEN", "chaos");
    builder.environment().put("RUMBL_INFOSYS_BACKENDS", "local");
    builder.environment().put("RUMBL_DATA_DIR", dataDir.toString());
    java.lang.Process app = builder.start();
    List<String> output = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> readLines(app, output));
    reader.start();
    try {
      waitFor(output, "HTTP endpoint listening", 60);
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest crashCache = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/processes/infosys.cache/exit"))
        .header("Authorization", "Bearer chaos")
        .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"crash\"}"))
        .build();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (app.isAlive() && System.nanoTime() < deadline) {
        try {
          http.send(crashCache, HttpResponse.BodyHandlers.discarding());
        } catch (IOException endpointGone) {
          // the endpoint itself is being stopped by the escalation
        }
        Thread.sleep(30);
      }

      assertThat(app.waitFor(30, TimeUnit.SECONDS)).as("the application exited").isTrue();
      assertThat(app.exitValue()).isEqualTo(Main.EXIT_ROOT_GAVE_UP);
      reader.join(5000);
      assertThat(output).anyMatch(line -> line.contains("infosys") && line.contains("maximum restart intensity"));
      assertThat(output).anyMatch(line -> line.contains("rumbl") && line.contains("maximum restart intensity"));
    } finally {
      app.destroyForcibly();
    }
  }

  private static void readLines(java.lang.Process app, List<String> output) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        output.add(line);
      }
    } catch (IOException closed) {
      // the application is gone
    }
  }

  private static void waitFor(List<String> output, String text, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (output.stream().noneMatch(line -> line.contains(text))) {
      assertThat(System.nanoTime()).as("the application logs '%s'; it said: %s", text, output).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
