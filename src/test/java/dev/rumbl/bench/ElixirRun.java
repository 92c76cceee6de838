package dev.rumbl.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Elixir counterparts of the scenarios ({@value #SCRIPT}) when an {@code elixir}
 * executable is on the PATH, with the same sizes, and reads the figures it prints as lines
 * {@code RESULT <key> <value>}, the keys being those of the Java measurements. Other lines are
 * echoed.
 */
final class ElixirRun {

  static final String SCRIPT = "bench/elixir/bench.exs";
  private static final String RESULT = "RESULT ";
  private static final long TIMEOUT_MINUTES = 20;

  private ElixirRun() {
  }

  /**
   * The figures by key of the chosen scenarios (by number; all when empty); empty when elixir is not
   * installed. Fails when the script fails.
   */
  static Map<String, Double> run(BenchConfig config, Set<String> chosen) throws IOException, InterruptedException {
    Map<String, Double> figures = new HashMap<>();
    if (!Executables.installed("elixir")) {
      System.out.println("elixir is not installed: the Elixir column stays empty (apt-get install elixir)");
      return figures;
    }
    List<String> command = new ArrayList<>(List.of("elixir", SCRIPT,
      String.valueOf(config.warmups()), String.valueOf(config.rounds()), String.valueOf(config.casts()),
      String.valueOf(config.calls()), String.valueOf(config.restarts()), String.valueOf(config.children()),
      String.valueOf(config.childRounds()), String.valueOf(config.computes()), String.valueOf(config.callers())));
    command.addAll(new TreeSet<>(chosen));
    java.lang.Process elixir = new ProcessBuilder(command)
      .redirectErrorStream(true)
      .start();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(elixir.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        System.out.println("  [elixir] " + line);
        if (line.startsWith(RESULT)) {
          String[] parts = line.substring(RESULT.length()).trim().split("\\s+");
          figures.put(parts[0], Double.parseDouble(parts[1]));
        }
      }
    }
    if (!elixir.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES) || elixir.exitValue() != 0) {
      elixir.destroyForcibly();
      throw new IllegalStateException("the Elixir benchmarks failed; see their output above");
    }
    return figures;
  }
}
