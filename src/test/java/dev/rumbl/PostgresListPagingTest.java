package dev.rumbl;

import dev.rumbl.testing.StoreKind;

/** Every test of {@link ListPagingTest}, with the application storing in PostgreSQL. */
class PostgresListPagingTest extends ListPagingTest {

  @Override
  StoreKind store() {
    return StoreKind.POSTGRES;
  }
}
