package dev.rumbl.video;

/** Input that breaks a rule of videos or annotations; its message names the field and the rule. */
public final class InvalidInput extends RuntimeException {

  public InvalidInput(String message) {
    super(message, null, false, false);
  }
}
