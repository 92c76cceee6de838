package dev.rumbl;

import dev.rumbl.otp.Supervisor;
import dev.rumbl.testing.ClusterNodes;
import dev.rumbl.testing.TestApp;
import dev.rumbl.video.Storage;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /health/ready checks each subsystem and names the one that is down; GET /health stays liveness. */
@ExtendWith(VertxExtension.class)
class ReadinessTest {

  @Test
  void readyWhileEveryCheckIsUpAndNamingStorageWhileItIsDownWhileLivenessStaysUp(Vertx vertx) {
    TestApp app = TestApp.start(vertx, TestApp.LOCAL_ONLY.copy()).await();

    HttpResponse<Buffer> ready = app.client().get("/health/ready").send().await();
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.bodyAsJsonObject().getJsonArray("checks").stream().map(check -> ((JsonObject) check).getString("id")))
      .containsExactlyInAnyOrder("root", "storage");

    Supervisor.terminateChild(app.node(), RumblTree.ROOT, Storage.NAME).await();
    HttpResponse<Buffer> down = app.client().get("/health/ready").send().await();
    HttpResponse<Buffer> live = app.client().get("/health").send().await();
    Supervisor.restartChild(app.node(), RumblTree.ROOT, Storage.NAME).await();
    HttpResponse<Buffer> back = app.client().get("/health/ready").send().await();

    assertThat(down.statusCode()).isEqualTo(503);
    JsonObject storage = down.bodyAsJsonObject().getJsonArray("checks").stream().map(JsonObject.class::cast)
      .filter(check -> check.getString("id").equals("storage")).findFirst().orElseThrow();
    assertThat(storage.getString("status")).isEqualTo("DOWN");
    assertThat(down.bodyAsJsonObject().getString("status")).isEqualTo("DOWN");
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "UP"));
    assertThat(back.statusCode()).isEqualTo(200);
    app.stop().await();
  }

  @Test
  void aClusteredNodeIsAlsoCheckedForItsMembership() {
    Vertx clustered = ClusterNodes.start(ClusterNodes.newName(), ClusterNodes.randomBasePort());
    try {
      TestApp app = TestApp.start(clustered, TestApp.LOCAL_ONLY.copy()).await();
      HttpResponse<Buffer> ready = app.client().get("/health/ready").send().await();

      assertThat(ready.statusCode()).isEqualTo(200);
      JsonObject cluster = ready.bodyAsJsonObject().getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(check -> check.getString("id").equals("cluster")).findFirst().orElseThrow();
      assertThat(cluster.getString("status")).isEqualTo("UP");
      assertThat(cluster.getJsonObject("data").getInteger("members")).isEqualTo(1);
      app.stop().await();
    } finally {
      clustered.close().await();
    }
  }
}
