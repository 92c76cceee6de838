package dev.rumbl.otp;

import io.vertx.core.Future;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A process that holds one state value, as Elixir's {@code Agent}: every function given to it
 * runs inside the agent, one at a time, so the state is never shared. {@code get},
 * {@code update} and {@code getAndUpdate} wait for the agent ({@link Node#DEFAULT_CALL_TIMEOUT_MS}
 * by default, as Elixir's 5,000 ms, or the timeout given) and fail with {@link ExitException} as
 * {@link Node#call} does ({@code timeout} when the agent has not answered in time); {@code cast} does not
 * wait. Functions are Java objects: an agent is reached from its own node only.
 */
public final class Agent<S> extends GenServer<S> {

  private final Supplier<S> initial;

  private record Get<S, R>(Function<S, R> fn) {
  }

  private record Update<S>(UnaryOperator<S> fn) {
  }

  private record GetAndUpdate<S, R>(Function<S, Map.Entry<R, S>> fn) {
  }

  /** An agent whose state starts as {@code initial.get()}, computed inside the agent. */
  public Agent(Supplier<S> initial) {
    this.initial = initial;
  }

  public static <S> Future<Pid> start(Node node, Supplier<S> initial) {
    return node.spawn(new Agent<>(initial));
  }

  public static <S> Future<Pid> start(Node node, Supplier<S> initial, Name name) {
    return node.spawn(new Agent<>(initial).named(name));
  }

  /** The value of {@code fn} applied to the state. */
  public static <S, R> Future<R> get(Node node, Dest agent, Function<S, R> fn) {
    return get(node, agent, fn, Node.DEFAULT_CALL_TIMEOUT_MS);
  }

  /** The value of {@code fn} applied to the state; fails with {@code timeout} after timeoutMs, as {@code Agent.get/3}. */
  public static <S, R> Future<R> get(Node node, Dest agent, Function<S, R> fn, long timeoutMs) {
    return node.call(agent, new Get<>(fn), timeoutMs);
  }

  /** Replaces the state with {@code fn(state)}; completes when done. */
  public static <S> Future<Void> update(Node node, Dest agent, UnaryOperator<S> fn) {
    return update(node, agent, fn, Node.DEFAULT_CALL_TIMEOUT_MS);
  }

  /** Replaces the state with {@code fn(state)}; fails with {@code timeout} after timeoutMs (the update may still happen). */
  public static <S> Future<Void> update(Node node, Dest agent, UnaryOperator<S> fn, long timeoutMs) {
    return node.call(agent, new Update<>(fn), timeoutMs);
  }

  /** {@code fn} returns the value to answer and the new state, as {@code Map.entry(value, newState)}. */
  public static <S, R> Future<R> getAndUpdate(Node node, Dest agent, Function<S, Map.Entry<R, S>> fn) {
    return getAndUpdate(node, agent, fn, Node.DEFAULT_CALL_TIMEOUT_MS);
  }

  /** As {@link #getAndUpdate(Node, Dest, Function)}, failing with {@code timeout} after timeoutMs. */
  public static <S, R> Future<R> getAndUpdate(Node node, Dest agent, Function<S, Map.Entry<R, S>> fn, long timeoutMs) {
    return node.call(agent, new GetAndUpdate<>(fn), timeoutMs);
  }

  /** Replaces the state with {@code fn(state)} without waiting. */
  public static <S> void cast(Node node, Dest agent, UnaryOperator<S> fn) {
    node.cast(agent, new Update<>(fn));
  }

  /** Stops the agent with reason {@code normal}; completes when it has exited. */
  public static Future<Void> stop(Node node, Dest agent) {
    return node.stop(agent, ExitReason.normal());
  }

  @Override
  protected Init<S> init() {
    return Init.ok(initial.get());
  }

  @Override
  @SuppressWarnings("unchecked")
  protected Outcome<S> handleCall(Object request, From from, S state) {
    if (request instanceof Get<?, ?> get) {
      return reply(((Get<S, ?>) get).fn().apply(state), state);
    } else if (request instanceof Update<?> update) {
      return reply(null, ((Update<S>) update).fn().apply(state));
    } else if (request instanceof GetAndUpdate<?, ?> getAndUpdate) {
      Map.Entry<?, S> result = ((GetAndUpdate<S, ?>) getAndUpdate).fn().apply(state);
      return reply(result.getKey(), result.getValue());
    }
    return super.handleCall(request, from, state);
  }

  @Override
  @SuppressWarnings("unchecked")
  protected Outcome<S> handleCast(Object request, S state) {
    if (request instanceof Update<?> update) {
      return noreply(((Update<S>) update).fn().apply(state));
    }
    return super.handleCast(request, state);
  }
}
