package dev.rumbl.infosys.backend;

import dev.rumbl.infosys.Backend;
import dev.rumbl.infosys.InfoSysConfig;
import dev.rumbl.infosys.Result;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The offline backend, always available: arithmetic ({@code 1 + 1} answers {@code 2}, score
 * {@value #ARITHMETIC_SCORE}) and the facts of the knowledge base at {@code infosys.local.knowledge}
 * (read with Vert.x's file system, so a relative path falls back to the classpath), scored by how
 * well their words match.
 */
final class LocalBackend implements Backend {

  static final String NAME = "local";
  static final int ARITHMETIC_SCORE = 100;

  private static final Logger log = LoggerFactory.getLogger(LocalBackend.class);

  private final KnowledgeBase knowledge;

  LocalBackend(KnowledgeBase knowledge) {
    this.knowledge = knowledge;
  }

  static Future<Optional<Backend>> create(Vertx vertx, WebClient client, InfoSysConfig config) {
    return vertx.fileSystem().readFile(config.knowledgePath())
      .map(KnowledgeBase::parse)
      .recover(error -> Future.failedFuture(new IllegalStateException(
        "cannot load the knowledge base " + config.knowledgePath() + ": " + error.getMessage(), error)))
      .map(knowledge -> {
        log.info("local backend: {} facts from {}", knowledge.size(), config.knowledgePath());
        return Optional.of(new LocalBackend(knowledge));
      });
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Future<List<Result>> query(String text, int limit) {
    List<Result> results = new ArrayList<>();
    Arithmetic.evaluate(text).ifPresent(value -> results.add(new Result(NAME, ARITHMETIC_SCORE, value, null)));
    for (KnowledgeBase.Match match : knowledge.match(text, limit - results.size())) {
      results.add(new Result(NAME, match.score(), match.fact().answer(), match.fact().url()));
    }
    return Future.succeededFuture(results);
  }
}
