package dev.rumbl;

import dev.rumbl.config.AppConfig;
import dev.rumbl.config.ConfigException;
import dev.rumbl.config.ConfigLoader;
import dev.rumbl.otp.ExitReason;
import dev.rumbl.web.Metrics;
import io.vertx.core.Deployable;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.launcher.application.ExitCodes;
import io.vertx.launcher.application.HookContext;
import io.vertx.launcher.application.VertxApplication;
import io.vertx.launcher.application.VertxApplicationHooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Supplier;

/**
 * The command line: Vert.x 5's launcher ({@link VertxApplication}) with Rumbl's hooks, so that
 * every launcher option works as documented ({@code -conf FILE}, {@code -cluster}, {@code -options}).
 *
 * <ul>
 *   <li>Configuration: defaults from {@code conf/config.json}, the {@code -conf} file over them,
 *       environment variables over single keys ({@link ConfigLoader}). An invalid value prints one
 *       line naming the key and exits with {@value #EXIT_BAD_CONFIG}, before Vert.x starts.</li>
 *   <li>Vert.x starts with Micrometer metrics (Prometheus) and deploys {@link Rumbl}; with
 *       {@code eventLoop.spinMicros} above 0, on the {@link SpinningTransport}.</li>
 *   <li>{@code -cluster} joins or forms a cluster with Hazelcast configured from the jar's
 *       {@value #HAZELCAST_CONFIG_DEFAULT} (loopback only, dead nodes dropped within about 5 s) unless
 *       the {@value #HAZELCAST_CONFIG_PROPERTY} system property names another file; the event bus
 *       listens on the address Hazelcast chose ({@code -cluster-host} overrides it).</li>
 *   <li>Ctrl-C or SIGTERM: the launcher's shutdown hook closes Vert.x, which stops the tree in
 *       reverse start order first; the process then exits 0, not the JVM's 128+signal.</li>
 *   <li>If the root supervisor gives up, the reason is logged and the process exits with
 *       {@value #EXIT_ROOT_GAVE_UP}; a failed start exits with the launcher's code (15).</li>
 * </ul>
 */
public final class Main extends VertxApplication implements VertxApplicationHooks {

  public static final int EXIT_BAD_CONFIG = 78;
  public static final int EXIT_ROOT_GAVE_UP = 1;

  public static final String HAZELCAST_CONFIG_PROPERTY = "vertx.hazelcast.config";
  public static final String HAZELCAST_CONFIG_DEFAULT = "classpath:conf/cluster.xml";

  private static final List<String> CONF_OPTIONS = List.of("-conf", "--conf");
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private final List<String> args;
  private volatile int exitStatus;
  private volatile int spinMicros;

  private Main(String[] args) {
    super(args);
    this.args = List.of(args);
  }

  public static void main(String[] args) {
    if (System.getProperty(HAZELCAST_CONFIG_PROPERTY) == null) {
      System.setProperty(HAZELCAST_CONFIG_PROPERTY, HAZELCAST_CONFIG_DEFAULT);
    }
    new Main(args).launch();
  }

  @Override
  public JsonObject afterConfigParsed(JsonObject given) {
    try {
      if (given == null && CONF_OPTIONS.stream().anyMatch(args::contains)) {
        throw new ConfigException("-conf must name a readable JSON file or be a JSON object");
      }
      JsonObject config = ConfigLoader.load(given, System.getenv());
      AppConfig app = AppConfig.fromJson(config);
      LogLevels.setRoot(app.logLevel());
      LogFormat.apply(app.logFormat());
      spinMicros = app.eventLoopSpinMicros();
      return config;
    } catch (ConfigException e) {
      System.err.println("rumbl: " + e.getMessage());
      System.exit(EXIT_BAD_CONFIG);
      throw e;
    }
  }

  @Override
  public void beforeStartingVertx(HookContext context) {
    Metrics.enable(context.vertxOptions());
  }

  /** Vert.x's own builder, on the {@link SpinningTransport} when {@code eventLoop.spinMicros} is above 0. */
  @Override
  public VertxBuilder createVertxBuilder(VertxOptions options) {
    if (spinMicros > 0) {
      log.info("event loops spin up to {} µs before they sleep ({})", spinMicros, AppConfig.EVENT_LOOP_SPIN_MICROS);
    }
    return SpinningTransport.onto(VertxApplicationHooks.super.createVertxBuilder(options), spinMicros);
  }

  @Override
  public Supplier<? extends Deployable> verticleSupplier() {
    return () -> new Rumbl(this::rootGaveUp);
  }

  @Override
  public void afterFailureToDeployVerticle(HookContext context, Throwable t) {
    exitStatus = ExitCodes.VERTX_DEPLOYMENT;
    context.vertx().close();
  }

  @Override
  public void afterVertxStopped(HookContext context) {
    Runtime.getRuntime().halt(exitStatus);
  }

  private void rootGaveUp(ExitReason reason) {
    exitStatus = EXIT_ROOT_GAVE_UP;
    new Thread(() -> System.exit(EXIT_ROOT_GAVE_UP), "rumbl-exit").start();
  }
}
