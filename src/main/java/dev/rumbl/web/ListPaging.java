package dev.rumbl.web;

import dev.rumbl.video.AnnotationCursor;
import dev.rumbl.video.VideoStore;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * Reads the paging parameters of the list routes: {@code limit}, 1..{@value VideoStore#MAX_PAGE},
 * {@value #DEFAULT_LIMIT} when absent, and {@code after}, the cursor made from the last item
 * received (a video id, or an annotation's {@code <at>:<id>}), the start when absent. A malformed
 * or repeated parameter is a 400 naming it.
 */
final class ListPaging {

  static final int DEFAULT_LIMIT = 500;
  static final String LIMIT = "limit";
  static final String AFTER = "after";

  private ListPaging() {
  }

  static int limit(RoutingContext ctx) {
    String text = single(ctx, LIMIT);
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    return (int) number(text, LIMIT, 1, VideoStore.MAX_PAGE);
  }

  /** The id of the last video received, 0 for the first page. */
  static long videoCursor(RoutingContext ctx) {
    String text = single(ctx, AFTER);
    return text == null ? 0 : number(text, AFTER, 0, Long.MAX_VALUE);
  }

  static AnnotationCursor annotationCursor(RoutingContext ctx) {
    String text = single(ctx, AFTER);
    return text == null ? AnnotationCursor.START : AnnotationCursor.parse(text);
  }

  private static String single(RoutingContext ctx, String name) {
    List<String> values = ctx.queryParam(name);
    if (values.size() > 1) {
      throw Replies.badRequest(name + " must be given at most once");
    }
    return values.isEmpty() ? null : values.get(0);
  }

  private static long number(String text, String name, long min, long max) {
    String problem = name + " must be an integer between " + min + " and " + max;
    if (!text.matches("\\d{1,19}")) {
      throw Replies.badRequest(problem);
    }
    try {
      long value = Long.parseLong(text);
      if (value < min || value > max) {
        throw Replies.badRequest(problem);
      }
      return value;
    } catch (NumberFormatException tooLarge) {
      throw Replies.badRequest(problem);
    }
  }
}
