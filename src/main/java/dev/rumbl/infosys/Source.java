package dev.rumbl.infosys;

import dev.rumbl.otp.Pid;

/**
 * Where one backend of a compute runs: {@link Here} on this node, or {@link There}, on another
 * node of the cluster whose {@link RemoteWorkers} process starts the worker.
 */
sealed interface Source permits Source.Here, Source.There {

  String backend();

  record Here(Backend impl) implements Source {
    @Override
    public String backend() {
      return impl.name();
    }
  }

  record There(String backend, Pid server) implements Source {
  }
}
