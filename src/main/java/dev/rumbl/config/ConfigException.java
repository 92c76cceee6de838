package dev.rumbl.config;

/**
 * A configuration value that cannot be used: its message is one line naming the key (and the
 * environment variable it came from, if any) and what is wrong, fit to print as is.
 */
public final class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message, null, false, false);
  }
}
