package dev.rumbl.video;

import dev.rumbl.otp.ChildInfo;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.testing.BridgeClient;
import dev.rumbl.testing.ClusterNodes;
import dev.rumbl.testing.ProcessOutput;
import dev.rumbl.testing.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application nodes of one cluster on one database, node A in this JVM and node B in a JVM of
 * its own: a viewer on A and a viewer on B see each other watching, over the bridge and in the
 * presence route; when B dies (SIGKILL, with its viewer on it) B's viewer leaves A's list (within
 * the bridge client's wait: Hazelcast drops a silent node after 5 s, see conf/cluster.xml, and the
 * presence looks every second), and A's viewer, socket and broadcasts carry on.
 * After Phoenix's {@code Phoenix.Tracker} cases "replicates presences across nodes" and "removes a
 * down node's presences".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterPresenceTest {

  private final String cluster = ClusterNodes.newName();
  private final int basePort = ClusterNodes.randomBasePort();
  private Vertx vertxA;
  private TestApp a;
  private java.lang.Process nodeB;
  private int portB;
  private String ann;
  private String bob;
  private long video;
  private BridgeClient annOnA;
  private BridgeClient bobOnB;

  @BeforeAll
  void startTwoNodes() throws Exception {
    Path shared = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")), "presence-");
    vertxA = ClusterNodes.start(cluster, basePort);
    a = TestApp.start(vertxA, TestApp.LOCAL_ONLY.copy().put("dataDir", shared.toString())).await();
    portB = freePort();
    nodeB = new ProcessBuilder(new File(System.getProperty("java.home"), "bin/java").getPath(),
      "-Dlogback.configurationFile=src/test/resources/logback-node.xml", "-cp", System.getProperty("java.class.path"),
      VideoNodeMain.class.getName(), cluster, String.valueOf(basePort), shared.toString(), String.valueOf(portB))
      .redirectErrorStream(true).start();
    ProcessOutput.of(nodeB).awaitLine(VideoNodeMain.READY, 90);
    ann = a.token("ann");
    bob = a.token("bob");
    video = a.client().post("/api/videos").bearerTokenAuthentication(ann).sendJsonObject(new JsonObject().put("title", "Two nodes"))
      .await().bodyAsJsonObject().getLong("id");
  }

  @AfterAll
  void stop() {
    if (nodeB != null) {
      nodeB.destroyForcibly();
    }
    if (a != null) {
      a.stop().await();
      vertxA.close().await();
    }
  }

  @Test
  @Order(1)
  void viewersOnTwoNodesSeeEachOtherWatching() throws InterruptedException {
    annOnA = watching(a.port(), ann);
    bobOnB = watching(portB, bob);

    for (BridgeClient client : List.of(annOnA, bobOnB)) {
      presence(client, "ann", "bob");
    }
    JsonObject listed = a.client().get("/api/videos/" + video + "/presence").send().await().bodyAsJsonObject();
    assertThat(listed.getJsonArray("users")).containsExactly("ann", "bob");
    assertThat(listed.getInteger("viewers")).isEqualTo(2);
  }

  @Test
  @Order(2)
  void whenANodeDiesWithViewersOnItTheyLeaveTheListAndTheOtherNodesViewersCarryOn() throws Exception {
    assertThat(new ProcessBuilder("kill", "-KILL", String.valueOf(nodeB.pid())).start().waitFor()).isZero();
    assertThat(nodeB.waitFor(10, TimeUnit.SECONDS)).isTrue();

    presence(annOnA, "ann");
    assertThat(annOnA.isClosed()).isFalse();
    annOnA.send(Channels.annotateAddress(video), new JsonObject().put("body", "zq after B").put("at", 1), "ack");
    assertThat(annOnA.nextOn("ack").getJsonObject("body").getString("body")).isEqualTo("zq after B");
    assertThat(annOnA.nextOn(Channels.topic(video)).getJsonObject("body").getString("body")).isEqualTo("zq after B");
    assertThat(children(Viewers.SOCKETS)).hasSize(1);
    assertThat(children(Viewers.VIEWERS)).hasSize(1);
  }

  private BridgeClient watching(int port, String token) {
    BridgeClient client = BridgeClient.connect(vertxA, port, token);
    client.register(Presence.topic(video));
    client.register(Channels.topic(video));
    return client;
  }

  /** Waits for the list of exactly these users, each watching once. */
  private JsonObject presence(BridgeClient client, String... users) throws InterruptedException {
    JsonArray named = new JsonArray(List.of((Object[]) users));
    return client.next(frame -> Presence.topic(video).equals(frame.getString("address"))
      && frame.getJsonObject("body").getJsonArray("users").equals(named)
      && frame.getJsonObject("body").getInteger("viewers") == users.length).getJsonObject("body");
  }

  private List<ChildInfo> children(String supervisor) {
    return Supervisor.whichChildren(a.node(), Name.local(supervisor)).await();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
