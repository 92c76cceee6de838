package dev.rumbl;

import dev.rumbl.account.AuthSettings;
import dev.rumbl.config.AppConfig;
import dev.rumbl.counter.Counters;
import dev.rumbl.infosys.InfoSys;
import dev.rumbl.infosys.InfoSysConfig;
import dev.rumbl.infosys.backend.BackendCatalog;
import dev.rumbl.otp.ChildSpec;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.SupervisorSpec;
import dev.rumbl.video.Channels;
import dev.rumbl.video.Presence;
import dev.rumbl.video.Viewers;
import dev.rumbl.video.Storage;
import dev.rumbl.video.StorageSettings;
import dev.rumbl.web.HttpEndpoint;
import dev.rumbl.web.HttpSettings;
import dev.rumbl.web.LoadSampler;
import dev.rumbl.web.ObserverHost;
import dev.rumbl.web.TreePublisher;

import java.nio.file.Path;

import java.util.List;
import java.util.Set;

/**
 * The application's supervision tree, declared in one place as the book's {@code children = [...]}:
 * the root supervisor {@code rumbl} (one_for_one, default intensity) starts its children in this
 * order and stops them in reverse order: the video storage first (the database ready, backend users
 * seeded), the InfoSys subtree, the {@code counters} dynamic supervisor (at most {@code counters.max} counters) and its {@code counters.host}
 * (which answers other nodes of a cluster about them), the book's {@code counter} started with 5,
 * the video channels' dynamic supervisor, the presence of the videos' viewers, the bridge's
 * viewers' and sockets' dynamic supervisors (so that a socket, stopped first, stops its viewers
 * while they still run), the observer's tree feed, load sampler and host (which answers other nodes' observers), and the HTTP endpoint last, so
 * that it only serves once everything it reaches is running, and stops first.
 */
public final class RumblTree {

  public static final Name ROOT = Name.local("rumbl");

  private RumblTree() {
  }

  public static SupervisorSpec spec(AppConfig config) {
    return SupervisorSpec.oneForOne(children(config).toArray(ChildSpec[]::new));
  }

  static List<ChildSpec> children(AppConfig config) {
    BackendCatalog backends = BackendCatalog.standard();
    return List.of(
      Storage.childSpec(storageSettings(config), List.copyOf(backends.names())),
      InfoSys.childSpec(InfoSysConfig.fromJson(config.infosys()), backends),
      Counters.supervisorSpec(config.countersMax()),
      Counters.hostSpec(),
      Counters.bookCounterSpec(),
      Channels.supervisorSpec(config.channelIdleMs()),
      Presence.childSpec(),
      Viewers.viewersSpec(),
      Viewers.socketsSpec(config.viewers()),
      TreePublisher.childSpec(ROOT),
      LoadSampler.childSpec(),
      ObserverHost.childSpec(ROOT),
      HttpEndpoint.childSpec(httpSettings(config, backends.names())));
  }

  private static StorageSettings storageSettings(AppConfig config) {
    return new StorageSettings(Path.of(config.dataDir()), config.storageUrl(), config.storageHost(), config.storagePort(),
      config.storageDatabase(), config.storageUser(), config.storagePassword(), config.storageAutoServerBindAddress(), config.storagePool(),
      config.storageTls());
  }

  /** Every backend's name is reserved: no account may sign up as one. */
  private static HttpSettings httpSettings(AppConfig config, Set<String> backendNames) {
    AuthSettings auth = AuthSettings.inDataDir(config.authSecret(), config.tokenTtlSeconds(), Path.of(config.dataDir()), backendNames);
    return new HttpSettings(config.httpHost(), config.httpPort(), config.maxBodyBytes(), config.adminToken(), ROOT,
      config.httpIdleTimeoutSeconds(), auth, config.limits(), config.viewers());
  }
}
