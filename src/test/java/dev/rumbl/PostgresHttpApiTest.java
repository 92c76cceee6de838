package dev.rumbl;

import dev.rumbl.testing.StoreKind;

/** Every test of {@link HttpApiTest}, with the application storing in PostgreSQL. */
class PostgresHttpApiTest extends HttpApiTest {

  @Override
  StoreKind store() {
    return StoreKind.POSTGRES;
  }
}
