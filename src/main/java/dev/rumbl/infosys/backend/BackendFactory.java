package dev.rumbl.infosys.backend;

import dev.rumbl.infosys.Backend;
import dev.rumbl.infosys.InfoSysConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;

import java.util.Optional;

/**
 * Makes one backend when InfoSys starts, with the shared HTTP client and the configuration; an
 * empty Optional means the configuration disables the backend (the factory logs why, once). A
 * failed Future fails the start of InfoSys.
 */
@FunctionalInterface
public interface BackendFactory {

  Future<Optional<Backend>> create(Vertx vertx, WebClient client, InfoSysConfig config);
}
