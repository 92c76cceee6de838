package dev.rumbl;

import dev.rumbl.testing.StoreKind;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;

/**
 * Every check of {@link ClusterVideoTest} (shared channel, remote replies, failover) with the nodes
 * sharing nothing but one PostgreSQL database, as nodes on several hosts do: each node keeps its
 * own data directory.
 */
class PostgresClusterVideoTest extends ClusterVideoTest {

  private JsonObject storage;

  @Override
  JsonObject nodeConfig(Path shared) {
    if (storage == null) {
      storage = StoreKind.POSTGRES.appOverrides();
    }
    return super.nodeConfig(shared).mergeIn(storage.copy()).put("dataDir", shared.resolve("node-" + System.nanoTime()).toString());
  }
}
