package dev.rumbl.infosys.backend;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Facts matched by words. Each fact has a question ("capital of France"), an answer and an
 * optional URL. A fact matches a question when they share words ({@link Words}); its score grows
 * with the share of the question's words it covers and, less steeply, with the share of its own
 * words the question covers: {@value #MAX_SCORE} for the same words, nothing below
 * {@value #MIN_SCORE}. Immutable once loaded; a question is scored only against the facts that
 * share one of its words (an index by word), not against every fact.
 */
final class KnowledgeBase {

  static final int MAX_SCORE = 90;
  static final int MIN_SCORE = 35;

  static final String QUESTION = "question";
  static final String ANSWER = "answer";
  static final String URL = "url";

  record Fact(String question, String answer, String url, Set<String> words) {
  }

  record Match(Fact fact, int score) {
  }

  private final List<Fact> facts;
  private final Map<String, BitSet> factsByWord = new HashMap<>();

  KnowledgeBase(List<Fact> facts) {
    this.facts = List.copyOf(facts);
    for (int i = 0; i < this.facts.size(); i++) {
      for (String word : this.facts.get(i).words()) {
        factsByWord.computeIfAbsent(word, key -> new BitSet()).set(i);
      }
    }
  }

  /** Reads a JSON array of {@code {"question", "answer", "url"?}}; throws IllegalArgumentException naming a bad entry. */
  static KnowledgeBase parse(Buffer json) {
    JsonArray entries = new JsonArray(json);
    List<Fact> facts = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Object entry = entries.getValue(i);
      if (!(entry instanceof JsonObject fact) || !(fact.getValue(QUESTION) instanceof String question)
        || !(fact.getValue(ANSWER) instanceof String answer) || Words.of(question).isEmpty()) {
        throw new IllegalArgumentException("knowledge entry " + i + " needs a question with words and an answer");
      }
      facts.add(new Fact(question, answer, fact.getString(URL), Words.of(question)));
    }
    return new KnowledgeBase(facts);
  }

  int size() {
    return facts.size();
  }

  /** The best matches first, at most limit. */
  List<Match> match(String question, int limit) {
    Set<String> asked = Words.of(question);
    if (asked.isEmpty()) {
      return List.of();
    }
    BitSet candidates = new BitSet();
    for (String word : asked) {
      BitSet sharing = factsByWord.get(word);
      if (sharing != null) {
        candidates.or(sharing);
      }
    }
    List<Match> matches = new ArrayList<>();
    for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
      Fact fact = facts.get(i);
      int score = score(asked, fact.words());
      if (score >= MIN_SCORE) {
        matches.add(new Match(fact, score));
      }
    }
    matches.sort(Comparator.comparingInt(Match::score).reversed());
    return matches.subList(0, Math.min(limit, matches.size()));
  }

  static int score(Set<String> asked, Set<String> known) {
    long shared = asked.stream().filter(known::contains).count();
    if (shared == 0) {
      return 0;
    }
    double ofQuestion = (double) shared / asked.size();
    double ofFact = (double) shared / known.size();
    return (int) Math.round(MAX_SCORE * ofQuestion * Math.sqrt(ofFact));
  }
}
