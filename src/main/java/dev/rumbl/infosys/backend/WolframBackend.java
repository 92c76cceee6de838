package dev.rumbl.infosys.backend;

import dev.rumbl.infosys.Backend;
import dev.rumbl.infosys.InfoSysConfig;
import dev.rumbl.infosys.Result;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Wolfram|Alpha's v2 query API ({@code GET baseUrl?appid=..&input=..&format=plaintext}), read as
 * the book does: the plaintext of the first subpod of the first pod whose title contains "Result"
 * or "Definitions", score {@value #SCORE}. The XML is parsed with DTDs and external entities
 * refused. Without {@code infosys.wolfram.appId} the backend is disabled (logged once at start).
 * A request takes at most {@code infosys.wolfram.timeoutMs}; an error, a malformed body or no such
 * pod gives no results. The app id is a secret: a failure is logged with it hidden (the
 * {@code appid} parameter of any URL in the message shows {@code (hidden)}), and no failure reaches
 * the caller, who gets no results.
 */
final class WolframBackend implements Backend {

  static final String NAME = "wolfram";
  static final int SCORE = 95;

  private static final Logger log = LoggerFactory.getLogger(WolframBackend.class);
  private static final String HIDDEN = "(hidden)";
  private static final Pattern APP_ID_PARAMETER = Pattern.compile("(?i)(appid=)[^&\\s]*");

  private final WebClient client;
  private final String baseUrl;
  private final String appId;
  private final long timeoutMs;
  private final Complaints complaints = new Complaints(NAME);

  WolframBackend(WebClient client, String baseUrl, String appId, long timeoutMs) {
    this.client = client;
    this.baseUrl = baseUrl;
    this.appId = appId;
    this.timeoutMs = timeoutMs;
  }

  static Future<Optional<Backend>> create(Vertx vertx, WebClient client, InfoSysConfig config) {
    if (config.wolframAppId() == null) {
      log.info("wolfram backend disabled: no infosys.wolfram.appId configured");
      return Future.succeededFuture(Optional.empty());
    }
    return Future.succeededFuture(Optional.of(
      new WolframBackend(client, config.wolframBaseUrl(), config.wolframAppId(), config.wolframTimeoutMs())));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Future<List<Result>> query(String text, int limit) {
    return client.getAbs(baseUrl)
      .addQueryParam("appid", appId)
      .addQueryParam("input", text)
      .addQueryParam("format", "plaintext")
      .timeout(timeoutMs)
      .as(CappedBody.codec())
      .send()
      .transform(sent -> Future.succeededFuture(sent.succeeded()
        ? read(sent.result())
        : complaints.noResults("no response", redacted(sent.cause().toString()))));
  }

  /** The text with the app id hidden, wherever it appears: a failure's message may carry the request's URL. */
  String redacted(String text) {
    return APP_ID_PARAMETER.matcher(text.replace(appId, HIDDEN)).replaceAll("$1" + HIDDEN);
  }

  private List<Result> read(HttpResponse<Buffer> response) {
    if (response.statusCode() != 200) {
      return complaints.noResults("HTTP error", "status " + response.statusCode());
    }
    Document document;
    try {
      document = parse(response.body());
    } catch (SAXException | IOException e) {
      return complaints.noResults("malformed XML", e.getMessage());
    }
    return answer(document).map(text -> List.of(new Result(NAME, SCORE, text, null))).orElse(List.of());
  }

  private static Optional<String> answer(Document document) {
    NodeList pods = document.getElementsByTagName("pod");
    for (int i = 0; i < pods.getLength(); i++) {
      Element pod = (Element) pods.item(i);
      String title = pod.getAttribute("title");
      if (title.contains("Result") || title.contains("Definitions")) {
        NodeList plaintexts = pod.getElementsByTagName("plaintext");
        String text = plaintexts.getLength() == 0 ? "" : plaintexts.item(0).getTextContent().trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
      }
    }
    return Optional.empty();
  }

  private static Document parse(Buffer body) throws SAXException, IOException {
    if (body == null) {
      throw new SAXException("empty body");
    }
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      var builder = factory.newDocumentBuilder();
      builder.setErrorHandler(new DefaultHandler());
      return builder.parse(new ByteArrayInputStream(body.getBytes()));
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK XML parser cannot be secured", e);
    }
  }
}
