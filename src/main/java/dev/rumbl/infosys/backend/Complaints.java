package dev.rumbl.infosys.backend;

import dev.rumbl.infosys.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a remote backend reports that it could not answer: the first failure of each kind (HTTP
 * error, unreachable, malformed body) is logged at WARN with its reason, later ones of that kind at
 * DEBUG, never with a stack trace, so a backend that is down does not flood the log.
 */
final class Complaints {

  private static final Logger log = LoggerFactory.getLogger(Complaints.class);

  private final String backend;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  Complaints(String backend) {
    this.backend = backend;
  }

  /** Logs the failure and returns no results. */
  List<Result> noResults(String kind, String reason) {
    if (seen.add(kind)) {
      log.warn("{} answered nothing: {} ({}); further {} failures are logged at DEBUG", backend, kind, reason, kind);
    } else {
      log.debug("{} answered nothing: {} ({})", backend, kind, reason);
    }
    return List.of();
  }
}
