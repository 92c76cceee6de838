package dev.rumbl.bench;

import dev.rumbl.infosys.ComputeOptions;
import dev.rumbl.infosys.Result;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Pekko side of scenario 4: three backend actors answering at once with the
 * {@link InstantBackend}s' results, and a compute that asks all three (Pekko's ask from outside
 * actors, joined with {@code CompletableFuture.allOf}), sorts by score and cuts to the limit, as the
 * raw Vert.x scatter-gather does. Computes run {@code inFlight} at a time; each is timed, and every
 * answer is checked as the other sides' are.
 */
final class PekkoScatterGather implements AutoCloseable {

  private static final int LIMIT = ComputeOptions.DEFAULT_LIMIT;

  private record Question(String text, ActorRef<List<Result>> replyTo) {
  }

  private final PekkoSystem pekko = new PekkoSystem("bench-scatter-gather");
  private final List<ActorRef<Question>> backends = new ArrayList<>();
  private long asked;

  PekkoScatterGather() {
    for (InstantBackend backend : InstantBackend.THREE) {
      backends.add(pekko.spawn(backend(backend)));
    }
  }

  private static Behavior<Question> backend(InstantBackend backend) {
    return Behaviors.receiveMessage(question -> {
      question.replyTo().tell(backend.query(question.text(), LIMIT).result());
      return Behaviors.same();
    });
  }

  /** One round: {@code computes} computes, {@code inFlight} at a time, started again from each completion. */
  InfoSysCompute.Figures round(int computes, int inFlight) {
    Loops.settle();
    long[] samples = new long[computes];
    AtomicInteger launched = new AtomicInteger();
    AtomicInteger completed = new AtomicInteger();
    CompletableFuture<Void> done = new CompletableFuture<>();
    long start = System.nanoTime();
    for (int i = 0; i < Math.min(inFlight, computes); i++) {
      launch(samples, launched, completed, done);
    }
    done.join();
    double seconds = (System.nanoTime() - start) / 1e9;
    return new InfoSysCompute.Figures(computes / seconds, Stats.percentile(samples, 50) / 1000, Stats.percentile(samples, 99) / 1000, Double.NaN);
  }

  private void launch(long[] samples, AtomicInteger launched, AtomicInteger completed, CompletableFuture<Void> done) {
    int index = launched.getAndIncrement();
    if (index >= samples.length) {
      return;
    }
    long asked = System.nanoTime();
    compute(question()).whenComplete((results, error) -> {
      if (error != null) {
        done.completeExceptionally(error);
        return;
      }
      samples[index] = System.nanoTime() - asked;
      if (completed.incrementAndGet() == samples.length) {
        done.complete(null);
      } else {
        launch(samples, launched, completed, done);
      }
    });
  }

  private synchronized String question() {
    return "question " + asked++;
  }

  /** Asks the three backends at once and merges their answers, best first; fails on a wrong answer. */
  private CompletionStage<List<Result>> compute(String question) {
    List<CompletableFuture<List<Result>>> answers = new ArrayList<>(backends.size());
    for (ActorRef<Question> backend : backends) {
      answers.add(pekko.<Question, List<Result>>ask(backend, replyTo -> new Question(question, replyTo)).toCompletableFuture());
    }
    return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(all -> {
      List<Result> results = answers.stream().flatMap(answer -> answer.join().stream())
        .sorted(Result.BY_SCORE).limit(LIMIT).toList();
      if (results.size() != InstantBackend.THREE.size() || !results.get(0).text().equals(question)) {
        throw new IllegalStateException("pekko: a wrong answer to '" + question + "': " + results);
      }
      return results;
    });
  }

  @Override
  public void close() {
    pekko.close();
  }
}
