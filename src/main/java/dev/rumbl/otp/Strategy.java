package dev.rumbl.otp;

import java.util.List;

/**
 * How a supervisor restarts after one child fails, as OTP's strategies:
 * <ul>
 *   <li>{@link #ONE_FOR_ONE}: only the failed child is restarted;</li>
 *   <li>{@link #ONE_FOR_ALL}: the other children are stopped in reverse start order, then all are
 *       started again in order;</li>
 *   <li>{@link #REST_FOR_ONE}: the children started after the failed one are stopped in reverse
 *       order, then the failed one and those are started again in order;</li>
 *   <li>{@link #SIMPLE_ONE_FOR_ONE}: one child template, children added at run time with
 *       {@code startChild(arg)}, each restarted on its own; all are stopped at once.</li>
 * </ul>
 */
public enum Strategy {
  ONE_FOR_ONE,
  ONE_FOR_ALL,
  REST_FOR_ONE,
  SIMPLE_ONE_FOR_ONE;

  /** The children, in start order, that restart together when {@code failed} does. */
  <C> List<C> affected(List<C> children, C failed) {
    return switch (this) {
      case ONE_FOR_ONE, SIMPLE_ONE_FOR_ONE -> List.of(failed);
      case ONE_FOR_ALL -> List.copyOf(children);
      case REST_FOR_ONE -> List.copyOf(children.subList(children.indexOf(failed), children.size()));
    };
  }
}
