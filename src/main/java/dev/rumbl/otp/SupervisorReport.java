package dev.rumbl.otp;

import java.util.List;

/**
 * A supervisor as observers see it: its pid and name (null if none), strategy, intensity, how
 * many restarts it has made since it started, its child counts, and its first
 * {@value #MAX_LISTED} children in start order.
 */
public record SupervisorReport(Pid pid, Name name, Strategy strategy, int maxRestarts, int maxSeconds,
                               int restarts, ChildCounts counts, List<ChildInfo> children) {

  public static final int MAX_LISTED = 100;
}
