package dev.rumbl.bench;

import java.util.List;

/**
 * One benchmark scenario: runs the Rumbl version and its raw Vert.x baseline in the same JVM,
 * interleaving their rounds so that both see the same machine load, and returns one
 * {@link Measurement} per metric. The key of each measurement is the one the Elixir script prints.
 */
interface Scenario {

  String name();

  List<Measurement> run(BenchConfig config) throws Exception;
}
