package dev.rumbl.video;

/**
 * The storage process is not running, or stopped while the operation ran (it is being restarted):
 * the operation did not happen, and may be tried again once storage is back.
 */
public final class StorageUnavailable extends RuntimeException {

  public StorageUnavailable() {
    super("storage is not running");
  }

  public StorageUnavailable(Throwable cause) {
    super("storage stopped during the operation: " + cause.getMessage(), cause);
  }
}
