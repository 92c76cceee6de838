package dev.rumbl;

import dev.rumbl.testing.StoreKind;

/** Every case of {@link BadInputTest}, with the application storing in PostgreSQL. */
class PostgresBadInputTest extends BadInputTest {

  @Override
  StoreKind store() {
    return StoreKind.POSTGRES;
  }
}
