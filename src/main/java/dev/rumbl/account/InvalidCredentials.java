package dev.rumbl.account;

/** A sign-in with an unknown name or a wrong password: which of the two is never said. */
public final class InvalidCredentials extends RuntimeException {

  public InvalidCredentials() {
    super("invalid_credentials", null, false, false);
  }
}
