package dev.rumbl.video;

import org.h2.engine.SysProperties;

/**
 * The one address every H2 server socket of this JVM listens on, the automatic mixed mode's
 * ({@code AUTO_SERVER=TRUE}) among them: H2 reads it from the system property {@value #PROPERTY}
 * once, when it is first used, and advertises it to the other nodes in the database's lock file.
 * {@link #apply} sets it before H2's first use and fails, naming both addresses, when H2 already
 * runs with another, so that a server never listens wider than configured.
 */
final class H2BindAddress {

  static final String PROPERTY = "h2.bindAddress";

  private H2BindAddress() {
  }

  static void apply(String address) {
    if (!address.equals(System.getProperty(PROPERTY))) {
      System.setProperty(PROPERTY, address);
    }
    String inEffect = SysProperties.BIND_ADDRESS;
    if (!address.equals(inEffect)) {
      throw new IllegalStateException("H2 already listens on " + (inEffect == null ? "every interface" : inEffect)
        + " in this JVM, not on the configured storage.autoServerBindAddress " + address + "; restart the node");
    }
  }
}
