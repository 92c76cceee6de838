package dev.rumbl.otp;

import io.vertx.core.Future;
import io.vertx.core.VertxOptions;

import java.util.ArrayList;
import java.util.List;

/**
 * Elixir's {@code PartitionSupervisor}: a one_for_one supervisor, registered under {@code name}, of
 * several copies of one child, its partitions, so that work spread over them does not queue behind
 * one process. Partition {@code i} runs on event loop {@code i} (modulo the node's loops) and is
 * registered under the node-local name {@code name.i}, which the partition supervisor gives it; it is
 * restarted alone, under the same name, when it exits.
 *
 * <p>Work reaches a partition by {@link #partition(int) key}, or by {@link #nearest(Node) the
 * caller's event loop}: with as many partitions as event loops (the default, Vert.x's default pool)
 * every loop has its own partition, and a partition whose children are placed on its loop
 * ({@link Placement#supervisorLoop()}) serves its callers without a thread hop.
 */
public final class PartitionSupervisor {

  /** As many partitions as Vert.x's default event-loop pool has loops, as Elixir has one per scheduler. */
  public static final int DEFAULT_PARTITIONS = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;

  private final Name name;
  private final List<Name> partitions;
  private final ChildSpec partition;

  private PartitionSupervisor(Name name, int partitions, ChildSpec partition) {
    if (name.scope() != Name.Scope.LOCAL) {
      throw new IllegalArgumentException("a partition supervisor takes a node-local name, got " + name);
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be 1 or more, got " + partitions);
    }
    this.name = name;
    this.partition = partition;
    List<Name> names = new ArrayList<>(partitions);
    for (int index = 0; index < partitions; index++) {
      names.add(name.withValue(name.value() + "." + index));
    }
    this.partitions = List.copyOf(names);
  }

  /** {@value #DEFAULT_PARTITIONS} partitions of the child. */
  public static PartitionSupervisor of(Name name, ChildSpec partition) {
    return of(name, DEFAULT_PARTITIONS, partition);
  }

  public static PartitionSupervisor of(Name name, int partitions, ChildSpec partition) {
    return new PartitionSupervisor(name, partitions, partition);
  }

  /** The partition supervisor as the child of another supervisor, with the name as its id. */
  public ChildSpec childSpec() {
    List<ChildSpec> copies = new ArrayList<>(partitions.size());
    for (int index = 0; index < partitions.size(); index++) {
      Name copy = partitions.get(index);
      copies.add(partition.withId(copy.value())
        .withStart(arg -> partition.start().apply(arg).named(copy))
        .withPlacement(Placement.loop(index)));
    }
    SupervisorSpec spec = SupervisorSpec.oneForOne(copies.toArray(ChildSpec[]::new));
    return ChildSpec.supervisor(name.value(), () -> new Supervisor(spec).named(name));
  }

  /** The name of the partition for key, as Elixir routes an integer key: its remainder by the number of partitions. */
  public Name partition(int key) {
    return partitions.get(Math.floorMod(key, partitions.size()));
  }

  /** The name of the partition on the caller's event loop (see {@link Node#callerLoopIndex()}). */
  public Name nearest(Node node) {
    return partition(node.callerLoopIndex());
  }

  /** The partitions' names, partition 0 first. */
  public List<Name> partitions() {
    return partitions;
  }

  /** The children of every partition, counted together; fails as {@link Supervisor#countChildren} does. */
  public Future<ChildCounts> countPartitionChildren(Node node) {
    List<Future<ChildCounts>> counts = new ArrayList<>(partitions.size());
    for (Name copy : partitions) {
      counts.add(Supervisor.countChildren(node, copy));
    }
    return Future.all(counts).map(all -> {
      ChildCounts sum = new ChildCounts(0, 0, 0, 0);
      for (Future<ChildCounts> count : counts) {
        sum = sum.plus(count.result());
      }
      return sum;
    });
  }
}
