package dev.rumbl.web;

import dev.rumbl.otp.ChildInfo;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.testing.BridgeClient;
import dev.rumbl.testing.BridgeClients;
import dev.rumbl.testing.Eventually;
import dev.rumbl.testing.TestApp;
import dev.rumbl.video.Channels;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP endpoint listens on every event loop: a listener per loop on one port, under a
 * {@code rest_for_one} supervisor after the endpoint whose routes they share.
 */
@ExtendWith(VertxExtension.class)
class HttpListenersTest {

  private static final long WAIT_MS = 10_000;

  private Vertx vertx;
  private TestApp app;
  private BridgeClients clients;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    app = TestApp.start(vertx, TestApp.LOCAL_ONLY.copy()).await();
    clients = new BridgeClients(vertx, app.port());
  }

  @AfterEach
  void stop() {
    clients.close();
    app.stop().await();
  }

  @Test
  void theEndpointComesFirstAndAListenerFollowsForEveryOtherEventLoop() {
    List<String> ids = children().stream().map(ChildInfo::id).toList();

    assertThat(HttpEndpoint.LISTENERS).isGreaterThan(1);
    assertThat(ids).hasSize(HttpEndpoint.LISTENERS);
    assertThat(ids.get(0)).isEqualTo("http");
    for (int loop = 1; loop < HttpEndpoint.LISTENERS; loop++) {
      assertThat(ids.get(loop)).isEqualTo("http." + loop);
    }
    assertThat(children()).allSatisfy(child -> assertThat(child.pid()).isNotNull());
  }

  /**
   * A point-to-point send to a video's broadcast address reaches one of its consumers, and the
   * fan-out has one per event loop with listening sockets: so when the sockets' connections are
   * spread over the loops, one send reaches some of the sockets and not all, and a send per loop
   * reaches every socket.
   */
  @Test
  void bridgeSocketsAreSpreadOverTheEventLoops() throws InterruptedException {
    long id = app.createVideo("ann", "Spread");
    List<BridgeClient> joined = joinedSockets(id);

    Set<BridgeClient> reached = new HashSet<>();
    for (int send = 0; send < HttpEndpoint.LISTENERS && reached.size() < joined.size(); send++) {
      vertx.eventBus().send(Channels.broadcast(id), new JsonObject().put("send", send));
      Thread.sleep(300);
      List<BridgeClient> gotIt = joined.stream().filter(client -> !client.drain().isEmpty()).toList();
      assertThat(gotIt).as("the sockets of one event loop").isNotEmpty().hasSizeLessThan(joined.size());
      reached.addAll(gotIt);
    }
    assertThat(reached).containsExactlyInAnyOrderElementsOf(joined);
  }

  /**
   * The sockets of a killed listener's loop close with it; the sockets its successor accepts on
   * that loop get the video's broadcasts (the fan-out's consumers belong to no listener).
   */
  @Test
  void aKilledListenerIsRestartedWithThoseAfterItWhileTheEndpointAndTheFanOutServeOn() throws InterruptedException {
    long id = app.createVideo("ann", "Restarted");
    joinedSockets(id);
    Map<String, Pid> before = pids();
    String killed = "http." + (HttpEndpoint.LISTENERS - 1);

    node().exit(before.get(killed), ExitReason.kill());
    Eventually.until("the listener restarted", WAIT_MS, () -> pids().get(killed) != null && !pids().get(killed).equals(before.get(killed)));

    assertThat(pids().get("http")).isEqualTo(before.get("http"));
    assertThatEveryConnectionIsServed();
    List<BridgeClient> joinedAfter = joinedSockets(id);
    vertx.eventBus().publish(Channels.broadcast(id), new JsonObject().put("body", "after"));
    for (BridgeClient client : joinedAfter) {
      assertThat(client.nextOn(Channels.topic(id)).getJsonObject("body").getString("body")).isEqualTo("after");
    }
  }

  /** As many sockets as reach every listener twice, each joined to the video once a broadcast reaches it. */
  private List<BridgeClient> joinedSockets(long id) throws InterruptedException {
    List<BridgeClient> joined = new ArrayList<>();
    for (int n = 0; n < 2 * HttpEndpoint.LISTENERS; n++) {
      joined.add(clients.joined(id));
    }
    return joined;
  }

  @Test
  void aKilledEndpointIsRestartedWithEveryListenerOnItsPort() throws Exception {
    Map<String, Pid> before = pids();

    node().exit(before.get("http"), ExitReason.kill());
    Eventually.until("every listener restarted", WAIT_MS,
      () -> pids().entrySet().stream().allMatch(child -> child.getValue() != null && !child.getValue().equals(before.get(child.getKey()))));

    assertThat(HttpEndpoint.port(node()).await()).isNotNull();
    assertThatEveryConnectionIsServed(HttpEndpoint.port(node()).await());
  }

  private void assertThatEveryConnectionIsServed() {
    assertThatEveryConnectionIsServed(app.port());
  }

  /** Connections enough to reach every listener twice, each a new one. */
  private void assertThatEveryConnectionIsServed(int port) {
    WebClient client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false).setDefaultHost("127.0.0.1").setDefaultPort(port));
    for (int n = 0; n < 2 * HttpEndpoint.LISTENERS; n++) {
      assertThat(client.get("/health").send().await().statusCode()).isEqualTo(200);
    }
    client.close();
  }

  private Node node() {
    return app.node();
  }

  private List<ChildInfo> children() {
    return Supervisor.whichChildren(node(), Name.local(HttpEndpoint.SUPERVISOR)).await();
  }

  private Map<String, Pid> pids() {
    return children().stream().filter(child -> child.pid() != null).collect(Collectors.toMap(ChildInfo::id, ChildInfo::pid));
  }
}
