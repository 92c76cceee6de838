package dev.rumbl.infosys.backend;

import dev.rumbl.infosys.Backend;
import dev.rumbl.infosys.InfoSysConfig;
import dev.rumbl.infosys.Result;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.BreakIterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Wikipedia's page-summary REST API ({@code GET baseUrl + title}, the title being the question
 * without a leading "what is", "who was", "the", ...): the first sentence of the page's extract
 * and the page's URL. A page whose title is that subject itself scores
 * {@value #EXACT_SCORE}, one reached through a redirect or a different spelling {@value #NEAR_SCORE}:
 * both below Wolfram|Alpha's exact answers. No page (404), a disambiguation page, an error, a
 * malformed body or an empty extract gives no results; a request takes at most
 * {@code infosys.wikipedia.timeoutMs}.
 */
final class WikipediaBackend implements Backend {

  static final String NAME = "wikipedia";
  static final int EXACT_SCORE = 80;
  static final int NEAR_SCORE = 60;

  private static final int NOT_FOUND = 404;
  private static final String DISAMBIGUATION = "disambiguation";
  private static final Pattern QUESTION_WORDS = Pattern.compile(
    "^(?:(?:what|who|where)(?:'s|\\s+(?:is|are|was|were))\\s+|tell\\s+me\\s+about\\s+)?(?:(?:the|an|a)\\s+)?",
    Pattern.CASE_INSENSITIVE);

  private final WebClient client;
  private final String baseUrl;
  private final long timeoutMs;
  private final Complaints complaints = new Complaints(NAME);

  WikipediaBackend(WebClient client, String baseUrl, long timeoutMs) {
    this.client = client;
    this.baseUrl = baseUrl;
    this.timeoutMs = timeoutMs;
  }

  static Future<Optional<Backend>> create(Vertx vertx, WebClient client, InfoSysConfig config) {
    return Future.succeededFuture(Optional.of(
      new WikipediaBackend(client, config.wikipediaBaseUrl(), config.wikipediaTimeoutMs())));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Future<List<Result>> query(String text, int limit) {
    String subject = subject(text);
    if (subject.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    String title = subject.replace(' ', '_');
    return client.getAbs(baseUrl + URLEncoder.encode(title, StandardCharsets.UTF_8).replace("+", "%20"))
      .timeout(timeoutMs)
      .as(CappedBody.codec())
      .send()
      .transform(sent -> Future.succeededFuture(sent.succeeded()
        ? read(subject, sent.result())
        : complaints.noResults("no response", sent.cause().toString())));
  }

  private List<Result> read(String question, HttpResponse<Buffer> response) {
    if (response.statusCode() == NOT_FOUND) {
      return List.of();
    }
    if (response.statusCode() != 200) {
      return complaints.noResults("HTTP error", "status " + response.statusCode());
    }
    JsonObject page;
    try {
      page = response.body() == null ? null : new JsonObject(response.body());
    } catch (DecodeException e) {
      page = null;
    }
    if (page == null || !(page.getValue("extract", "") instanceof String extract)) {
      return complaints.noResults("malformed JSON", "no page summary object");
    }
    String sentence = firstSentence(extract);
    if (sentence.isEmpty() || DISAMBIGUATION.equals(page.getValue("type"))) {
      return List.of();
    }
    int score = sameTitle(question, page.getValue("title")) ? EXACT_SCORE : NEAR_SCORE;
    return List.of(new Result(NAME, score, sentence, pageUrl(page)));
  }

  /** What a question asks about: "What is the Elixir language?" asks about "Elixir language". */
  static String subject(String question) {
    String subject = question.trim();
    while (subject.endsWith("?")) {
      subject = subject.substring(0, subject.length() - 1).trim();
    }
    return QUESTION_WORDS.matcher(subject).replaceFirst("").trim();
  }

  static String firstSentence(String text) {
    String trimmed = text.trim();
    BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ENGLISH);
    sentences.setText(trimmed);
    int end = sentences.next();
    return end == BreakIterator.DONE ? trimmed : trimmed.substring(0, end).trim();
  }

  private static boolean sameTitle(String question, Object title) {
    return title instanceof String text && text.replace('_', ' ').trim().equalsIgnoreCase(question.trim());
  }

  private static String pageUrl(JsonObject page) {
    Object urls = page.getValue("content_urls");
    Object desktop = urls instanceof JsonObject json ? json.getValue("desktop") : null;
    Object url = desktop instanceof JsonObject json ? json.getValue("page") : null;
    return url instanceof String text ? text : null;
  }
}
