package dev.rumbl.otp;

/** Identifies one monitor, as returned by {@link Node#monitor(Pid)}; unique across nodes. */
public record MonitorRef(String node, long id) {

  @Override
  public String toString() {
    return "#Reference<" + node + "." + id + ">";
  }
}
