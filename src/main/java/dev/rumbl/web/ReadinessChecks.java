package dev.rumbl.web;

import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.video.Storage;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;

/**
 * The node's readiness, one check per subsystem, each answering within {@value #TIMEOUT_MS} ms or
 * counted down: {@value #ROOT} (the root supervisor is alive), {@value #STORAGE} (a storage process
 * runs and its database answers a round trip) and, on a clustered node only, {@value #CLUSTER}
 * (this node is among the cluster's members). A check that is down says why in its data, never
 * with a secret (the database's error message names no password).
 */
final class ReadinessChecks {

  static final String ROOT = "root";
  static final String STORAGE = "storage";
  static final String CLUSTER = "cluster";
  static final long TIMEOUT_MS = 2000;

  private ReadinessChecks() {
  }

  static HealthChecks of(Node node, Name root) {
    HealthChecks checks = HealthChecks.create(node.vertx())
      .register(ROOT, TIMEOUT_MS, promise -> root(node, root, promise))
      .register(STORAGE, TIMEOUT_MS, promise -> Storage.reachable(node.vertx()).onComplete(reached -> promise.complete(
        reached.succeeded() ? Status.OK() : Status.KO(new JsonObject().put("reason", String.valueOf(reached.cause().getMessage()))))));
    if (node.isClustered()) {
      checks.register(CLUSTER, TIMEOUT_MS, promise -> promise.complete(node.nodes().contains(node.id())
        ? Status.OK(new JsonObject().put("members", node.nodes().size()))
        : Status.KO(new JsonObject().put("reason", "this node is not among the cluster's members"))));
    }
    return checks;
  }

  private static void root(Node node, Name root, Promise<Status> promise) {
    node.whereis(root).onComplete(found -> promise.complete(found.succeeded() && found.result() != null && node.isAlive(found.result())
      ? Status.OK()
      : Status.KO(new JsonObject().put("reason", "the root supervisor " + root + " is not running"))));
  }
}
