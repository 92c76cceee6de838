package dev.rumbl.video;

import dev.rumbl.infosys.Backend;
import dev.rumbl.infosys.InfoSys;
import dev.rumbl.infosys.InfoSysConfig;
import dev.rumbl.infosys.backend.BackendCatalog;
import dev.rumbl.otp.ChildSpec;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

  /** The same tree with InfoSys asking only the given backend, and channels stopping after channelIdleMs without an annotation. */
  static Pid start(Vertx vertx, Path dataDir, Backend backend, long channelIdleMs) {
    InfoSysConfig infosys = InfoSysConfig.defaults().withBackends(List.of(backend.name()));
    BackendCatalog catalog = BackendCatalog.standard().with(backend.name(), (v, client, config) -> Future.succeededFuture(Optional.of(backend)));
    return Supervisor.start(Node.of(vertx), SupervisorSpec.oneForOne(
      Storage.childSpec(dataDir, BACKEND_USERS),
      InfoSys.childSpec(infosys, catalog),
      Channels.supervisorSpec(channelIdleMs))).await();
  }
}
