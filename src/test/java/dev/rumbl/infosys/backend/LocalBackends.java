package dev.rumbl.infosys.backend;

import dev.rumbl.infosys.Backend;
import dev.rumbl.infosys.InfoSysConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.Optional;

/**
 * Test access to the offline backend from outside this package: the very {@link LocalBackend}
 * InfoSys makes from the configuration, for the HTTP benchmark's raw Vert.x baseline, which
 * answers from it without InfoSys.
 */
public final class LocalBackends {

  private LocalBackends() {
  }

  /** The local backend with the knowledge base of {@code config}; fails as InfoSys's start would. */
  public static Future<Backend> create(Vertx vertx, InfoSysConfig config) {
    return LocalBackend.create(vertx, null, config).map(Optional::orElseThrow);
  }
}
