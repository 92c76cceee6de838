package dev.rumbl.infosys.backend;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The words of a question that carry meaning: lower-cased, split on anything but letters and
 * digits, without common English filler words, a plural "s" dropped, so that "Capitals of France?"
 * and "capital france" have the same words.
 */
final class Words {

  private static final Set<String> FILLER = Set.of("a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or",
    "is", "are", "was", "were", "be", "what", "whats", "which", "who", "how", "many", "much", "does", "do", "me",
    "tell", "please", "there", "s", "it", "its", "about", "by", "with", "one");

  private Words() {
  }

  static Set<String> of(String text) {
    Set<String> words = new LinkedHashSet<>();
    for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!word.isEmpty() && !FILLER.contains(word)) {
        words.add(singular(word));
      }
    }
    return words;
  }

  private static String singular(String word) {
    return word.length() > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.substring(0, word.length() - 1) : word;
  }
}
