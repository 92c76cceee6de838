package dev.rumbl.video;

/**
 * How the storage process talks to its database: at most {@code maxSize} connections;
 * {@code connectTimeoutMs} to open one (and the longest an operation waits for a free one, so that
 * a write never hangs on an unreachable database); on PostgreSQL up to {@code pipeliningLimit}
 * statements sent on one connection before their answers; a connection idle for
 * {@code idleTimeoutSeconds} is closed. {@link #DEFAULTS} are the shipped configuration's.
 */
public record StoragePool(int maxSize, int connectTimeoutMs, int pipeliningLimit, int idleTimeoutSeconds) {

  public static final StoragePool DEFAULTS = new StoragePool(8, 5000, 256, 300);

  public StoragePool {
    if (maxSize < 1 || connectTimeoutMs < 1 || pipeliningLimit < 1 || idleTimeoutSeconds < 1) {
      throw new IllegalArgumentException("every storage pool setting must be at least 1: " + this);
    }
  }

  /** The most operations that may wait for a free connection; past it one fails at once. */
  public int maxWaiting() {
    return maxSize * 256;
  }
}
