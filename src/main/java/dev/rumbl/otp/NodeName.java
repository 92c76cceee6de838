package dev.rumbl.otp;

import java.util.Objects;

/**
 * The process registered under a local name on a given node, OTP's {@code {Name, Node}}: the name
 * is looked up on that node when the message arrives there, so it reaches whichever process holds
 * the name then. Accepted wherever a {@link Dest} is (send, call, cast, stop), and by
 * {@link Node#monitor(NodeName)}, OTP's {@code monitor(process, {Name, Node})}. A call answers
 * {@code noproc} when nobody holds the name on that node and {@code noconnection} when the node is
 * not in the cluster, where OTP answers {@code {nodedown, Node}}: the toolkit has one reason for
 * every lost or unknown node. A send to a remote node cannot know whether the name is held there,
 * so it is dropped there when not, as Erlang's {@code {Name, Node} ! Msg}.
 */
public record NodeName(Name name, String node) implements Dest {

  /** The local name on node; a global name is refused (it is the same process from every node already). */
  public NodeName {
    Objects.requireNonNull(name, "name");
    if (name.scope() != Name.Scope.LOCAL) {
      throw new IllegalArgumentException("{Name, Node} takes a local name, not " + name);
    }
    if (node == null || node.isBlank()) {
      throw new IllegalArgumentException("a node id must not be blank");
    }
  }

  @Override
  public String toString() {
    return "{" + name + ", " + node + "}";
  }
}
