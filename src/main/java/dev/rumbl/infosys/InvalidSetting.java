package dev.rumbl.infosys;

/**
 * A value of the {@code infosys} section that cannot be used: names its full key, the value found
 * (null when missing) and what was expected. The message never shows the value, which may be a
 * secret; whoever reads the whole configuration may show it with the key's own rules.
 */
public final class InvalidSetting extends IllegalArgumentException {

  private final String key;
  private final transient Object value;
  private final String expected;

  public InvalidSetting(String key, Object value, String expected) {
    super("configuration " + key + " " + expected);
    this.key = key;
    this.value = value;
    this.expected = expected;
  }

  /** The full dotted key, such as {@code infosys.wolfram.timeoutMs}. */
  public String key() {
    return key;
  }

  /** The value found, null when missing. */
  public Object value() {
    return value;
  }

  /** What the key accepts, such as {@code must be a positive integer}. */
  public String expected() {
    return expected;
  }
}
