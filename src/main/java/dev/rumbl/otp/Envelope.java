package dev.rumbl.otp;

/**
 * The system messages of the process protocol. Anything else that reaches a mailbox is an info
 * message for the process.
 */
final class Envelope {

  static final String CALL = "call";
  static final String SYSTEM = "system";

  private Envelope() {
  }

  /** How a request of the kind ({@value #CALL}, {@value #SYSTEM}, ...) is written in a crash report: {@code {call, request}}. */
  static String describe(String kind, Object request) {
    return "{" + kind + ", " + request + "}";
  }

  /** A synchronous request of this node; the reply goes to the caller through from. */
  record Call(Object request, From from) {
    @Override
    public String toString() {
      return describe(CALL, request);
    }
  }

  /**
   * A system request of {@link Sys} (OTP's {@code {system, From, Request}}): handled by a
   * {@link GenServer} between its other messages, in mailbox order, and never passed to its
   * handlers; answered through from as a call is.
   */
  record System(Object request, From from) {
    @Override
    public String toString() {
      return describe(SYSTEM, request);
    }
  }

  /** An asynchronous request. */
  record Cast(Object request) {
    @Override
    public String toString() {
      return "{cast, " + request + "}";
    }
  }

  /** An exit signal from a linked process (or from the parent shutting its child down). */
  record Signal(Pid from, ExitReason reason) {
  }

  /** Asks the process to stop with the reason, running terminate, as {@code GenServer.stop} does. */
  record Stop(ExitReason reason) {
  }
}
