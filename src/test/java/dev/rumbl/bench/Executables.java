package dev.rumbl.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the external programs some benchmarks run ({@code elixir}, {@code wrk}) on the PATH. */
final class Executables {

  private Executables() {
  }

  static boolean installed(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
