package dev.rumbl;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded, reproducible corpus of bad input for the HTTP API: malformed JSON, wrong types, huge
 * numbers, unicode edge cases, over-long strings and path tricks, mixed at random from fixed
 * ingredients. The same seed always gives the same cases.
 */
final class BadInputCorpus {

  /** One request: method, path (already URL-encoded where needed), and a body or null. */
  record Case(String method, String path, String body) {
  }

  static final List<String> NASTY_STRINGS = List.of(
    "", " ", "\t\n", "null", "true", "0", "-1", "1e309", "NaN", "Infinity", "0x10", "9223372036854775808",
    "-9223372036854775809", "99999999999999999999999999", "1.5", "1,5", "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd",
    "%00", "%", "%zz", "a/b", "a\\b", "a?b", "a#b", "a b", "<script>alert(1)</script>", "' OR 1=1 --",
    "\u0000", "\uD800", "\uDFFF", "\uFEFF", "\u202Eevil", "\u00e9t\u00e9", "\u65e5\u672c\u8a9e", "\uD83D\uDE00",
    "#PID<rumbl.pid.x.1>", "rumbl", "http", "infosys", "counters", "counter", "CON", "nul", ".", "..");

  static final List<String> MALFORMED_JSON = List.of(
    "{", "}", "[", "]", "{\"name\":", "{\"name\" \"x\"}", "{name: 'x'}", "{\"name\":\"x\",}", "\"just a string\"",
    "42", "null", "[]", "[{\"name\":\"x\"}]", "{\"name\":\"x\"}{\"name\":\"y\"}", "\u0000", "{\"name\":\"\\ud800\"}",
    "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}", "{\"name\":\"" + "x".repeat(70_000) + "\"}");

  private final Random random;

  BadInputCorpus(long seed) {
    random = new Random(seed);
  }

  List<Case> cases(int count) {
    List<Case> cases = new ArrayList<>(count);
    while (cases.size() < count) {
      cases.add(next());
    }
    return cases;
  }

  private Case next() {
    return switch (random.nextInt(8)) {
      case 0 -> new Case("POST", "/api/counters", pick(MALFORMED_JSON));
      case 1 -> new Case("POST", "/api/counters", counterBody());
      case 2 -> new Case(pick(List.of("GET", "DELETE")), "/api/counters/" + pathSegment(), null);
      case 3 -> new Case("POST", "/api/counters/" + pathSegment() + pick(List.of("/inc", "/dec", "/reset", "")), randomBody());
      case 4 -> new Case("GET", "/api/infosys?" + infosysQuery(), null);
      case 5 -> new Case("POST", "/api/processes/" + pathSegment() + "/exit", randomBody());
      case 6 -> new Case(pick(List.of("PUT", "PATCH", "DELETE", "POST")), pick(List.of("/health", "/api/supervisors", "/metrics", "/api/infosys")), randomBody());
      default -> new Case(pick(List.of("GET", "POST")), "/" + pathSegment() + "/" + pathSegment(), randomBody());
    };
  }

  private String counterBody() {
    String name = random.nextBoolean() ? jsonString(pick(NASTY_STRINGS)) : pick(List.of("1", "[]", "{}", "null", "true", "1.5"));
    String initial = pick(List.of("\"5\"", "1.5", "1e10", "9223372036854775807", "-2147483649", "null", "[]", "{}", "\"\"", "NaN", "0"));
    return random.nextBoolean()
      ? "{\"name\":" + name + ",\"initial\":" + initial + "}"
      : "{\"name\":" + jsonString("x".repeat(65 + random.nextInt(1000))) + "}";
  }

  private String infosysQuery() {
    StringBuilder query = new StringBuilder();
    if (random.nextInt(4) > 0) {
      query.append("q=").append(encode(random.nextInt(10) == 0 ? "q".repeat(1001 + random.nextInt(5000)) : pick(NASTY_STRINGS)));
    }
    if (random.nextBoolean()) {
      query.append("&limit=").append(encode(pick(NASTY_STRINGS)));
    }
    if (random.nextBoolean()) {
      query.append("&timeout=").append(encode(pick(NASTY_STRINGS)));
    }
    return query.toString();
  }

  private String randomBody() {
    return switch (random.nextInt(4)) {
      case 0 -> null;
      case 1 -> pick(MALFORMED_JSON);
      case 2 -> "{\"reason\":" + jsonString(pick(NASTY_STRINGS)) + "}";
      default -> "{\"reason\":" + pick(List.of("1", "null", "[]", "{}", "\"kill\"", "\"crash\"")) + "}";
    };
  }

  private String pathSegment() {
    String raw = random.nextInt(20) == 0 ? "x".repeat(5000) : pick(NASTY_STRINGS);
    return random.nextBoolean() ? encode(raw) : raw.replaceAll("[^A-Za-z0-9._%-]", "_");
  }

  private <T> T pick(List<T> options) {
    return options.get(random.nextInt(options.size()));
  }

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String jsonString(String text) {
    return io.vertx.core.json.Json.encode(text);
  }
}
