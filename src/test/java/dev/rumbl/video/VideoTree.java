package dev.rumbl.video;

import dev.rumbl.infosys.BackendCatalog;
import dev.rumbl.infosys.InfoSys;
import dev.rumbl.infosys.InfoSysConfig;
import dev.rumbl.otp.ChildSpec;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorSpec;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The video part of the application's tree in a test's Vert.x: storage in dataDir, InfoSys with the offline local backend, the channels. */
final class VideoTree {

  static final List<String> BACKEND_USERS = List.of("local", "wikipedia", "wolfram");

  private VideoTree() {
  }

  static Pid start(Vertx vertx, Path dataDir, ChildSpec... more) {
    InfoSysConfig infosys = InfoSysConfig.fromJson(new JsonObject().put("backends", new JsonArray().add("local")));
    List<ChildSpec> children = new ArrayList<>(List.of(
      Storage.childSpec(dataDir, BACKEND_USERS),
      InfoSys.childSpec(infosys, BackendCatalog.standard()),
      Channels.supervisorSpec()));
    children.addAll(List.of(more));
    return Supervisor.start(Node.of(vertx), SupervisorSpec.oneForOne(children.toArray(ChildSpec[]::new))).await();
  }
}
