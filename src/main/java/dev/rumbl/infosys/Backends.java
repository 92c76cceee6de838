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

  /**
   * The enabled backends in configuration order, and what every compute that uses them reaches for:
   * the slots bounding them, the node's compute times and backend outcomes (found once here rather
   * than in the node's shared data per compute), and a source here for each backend.
   */
  static final class Enabled {
    private final Map<String, Backend> byName = new LinkedHashMap<>();
    private final List<Source> everyBackendHere;
    private final ComputeSlots slots;
    private final ComputeTimes times;
    private final BackendOutcomes outcomes;

    Enabled(List<Backend> backends, ComputeSlots slots, Vertx vertx) {
      backends.forEach(backend -> byName.put(backend.name(), backend));
      this.everyBackendHere = backends.stream().<Source>map(Source.Here::new).toList();
      this.slots = slots;
      this.times = ComputeTimes.of(vertx);
      this.outcomes = BackendOutcomes.of(vertx);
    }

    ComputeSlots slots() {
      return slots;
    }

    ComputeTimes times() {
      return times;
    }

    BackendOutcomes outcomes() {
      return outcomes;
    }

    /** A source here for each enabled backend, in configuration order. */
    List<Source> everyBackendHere() {
      return everyBackendHere;
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
      Enabled enabled = new Enabled(backends, new ComputeSlots(config.maxConcurrentComputes()), vertx);
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
