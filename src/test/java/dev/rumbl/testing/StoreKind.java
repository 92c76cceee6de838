package dev.rumbl.testing;

import dev.rumbl.video.StorageSettings;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;

/**
 * The two databases a storage test runs against: {@link #H2}, the embedded file in the data
 * directory, and {@link #POSTGRES}, a fresh database of the tests' PostgreSQL server
 * ({@link TestPostgres}: skipped locally when none answers, a failure in CI). Each call gives new,
 * empty storage.
 */
public enum StoreKind {
  H2,
  POSTGRES;

  /** Storage settings naming new, empty storage (dataDir holds H2's file). */
  public StorageSettings settings(Path dataDir) {
    return this == H2 ? StorageSettings.inDataDir(dataDir) : StorageSettings.postgres(dataDir, TestPostgres.freshDatabase());
  }

  /** Configuration overrides of a whole test application storing in new, empty storage. */
  public JsonObject appOverrides() {
    JsonObject overrides = new JsonObject();
    if (this == POSTGRES) {
      overrides.put("storage", new JsonObject().put("url", TestPostgres.freshDatabase()));
    }
    return overrides;
  }
}
