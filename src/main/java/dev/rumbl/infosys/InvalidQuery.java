package dev.rumbl.infosys;

/** A compute request that cannot be run as given; the message names the problem and is meant for the user. */
public final class InvalidQuery extends IllegalArgumentException {

  public InvalidQuery(String message) {
    super(message);
  }
}
