package dev.rumbl.otp;

/** A test server whose requests are plain strings, so it can be reached from other nodes: cast "inc", call "get" (and "never", which it never answers). */
final class IncCounter extends GenServer<Integer> {

  private final int initial;

  IncCounter(int initial) {
    this.initial = initial;
  }

  @Override
  protected Init<Integer> init() {
    return Init.ok(initial);
  }

  @Override
  protected Outcome<Integer> handleCast(Object request, Integer count) {
    return "inc".equals(request) ? noreply(count + 1) : super.handleCast(request, count);
  }

  @Override
  protected Outcome<Integer> handleCall(Object request, From from, Integer count) {
    if ("get".equals(request)) {
      return reply(count, count);
    }
    if ("whoami".equals(request)) {
      return reply(self(), count);
    }
    if ("never".equals(request)) {
      return noreply(count);
    }
    return super.handleCall(request, from, count);
  }
}
