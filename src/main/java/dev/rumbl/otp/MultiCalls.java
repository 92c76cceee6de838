package dev.rumbl.otp;

import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * OTP's {@code gen_server:multi_call} and {@code abcast} over {@link NodeName}: one call (or cast)
 * per node, all sent at once, to the name as that node knows it. See {@link Node#multiCall} and
 * {@link Node#abcast}.
 */
final class MultiCalls {

  private MultiCalls() {
  }

  static <R> Future<MultiCallResult<R>> call(Node node, Collection<String> nodes, Name name, Object request, long timeoutMs) {
    List<String> asked = new ArrayList<>(new LinkedHashSet<>(nodes));
    List<NodeName> targets;
    try {
      targets = targets(asked, name);
      if (asked.stream().anyMatch(other -> !other.equals(node.id()))) {
        Wire.encode(request);
      }
    } catch (IllegalArgumentException refused) {
      return Future.failedFuture(refused);
    }
    List<Future<R>> calls = new ArrayList<>();
    for (NodeName target : targets) {
      calls.add(node.call(target, request, timeoutMs));
    }
    return Future.join(calls).transform(settled -> {
      Map<String, R> replies = new LinkedHashMap<>();
      List<String> bad = new ArrayList<>();
      for (int i = 0; i < asked.size(); i++) {
        Future<R> call = calls.get(i);
        if (call.succeeded()) {
          replies.put(asked.get(i), call.result());
        } else {
          bad.add(asked.get(i));
        }
      }
      return Future.succeededFuture(new MultiCallResult<>(replies, bad));
    });
  }

  static void abcast(Node node, Collection<String> nodes, Name name, Object request) {
    for (NodeName target : targets(new LinkedHashSet<>(nodes), name)) {
      node.cast(target, request);
    }
  }

  /** The name on each node; IllegalArgumentException for a global name or a blank node id. */
  private static List<NodeName> targets(Collection<String> nodes, Name name) {
    if (name.scope() != Name.Scope.LOCAL) {
      throw new IllegalArgumentException("multi_call and abcast reach a local name on each node, not " + name);
    }
    return nodes.stream().map(target -> new NodeName(name, target)).toList();
  }
}
