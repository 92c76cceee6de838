package dev.rumbl.account;

import java.nio.file.Path;
import java.util.Set;

/**
 * How accounts and tokens are configured: the token signing secret ({@code auth.secret}, null to
 * use the key kept in {@code keyFile}, made on first start), how long a token is valid
 * ({@code auth.tokenTtlSeconds}), and the names no account may take (every backend's user,
 * compared ignoring case). {@link #toString} hides the secret.
 */
public record AuthSettings(String secret, int tokenTtlSeconds, Path keyFile, Set<String> reservedNames) {

  /** The file in the data directory that keeps the generated key. */
  public static final String KEY_FILE = "auth.key";

  public AuthSettings {
    reservedNames = Set.copyOf(reservedNames);
  }

  /** Settings for an application whose data directory is dataDir. */
  public static AuthSettings inDataDir(String secret, int tokenTtlSeconds, Path dataDir, Set<String> reservedNames) {
    return new AuthSettings(secret, tokenTtlSeconds, dataDir.resolve(KEY_FILE), reservedNames);
  }

  @Override
  public String toString() {
    return "AuthSettings[secret=" + (secret == null ? "none" : "(hidden)") + ", tokenTtlSeconds=" + tokenTtlSeconds
      + ", keyFile=" + keyFile + ", reservedNames=" + reservedNames + "]";
  }
}
