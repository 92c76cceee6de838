package dev.rumbl.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the benchmark scenarios (all, or those whose number is given as an argument, e.g. {@code 1 3};
 * scenarios 1 to 5 measure a Pekko side in their own rounds), then the Elixir counterparts of the same scenarios when elixir is installed, and prints the table;
 * it also writes it to {@value #OUTPUT}. Started by {@code bench/run}; sizes come from {@link BenchConfig}'s
 * properties and {@value #NO_ELIXIR} skips Elixir.
 */
public final class BenchMain {

  static final String OUTPUT = "target/bench/results.md";
  static final String NO_ELIXIR = "bench.noElixir";

  private BenchMain() {
  }

  /** The scenarios in the order. */
  static List<Scenario> scenarios() {
    return List.of(new CastThroughput(), new CallRoundTrip(), new RestartLatency(), new InfoSysCompute(),
      new ManyChildren(), new HttpInfoSys(), new ViewersAtScale(), new StorageThroughput());
  }

  public static void main(String[] args) throws Exception {
    BenchConfig config = BenchConfig.fromSystemProperties();
    Set<String> chosen = Set.of(args);
    System.out.println("Rumbl benchmarks, " + config);
    List<Measurement> measurements = new ArrayList<>();
    for (Scenario scenario : scenarios()) {
      if (chosen.isEmpty() || chosen.contains(number(scenario))) {
        System.out.println("running " + scenario.name() + " ...");
        List<Measurement> results = scenario.run(config);
        System.out.print(ResultTable.render(results));
        measurements.addAll(results);
      }
    }
    Map<String, Double> elixir = Boolean.getBoolean(NO_ELIXIR) ? Map.of() : ElixirRun.run(config, chosen);
    List<Measurement> table = measurements.stream()
      .map(m -> elixir.containsKey(m.key()) ? m.withElixir(elixir.get(m.key())) : m)
      .toList();
    String report = "Run of " + ZonedDateTime.now() + " on " + machine() + "\n\n" + ResultTable.render(table);
    System.out.println();
    System.out.println(report);
    Path output = Path.of(OUTPUT);
    Files.createDirectories(output.getParent());
    Files.writeString(output, report);
  }

  /** The scenario's number, the start of its name ("3. restart" is 3). */
  private static String number(Scenario scenario) {
    return scenario.name().substring(0, scenario.name().indexOf('.'));
  }

  private static String machine() {
    Runtime runtime = Runtime.getRuntime();
    return runtime.availableProcessors() + " cores, JVM " + System.getProperty("java.vm.name") + " "
      + System.getProperty("java.runtime.version") + ", max heap " + runtime.maxMemory() / (1 << 20) + " MiB, "
      + System.getProperty("os.name") + " " + System.getProperty("os.arch");
  }
}
