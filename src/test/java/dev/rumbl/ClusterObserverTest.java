package dev.rumbl;

import dev.rumbl.otp.Name;
import dev.rumbl.testing.Eventually;
import dev.rumbl.testing.TestApp;
import dev.rumbl.testing.TwoClusteredApps;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/** The observer's routes with {@code ?node=}: one node's HTTP API shows another node's tree, load and processes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterObserverTest {

  private static final String TOKEN = "observer-token";
  private static final JsonObject SETTINGS = new JsonObject().put("adminToken", TOKEN)
    .put("infosys", new JsonObject().put("backends", new JsonArray().add("local")));

  private TwoClusteredApps apps;
  private TestApp a;
  private TestApp b;

  @BeforeAll
  void startTwoNodes() {
    apps = TwoClusteredApps.start(SETTINGS);
    a = apps.a();
    b = apps.b();
  }

  @AfterAll
  void stopNodes() {
    apps.stop();
  }

  @Test
  void oneNodeListsTheNodesAndShowsAnothersTreeAndProcesses() {
    String idB = b.node().id();
    JsonObject nodes = send(a.client().get("/api/observer/nodes")).bodyAsJsonObject();
    assertThat(nodes.getString("self")).isEqualTo(a.node().id());
    assertThat(nodes.getJsonArray("nodes").getList()).containsExactlyInAnyOrder(a.node().id(), idB);

    JsonObject treeB = send(a.client().get("/api/supervisors?node=" + idB)).bodyAsJsonObject();
    assertThat(treeB.getString("node")).isEqualTo(idB);
    assertThat(treeB.getString("pid")).isEqualTo(b.node().whereis(RumblTree.ROOT).await().toString());
    assertThat(send(a.client().get("/api/supervisors")).bodyAsJsonObject().getString("node")).isEqualTo(a.node().id());

    String counterB = b.node().whereis(Name.local("counter")).await().toString();
    JsonObject info = send(a.client().get("/api/processes/counter?node=" + idB)).bodyAsJsonObject();
    assertThat(info.getString("pid")).isEqualTo(counterB);
    assertThat(info.containsKey("state")).isFalse();
    JsonObject asAdmin = send(a.client().get("/api/processes/counter?node=" + idB).bearerTokenAuthentication(TOKEN)).bodyAsJsonObject();
    assertThat(asAdmin.getString("state")).isNotBlank();

    HttpResponse<Buffer> none = send(a.client().get("/api/processes/nobody-here?node=" + idB));
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(none.bodyAsJsonObject()).isEqualTo(new JsonObject().put("error", "noproc"));
  }

  @Test
  void oneNodeShowsAnothersLoadAndAnUnknownNodeIsNotFound() {
    String idB = b.node().id();
    Eventually.until("node B has a load sample", 10_000,
      () -> !send(a.client().get("/api/observer/load?node=" + idB)).bodyAsJsonObject().getJsonArray("samples").isEmpty());

    JsonObject load = send(a.client().get("/api/observer/load?node=" + idB)).bodyAsJsonObject();
    assertThat(load.getString("node")).isEqualTo(idB);
    assertThat(load.getJsonArray("samples").getJsonObject(0).getString("node")).isEqualTo(idB);

    for (String path : new String[] {"/api/supervisors?node=nope", "/api/observer/load?node=nope", "/api/processes/counter?node=nope"}) {
      HttpResponse<Buffer> unknown = send(a.client().get(path));
      assertThat(unknown.statusCode()).as(path).isEqualTo(404);
      assertThat(unknown.bodyAsJsonObject().getString("error")).as(path).isEqualTo("no such node");
    }
  }

  private static HttpResponse<Buffer> send(HttpRequest<Buffer> request) {
    return request.send().await();
  }
}
