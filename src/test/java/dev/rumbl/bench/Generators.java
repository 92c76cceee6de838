package dev.rumbl.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@link ViewerLoad} JVMs of one measurement: {@code perGenerator} viewers each (the last one
 * fewer), generator i from the source address 127.0.0.(2 + i), their errors appended to
 * {@value #LOG}. Spoken to over their stdin and stdout; {@link #close} kills any still running.
 */
final class Generators implements AutoCloseable {

  static final String LOG = "target/bench/viewer-load.log";
  private static final String[] JVM = {"-Xmx1g", "-XX:+UseSerialGC", "-Dlogback.configurationFile=bench/logback-load.xml"};

  /** Deliveries of the stream, their rate a second (first to last arrival) and p99 latency. */
  record StreamFigures(long deliveries, double rate, double p99Ms) {
  }

  private record Generator(java.lang.Process process, BufferedWriter commands, BufferedReader answers) {

    String ask(String command, String answerPrefix) throws IOException {
      commands.write(command);
      commands.newLine();
      commands.flush();
      return awaitLine(answerPrefix);
    }

    String awaitLine(String prefix) throws IOException {
      for (String line = answers.readLine(); line != null; line = answers.readLine()) {
        if (line.startsWith(prefix)) {
          return line;
        }
      }
      throw new IOException("a load generator exited before answering " + prefix);
    }
  }

  private final List<Generator> generators;

  private Generators(List<Generator> generators) {
    this.generators = generators;
  }

  static Generators start(int port, long video, int count, int perGenerator, int streamFrom) throws IOException {
    List<Generator> started = new ArrayList<>();
    File log = new File(LOG);
    log.getParentFile().mkdirs();
    for (int first = 0, index = 0; first < count; first += perGenerator, index++) {
      int viewers = Math.min(perGenerator, count - first);
      List<String> command = new ArrayList<>(List.of(ViewersAtScale.java()));
      command.addAll(List.of(JVM));
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), ViewerLoad.class.getName(),
        "127.0.0.1", String.valueOf(port), String.valueOf(video), String.valueOf(viewers), "127.0.0." + (2 + index), String.valueOf(streamFrom)));
      java.lang.Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log)).start();
      started.add(new Generator(process, new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)),
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))));
    }
    for (Generator generator : started) {
      generator.awaitLine(ViewerLoad.STARTED);
    }
    return new Generators(started);
  }

  /** Has every generator open its viewers; the number open. */
  int go() throws IOException {
    for (Generator generator : generators) {
      generator.commands().write(ViewerLoad.GO);
      generator.commands().newLine();
      generator.commands().flush();
    }
    int open = 0;
    int failed = 0;
    for (Generator generator : generators) {
      String[] connected = generator.awaitLine(ViewerLoad.CONNECTED).split(" ");
      open += Integer.parseInt(connected[1]);
      failed += Integer.parseInt(connected[2]);
    }
    if (failed > 0) {
      System.out.println("  " + failed + " viewers could not connect");
    }
    return open;
  }

  /** Every viewer's latency of the broadcast seq, in ns; fails unless all expected viewers have it within the timeout. */
  long[] latencies(int seq, int expected, long timeoutMs) throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (true) {
      int seen = 0;
      for (Generator generator : generators) {
        seen += Integer.parseInt(generator.ask("count " + seq, "COUNT ").split(" ")[2]);
      }
      if (seen == expected) {
        break;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("broadcast " + seq + " reached " + seen + " viewers of " + expected);
      }
      Thread.sleep(20);
    }
    List<Long> all = new ArrayList<>();
    for (Generator generator : generators) {
      String[] line = generator.ask("report " + seq, "LAT ").split(" ");
      for (int i = 2; i < line.length; i++) {
        all.add(Long.parseLong(line[i]) * 1000);
      }
    }
    return all.stream().mapToLong(Long::longValue).toArray();
  }

  /** The stream's figures once expected deliveries have arrived; fails if they do not within the timeout. */
  StreamFigures stream(long expected, long timeoutMs) throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (true) {
      long deliveries = 0;
      long first = Long.MAX_VALUE;
      long last = 0;
      long[] histogram = new long[60_001];
      for (Generator generator : generators) {
        String[] line = generator.ask("stream", "STREAM ").split(" ");
        deliveries += Long.parseLong(line[1]);
        first = Math.min(first, Long.parseLong(line[2]));
        last = Math.max(last, Long.parseLong(line[3]));
        for (int i = 4; i < line.length; i++) {
          String[] bucket = line[i].split(":");
          histogram[Integer.parseInt(bucket[0])] += Long.parseLong(bucket[1]);
        }
      }
      if (deliveries >= expected) {
        return new StreamFigures(deliveries, deliveries / ((last - first) / 1e9), p99(histogram, deliveries));
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("the stream reached " + deliveries + " deliveries of " + expected);
      }
      Thread.sleep(200);
    }
  }

  private static double p99(long[] histogram, long total) {
    long wanted = (long) Math.ceil(total * 0.99);
    long seen = 0;
    for (int ms = 0; ms < histogram.length; ms++) {
      seen += histogram[ms];
      if (seen >= wanted) {
        return ms;
      }
    }
    return histogram.length - 1;
  }

  /** Has every generator close its viewers and exit. */
  void quit() throws IOException, InterruptedException {
    for (Generator generator : generators) {
      generator.commands().write("quit");
      generator.commands().newLine();
      generator.commands().flush();
    }
    for (Generator generator : generators) {
      generator.process().waitFor(60, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() {
    generators.forEach(generator -> generator.process().destroyForcibly());
  }
}
