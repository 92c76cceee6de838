package dev.rumbl.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The lines a child JVM prints, read on a thread of their own, so that a test waiting for a line
 * fails after its deadline instead of hanging on a child that never prints it.
 */
public final class ProcessOutput {

  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Process process;

  private ProcessOutput(Process process) {
    this.process = process;
    Thread reader = new Thread(this::read, "child-output");
    reader.setDaemon(true);
    reader.start();
  }

  public static ProcessOutput of(Process process) {
    return new ProcessOutput(process);
  }

  /** Waits until the child prints exactly this line; throws AssertionError after timeoutSeconds or when the child dies first. */
  public void awaitLine(String expected, long timeoutSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (true) {
      String line = lines.poll(100, TimeUnit.MILLISECONDS);
      if (expected.equals(line)) {
        return;
      }
      if (line == null && !process.isAlive() && lines.isEmpty()) {
        throw new AssertionError("the child exited (" + process.exitValue() + ") before printing " + expected);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the child did not print " + expected + " within " + timeoutSeconds + " s");
      }
    }
  }

  private void read() {
    try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = output.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException closed) {
      // the child is gone
    }
  }
}
