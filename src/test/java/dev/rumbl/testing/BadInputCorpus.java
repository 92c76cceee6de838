package dev.rumbl.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded, reproducible corpus of bad input for the HTTP API and the event-bus bridge: malformed
 * JSON, wrong types, huge numbers, unicode edge cases, over-long strings and path tricks, mixed at
 * random from fixed ingredients; for accounts, bad and oversized names and passwords, the backends'
 * names, and forged {@code Authorization} headers (unsigned {@code alg: none} tokens, tokens signed
 * with another secret, expired ones and ones naming a user who does not exist signed with
 * {@code secret}, garbage); for the bridge, raw frames to the permitted addresses with bad
 * bodies, to denied addresses and tricked ones (the presence topics, the bridge's echo address,
 * the presence's cluster address, a video's broadcast address), registrations for videos that do not exist, frames of unknown
 * types and without fields; the presence route with bad ids and methods; bad page
 * sizes and cursors on the list routes, and huge compute timeouts over the bridge. The same seed
 * always gives the same cases.
 */
public final class BadInputCorpus {

  /**
   * One request: method, path (already URL-encoded where needed), a body or null, and the
   * {@code Authorization} header to send, or null to send the sender's own (none, or its token).
   */
  public record Case(String method, String path, String body, String authorization) {

    Case(String method, String path, String body) {
      this(method, path, body, null);
    }
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

  static final List<String> BAD_NUMBERS = List.of(
    "\"5\"", "1.5", "-1", "1e10", "9223372036854775807", "9223372036854775808", "-2147483649", "86400001", "null", "[]", "{}",
    "\"\"", "true", "1e309");

  public static final List<String> BACKEND_NAMES = List.of("local", "wikipedia", "wolfram", "LOCAL", "Wikipedia", "WolFram");

  public static final List<String> BAD_LIMITS = List.of(
    "0", "-1", "1001", "1000000", "1e3", "1.5", "", "+", "ten", "0x10", "9223372036854775808", "99999999999999999999", "%00", "%zz");

  public static final List<String> BAD_VIDEO_CURSORS = List.of(
    "-1", "x", "", "1.5", "1e3", "9223372036854775808", "99999999999999999999", "1:2", "%00", "0x10", "'+OR+1=1+--");

  public static final List<String> BAD_ANNOTATION_CURSORS = List.of(
    "5", "5:", ":5", ":", "5:x", "1:2:3", "-1:0", "86400001:1", "2147483648:1", "1:99999999999999999999", "1.5:2", "1:-2",
    "%20:1", "%00", "1e3:1", "'+OR+1=1+--:1", "");

  /** Huge, negative or fractional compute timeouts; the valid ones are cut to the bridge's deadline. */
  public static final List<String> HUGE_TIMEOUTS = List.of(
    "60000", "60001", "86400000", "2147483648", "9223372036854775807", "1e12", "1e309", "-1", "0", "0.5", "\"60000\"");

  private final Random random;
  private final String secret;

  /** A corpus whose forged tokens that need the application's secret (expired ones, unknown users) are signed with secret. */
  public BadInputCorpus(long seed, String secret) {
    this.random = new Random(seed);
    this.secret = secret;
  }

  public BadInputCorpus(long seed) {
    this(seed, "not-the-secret-of-the-application-under-test");
  }

  /** Sign-ups and sign-ins with bad, oversized or reserved names and passwords, and video writes with forged tokens. */
  public List<Case> accountCases(int count, long videoId) {
    List<Case> cases = new ArrayList<>(count);
    while (cases.size() < count) {
      cases.add(switch (random.nextInt(5)) {
        case 0 -> new Case("POST", pick(List.of("/api/users", "/api/sessions")), random.nextInt(4) == 0 ? pick(MALFORMED_JSON) : accountBody());
        case 1 -> new Case("POST", "/api/users", "{\"username\":" + jsonString(pick(BACKEND_NAMES)) + ",\"password\":\"a long enough password\"}");
        case 2 -> new Case("POST", "/api/sessions", "{\"username\":" + jsonString(pick(BACKEND_NAMES)) + ",\"password\":" + jsonString(pick(NASTY_STRINGS)) + "}");
        case 3 -> new Case("POST", "/api/videos", "{\"title\":\"forged\"}", forgedAuthorization());
        default -> new Case("POST", "/api/videos/" + videoId + "/annotations", "{\"body\":\"forged\",\"at\":1}", forgedAuthorization());
      });
    }
    return cases;
  }

  private String accountBody() {
    String username = pick(List.of(jsonString(pick(NASTY_STRINGS)), jsonString("u".repeat(65 + random.nextInt(1000))), "1", "null", "[]", "{}",
      jsonString(pick(BACKEND_NAMES))));
    String password = pick(List.of(jsonString(pick(NASTY_STRINGS)), jsonString("p".repeat(1025 + random.nextInt(60_000))), jsonString("short"),
      "12345678", "null", "[]", "{}"));
    return random.nextBoolean()
      ? "{\"username\":" + username + ",\"password\":" + password + "}"
      : "{\"username\":" + pick(List.of(username, "\"ann\"")) + "}";
  }

  /** An Authorization header that must not authenticate anyone. */
  private String forgedAuthorization() {
    long now = System.currentTimeMillis() / 1000;
    String claims = "{\"username\":\"ann\",\"exp\":" + (now + 3600) + "}";
    return switch (random.nextInt(9)) {
      case 0 -> "Bearer " + unsigned(claims);
      case 1 -> "Bearer " + signed(claims, "another-secret-of-at-least-32-characters");
      case 2 -> "Bearer " + signed("{\"username\":\"ann\",\"exp\":" + (now - 60) + "}", secret);
      case 3 -> "Bearer " + signed("{\"username\":\"ghost-" + random.nextInt(1000) + "\",\"exp\":" + (now + 3600) + "}", secret);
      case 4 -> "Bearer " + signed("{\"username\":" + jsonString(pick(BACKEND_NAMES.subList(0, 3))) + ",\"exp\":" + (now + 3600) + "}", secret);
      case 5 -> "Bearer " + signed("{\"user\":\"ann\"}", secret);
      case 6 -> pick(List.of("Bearer", "Bearer ", "Basic YW5uOnB3", "bearer  x.y.z", "Token abc", "Bearer " + "x".repeat(5000)));
      case 7 -> "Bearer " + pick(NASTY_STRINGS).replaceAll("[^\\x20-\\x7E]", "");
      default -> "Bearer " + signed(claims, secret).replace('.', '_');
    };
  }

  private static String unsigned(String claims) {
    return base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64(claims) + ".";
  }

  /** A JWT signed with HMAC-SHA256 and key, made by hand as a forger would. */
  private static String signed(String claims, String key) {
    String content = base64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + base64(claims);
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] signature = mac.doFinal(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return content + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }

  private static String base64(String json) {
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public List<Case> cases(int count) {
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
      case 6 -> new Case(pick(List.of("PUT", "PATCH", "DELETE", "POST")), pick(List.of("/health", "/health/ready", "/api/supervisors", "/metrics", "/api/infosys")), randomBody());
      default -> new Case(pick(List.of("GET", "POST")), "/" + pathSegment() + "/" + pathSegment(), randomBody());
    };
  }

  /**
   * Requests to the observer's reading routes: process info for nasty, huge, encoded and path-trick
   * names and pids, with forged or no admin headers (never the real token), the load with junk
   * parameters, and methods these routes do not take.
   */
  public List<Case> observerCases(int count) {
    List<Case> cases = new ArrayList<>(count);
    while (cases.size() < count) {
      String forged = pick(java.util.Arrays.asList(null, "Bearer wrong", "Basic dG9rZW4=", "Bearer " + "x".repeat(5000), "Bearer", "bearer  "));
      cases.add(switch (random.nextInt(6)) {
        case 0 -> new Case("GET", "/api/processes/" + pathSegment(), null, forged);
        case 1 -> new Case("GET", "/api/processes/" + encode("#PID<" + pick(NASTY_STRINGS) + ">"), null, forged);
        case 2 -> new Case("GET", "/api/processes/" + pick(List.of("..%2F..%2Fsupervisors", "%2e%2e", "counter%2F..", "counter/../http",
          "%23PID%3C", "%3E", "rumbl.pid.", "rumbl.pid.x.1", "%00counter")), null, forged);
        case 3 -> new Case("GET", pick(List.of("/api/observer/load?", "/api/supervisors?", "/api/processes/counter?", "/api/observer/nodes?"))
          + pick(List.of("node=", "node=" + pathSegment(), "node=%zz", "node=a&node=b", "x=" + "y".repeat(3000))), null);
        case 4 -> new Case(pick(List.of("PUT", "PATCH", "DELETE", "POST")), pick(List.of("/api/observer/load", "/api/observer/nodes", "/api/processes/counter")), randomBody());
        default -> new Case("GET", "/api/processes/" + pathSegment() + "/" + pathSegment(), null, forged);
      });
    }
    return cases;
  }

  /** Requests to the video routes, the video {@code videoId} existing. */
  public List<Case> videoCases(int count, long videoId) {
    List<Case> cases = new ArrayList<>(count);
    while (cases.size() < count) {
      cases.add(switch (random.nextInt(8)) {
        case 0 -> new Case("POST", "/api/videos", random.nextBoolean() ? pick(MALFORMED_JSON) : videoBody());
        case 1 -> new Case("GET", "/api/videos/" + pathSegment() + pick(List.of("", "/annotations", "/presence")), null);
        case 2 -> new Case("POST", "/api/videos/" + videoId + "/annotations", random.nextInt(4) == 0 ? pick(MALFORMED_JSON) : annotationBody());
        case 3 -> new Case("POST", "/api/videos/" + pathSegment() + "/annotations", annotationBody());
        case 4 -> new Case(pick(List.of("PUT", "PATCH", "DELETE")), "/api/videos" + pick(List.of("", "/" + videoId, "/" + videoId + "/annotations", "/" + videoId + "/presence")), randomBody());
        case 5 -> new Case("GET", "/api/videos?" + pagingQuery(pick(BAD_VIDEO_CURSORS)), null);
        case 6 -> new Case("GET", "/api/videos/" + videoId + "/annotations?" + pagingQuery(pick(BAD_ANNOTATION_CURSORS)), null);
        default -> new Case("POST", "/api/videos/" + videoId + pick(List.of("", "/annotations/1", "/../annotations", "/annotations/..", "/presence", "/presence/..")), annotationBody());
      });
    }
    return cases;
  }

  /**
   * Raw frames for the bridge, the video {@code videoId} existing; each send carries a reply address
   * so that every frame is answered, by an error frame or by a reply.
   */
  public List<String> bridgeFrames(int count, long videoId) {
    List<String> frames = new ArrayList<>(count);
    while (frames.size() < count) {
      String replyAddress = "bad." + frames.size();
      frames.add(switch (random.nextInt(8)) {
        case 0 -> pick(MALFORMED_JSON);
        case 1 -> "{\"type\":" + pick(List.of("\"\"", "\"SEND\"", "\"rec\"", "\"err\"", "1", "null", "[]", jsonString(pick(NASTY_STRINGS))))
          + ",\"address\":\"videos." + videoId + ".annotate\",\"body\":" + annotationBody() + "}";
        case 2 -> send("videos." + videoId + ".annotate", random.nextInt(4) == 0 ? pick(BAD_NUMBERS) : annotationBody(), replyAddress);
        case 3 -> send("infosys.compute", computeBody(), replyAddress);
        case 4 -> send(deniedAddress(videoId), annotationBody(), replyAddress);
        case 5 -> "{\"type\":" + jsonString(pick(List.of("register", "unregister", "publish"))) + ",\"address\":" + jsonString(deniedAddress(videoId))
          + ",\"body\":" + annotationBody() + "}";
        case 6 -> random.nextBoolean()
          ? "{\"type\":\"register\",\"address\":\"videos." + (videoId + 1 + random.nextInt(1_000_000)) + "\"}"
          : send(pick(List.of("videos." + videoId + ".presence", "videos.bridge.ack", "videos." + videoId)), annotationBody(), replyAddress);
        default -> random.nextBoolean()
          ? "{\"type\":\"send\",\"body\":" + annotationBody() + ",\"replyAddress\":" + jsonString(replyAddress) + "}"
          : "{\"type\":\"send\",\"address\":" + pick(List.of("1", "null", "[]", "{}", "\"\"")) + ",\"replyAddress\":" + jsonString(replyAddress) + "}";
      });
    }
    return frames;
  }

  private static String send(String address, String body, String replyAddress) {
    return "{\"type\":\"send\",\"address\":" + jsonString(address) + ",\"body\":" + body + ",\"replyAddress\":" + jsonString(replyAddress) + "}";
  }

  /** An address a browser may not send to, register at or publish to: internal, malformed, or a trick on a permitted one. */
  private String deniedAddress(long videoId) {
    return pick(List.of(
      "counter", "counters", "rumbl", "http", "infosys", "infosys.workers", "infosys.cache", "video.storage", "videos.channels",
      "videos." + videoId + ".channel", "videos." + videoId + ".annotate.x", "videos." + videoId + ".annotate/../x", "videos.0.annotate",
      "videos.0" + videoId + ".annotate", "videos.-1.annotate", "videos.99999999999999999999.annotate", "videos..annotate",
      "videos.x.annotate", " videos." + videoId + ".annotate", "VIDEOS." + videoId + ".ANNOTATE", "rumbl.pid.x.1", "infosys.compute.x",
      "videos.bridge.ack", "videos.presence.sync", "videos.sockets", "videos.viewers", "videos.presence", "videos.0.presence",
      "videos.broadcast." + videoId, "videos.broadcast.0", "videos.broadcast",
      "videos." + videoId + ".presence.x", pick(NASTY_STRINGS)));
  }

  private String videoBody() {
    String title = pick(List.of(jsonString(pick(NASTY_STRINGS)), jsonString("t".repeat(201 + random.nextInt(500))), "1", "null", "[]", "{}", "true"));
    String url = pick(List.of(jsonString(pick(NASTY_STRINGS)), jsonString("u".repeat(2001)), "1", "[]", "{}", "false"));
    return random.nextBoolean() ? "{\"title\":" + title + ",\"url\":" + url + "}" : "{\"title\":" + title + "}";
  }

  private String annotationBody() {
    String user = pick(List.of(jsonString(pick(NASTY_STRINGS)), jsonString("u".repeat(65)), "1", "null", "[]", "{}"));
    String body = pick(List.of(jsonString(pick(NASTY_STRINGS)), jsonString("b".repeat(1001 + random.nextInt(3000))), jsonString(" "), "1", "null", "[]"));
    String at = pick(BAD_NUMBERS);
    return switch (random.nextInt(4)) {
      case 0 -> "{\"user\":" + user + ",\"body\":" + body + ",\"at\":" + at + "}";
      case 1 -> "{\"user\":\"ann\",\"body\":" + body + ",\"at\":" + at + "}";
      case 2 -> "{\"user\":" + user + ",\"body\":\"b\",\"at\":1}";
      default -> "{\"user\":\"ann\",\"body\":\"b\",\"at\":" + at + "}";
    };
  }

  private String computeBody() {
    String query = pick(List.of(jsonString(pick(NASTY_STRINGS)), jsonString("q".repeat(1001 + random.nextInt(5000))), "1", "null", "[]", "{}"));
    return switch (random.nextInt(5)) {
      case 0 -> "{\"query\":" + query + "}";
      case 1 -> "{\"query\":\"1 + 1\",\"limit\":" + pick(BAD_NUMBERS) + "}";
      case 2 -> "{\"query\":\"1 + 1\",\"timeout\":" + pick(BAD_NUMBERS) + "}";
      case 3 -> "{\"query\":\"1 + 1\",\"timeoutMs\":" + pick(HUGE_TIMEOUTS) + "}";
      default -> pick(List.of(jsonString(pick(NASTY_STRINGS)), "1", "null", "[]", "[{\"query\":\"1 + 1\"}]"));
    };
  }

  /** A list route's query with a bad limit, a bad cursor, or both, or one of them given twice. */
  private String pagingQuery(String badCursor) {
    String limit = "limit=" + pick(BAD_LIMITS);
    String after = "after=" + badCursor;
    return switch (random.nextInt(4)) {
      case 0 -> limit;
      case 1 -> after;
      case 2 -> limit + "&" + after;
      default -> "limit=10&limit=20&" + after;
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
