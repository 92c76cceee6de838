package dev.rumbl.video;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A place in a video's annotations, ordered by {@code at}, then id: the last annotation a client
 * received, written {@code <at>:<id>}; a page read after it starts with the next annotation.
 * {@link #START} is before every annotation. {@link #parse} throws {@link InvalidInput} for any
 * other text: both parts decimal, at 0..{@value AnnotationInput#MAX_AT}, id 0..{@value Long#MAX_VALUE}.
 */
public record AnnotationCursor(int at, long id) {

  public static final AnnotationCursor START = new AnnotationCursor(-1, 0);

  private static final Pattern FORM = Pattern.compile("(\\d{1,9}):(\\d{1,19})");

  public static AnnotationCursor parse(String text) {
    Matcher matcher = FORM.matcher(text);
    if (!matcher.matches()) {
      throw malformed(text);
    }
    int at = Integer.parseInt(matcher.group(1));
    long id;
    try {
      id = Long.parseLong(matcher.group(2));
    } catch (NumberFormatException tooLarge) {
      throw malformed(text);
    }
    if (at > AnnotationInput.MAX_AT) {
      throw malformed(text);
    }
    return new AnnotationCursor(at, id);
  }

  /** The cursor just after this annotation. */
  public static AnnotationCursor after(Annotation annotation) {
    return new AnnotationCursor(annotation.at(), annotation.id());
  }

  @Override
  public String toString() {
    return at + ":" + id;
  }

  private static InvalidInput malformed(String text) {
    String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
    return new InvalidInput("after must be <at>:<id> of the last annotation received (at 0.." + AnnotationInput.MAX_AT
      + "), not '" + shown + "'");
  }
}
