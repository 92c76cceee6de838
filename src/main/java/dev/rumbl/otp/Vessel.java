package dev.rumbl.otp;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.deployment.Deployment;
import io.vertx.core.internal.deployment.DeploymentContext;
import io.vertx.core.Deployable;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Vert.x sees of a process: the deployment of its context, without Vert.x's deployment
 * manager. Because the context belongs to a deployment, what the process opens on it (consumers,
 * timers, servers, clients) is registered with the context's close future and closed when the
 * process exits, and verticles it deploys are its children, undeployed at its exit, as a
 * Vert.x undeploy would do. It never appears in {@code vertx.deploymentIDs()}. Its context's
 * {@code config()} is one empty, read-only JSON object shared by every process (Vert.x would
 * otherwise make an empty one per context), and its list of children is made on first use: a
 * node holds a process per viewer of a video (BENCHMARKS.md, scenario 7).
 */
final class Vessel implements DeploymentContext, Deployment {

  private static final DeploymentOptions OPTIONS = new DeploymentOptions().setConfig(new JsonObject(Map.of()));

  private final Process process;
  private List<DeploymentContext> children;
  private ContextInternal context;
  private boolean sealed;

  Vessel(Process process) {
    this.process = process;
  }

  Process process() {
    return process;
  }

  void board(Context context) {
    this.context = (ContextInternal) context;
  }

  /** Refuses new children, undeploys the present ones; completes when they are gone. */
  Future<?> undeployChildren() {
    List<DeploymentContext> leaving;
    synchronized (this) {
      sealed = true;
      if (children == null || children.isEmpty()) {
        return Future.succeededFuture();
      }
      leaving = new ArrayList<>(children);
    }
    return Future.join(leaving.stream().map(child -> child.undeploy(context)).toList());
  }

  @Override
  public synchronized boolean addChild(DeploymentContext deployment) {
    if (sealed) {
      return false;
    }
    if (children == null) {
      children = new ArrayList<>(1);
    }
    return children.add(deployment);
  }

  @Override
  public synchronized boolean removeChild(DeploymentContext deployment) {
    return children != null && children.remove(deployment);
  }

  @Override
  public boolean isChild() {
    return false;
  }

  @Override
  public Future<Void> undeploy(ContextInternal undeployingContext) {
    return undeployingContext.failedFuture(new IllegalStateException(process + " is a process: stop it through its node"));
  }

  @Override
  public String id() {
    return process.address();
  }

  @Override
  public Deployment deployment() {
    return this;
  }

  @Override
  public Set<Context> contexts() {
    return Set.of(context);
  }

  @Override
  public Set<Deployable> instances() {
    return Set.of();
  }

  @Override
  public DeploymentOptions options() {
    return OPTIONS;
  }

  @Override
  public String identifier() {
    return process.getClass().getName();
  }

  @Override
  public Future<?> deploy(DeploymentContext context) {
    return Future.failedFuture(new IllegalStateException("a process is started by its node"));
  }

  @Override
  public Future<?> undeploy() {
    return Future.failedFuture(new IllegalStateException("a process is stopped by its node"));
  }

  @Override
  public Future<?> cleanup() {
    return Future.succeededFuture();
  }
}
