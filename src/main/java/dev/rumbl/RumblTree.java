package dev.rumbl;

import dev.rumbl.counter.Counters;
import dev.rumbl.otp.ChildSpec;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.SupervisorSpec;
import dev.rumbl.web.HttpEndpoint;
import dev.rumbl.web.HttpSettings;
import dev.rumbl.web.Search;

import java.util.List;

/**
 * The application's supervision tree, declared in one place as the book's {@code children = [...]}:
 * the root supervisor {@code rumbl} (one_for_one, default intensity) starts its children in this
 * order and stops them in reverse order. The storage child (video issue) goes first and the InfoSys
 * subtree ({@code InfoSys.childSpec(config.infosys())}) second, before {@code counters}, and the
 * endpoint's {@link Search} becomes an adapter of {@code InfoSys.compute}. The HTTP endpoint comes
 * last, so that it only serves once everything it reaches is running, and stops first.
 */
public final class RumblTree {

  public static final Name ROOT = Name.local("rumbl");

  private RumblTree() {
  }

  public static SupervisorSpec spec(AppConfig config) {
    return SupervisorSpec.oneForOne(children(config).toArray(ChildSpec[]::new));
  }

  static List<ChildSpec> children(AppConfig config) {
    return List.of(
      Counters.supervisorSpec(),
      Counters.bookCounterSpec(),
      HttpEndpoint.childSpec(httpSettings(config)));
  }

  private static HttpSettings httpSettings(AppConfig config) {
    return new HttpSettings(config.httpHost(), config.httpPort(), config.maxBodyBytes(), config.adminToken(), ROOT,
      Search.UNAVAILABLE);
  }
}
