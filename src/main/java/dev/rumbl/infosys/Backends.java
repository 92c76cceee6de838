package dev.rumbl.infosys;

import dev.rumbl.infosys.backend.BackendCatalog;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.GenServer;
import dev.rumbl.otp.Init;
import dev.rumbl.otp.NodeLocal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The process that owns the backends: at start it makes every configured backend (loading what
 * they need, such as the local knowledge base) with one shared HTTP client, and publishes the
 * enabled ones for {@link InfoSys#compute}, with the node's {@link ComputeSlots}; at exit it withdraws them and closes the client. Its
 * start fails when a configured backend is unknown or cannot be made.
 */
final class Backends extends GenServer<Backends.Enabled> {

  static final String NAME = "infosys.backends";
  private static final String USER_AGENT = "rumbl-infosys";

  /** The enabled backends in configuration order, and the slots bounding the computes that use them. */
  static final class Enabled {
    private final Map<String, Backend> byName = new LinkedHashMap<>();
    private final ComputeSlots slots;

    Enabled(List<Backend> backends, ComputeSlots slots) {
      backends.forEach(backend -> byName.put(backend.name(), backend));
      this.slots = slots;
    }

    ComputeSlots slots() {
      return slots;
    }

    /** The enabled backend of that name, or null. */
    Backend find(String name) {
      return byName.get(name);
    }

    Set<String> names() {
      return byName.keySet();
    }

    @Override
    public String toString() {
      return byName.keySet().toString();
    }
  }

  private final InfoSysConfig config;
  private final BackendCatalog catalog;
  private WebClient client;

  Backends(InfoSysConfig config, BackendCatalog catalog) {
    this.config = config;
    this.catalog = catalog;
  }

  /** The enabled backends of this Vert.x instance, or null when InfoSys is not running. */
  static Enabled enabled(Vertx vertx) {
    return NodeLocal.lookup(vertx, NAME, Enabled.class);
  }

  @Override
  protected Init<Enabled> init() {
    client = WebClient.create(vertx, new WebClientOptions().setUserAgent(USER_AGENT));
    List<Future<Optional<Backend>>> made = new ArrayList<>();
    for (String name : config.backends()) {
      made.add(catalog.factory(name).create(vertx, client, config));
    }
    return Init.async(Future.all(made).map(all -> {
      List<Backend> backends = new ArrayList<>();
      made.forEach(backend -> backend.result().ifPresent(backends::add));
      Enabled enabled = new Enabled(backends, new ComputeSlots(config.maxConcurrentComputes()));
      NodeLocal.publish(vertx, NAME, enabled);
      return enabled;
    }).onFailure(failed -> client.close()));
  }

  @Override
  protected Future<?> terminate(ExitReason reason, Enabled enabled) {
    if (enabled != null) {
      NodeLocal.withdraw(vertx, NAME, enabled);
    }
    client.close();
    return Future.succeededFuture();
  }
}
