package dev.rumbl.infosys;

import dev.rumbl.otp.Pid;

import java.util.List;

/**
 * Where one backend of a compute runs: {@link Here} on this node, or {@link There}, on another
 * node of the cluster whose {@link RemoteWorkers} process starts the worker: the servers of every
 * node offering the backend, in the order to ask them, so that a node that cannot lend a worker is
 * passed over for the next.
 */
sealed interface Source permits Source.Here, Source.There {

  String backend();

  record Here(Backend impl) implements Source {
    @Override
    public String backend() {
      return impl.name();
    }
  }

  record There(String backend, List<Pid> servers) implements Source {

    public There {
      servers = List.copyOf(servers);
      if (servers.isEmpty()) {
        throw new IllegalArgumentException("no node offers " + backend);
      }
    }
  }
}
