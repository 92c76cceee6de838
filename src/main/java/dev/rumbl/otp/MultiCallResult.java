package dev.rumbl.otp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of {@link Node#multiCall}, OTP's {@code {Replies, BadNodes}}: the reply of each node
 * whose server answered, by node id in the order the nodes were asked, and the nodes that did not
 * answer: not in the cluster, nobody holding the name there, no reply within the timeout, or the
 * server exiting before it replied. Every node asked is in exactly one of the two.
 */
public record MultiCallResult<R>(Map<String, R> replies, List<String> badNodes) {

  public MultiCallResult {
    replies = Collections.unmodifiableMap(new LinkedHashMap<>(replies));
    badNodes = List.copyOf(badNodes);
  }
}
