package dev.rumbl.infosys;

import dev.rumbl.infosys.backend.BackendCatalog;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InfoSysConfigTest {

  @Test
  void theShippedConfigurationReadsAsTheDefaults() throws Exception {
    JsonObject shipped = new JsonObject(Files.readString(Path.of("conf/config.json")));

    assertThat(InfoSysConfig.fromJson(shipped.getJsonObject("infosys"))).isEqualTo(InfoSysConfig.defaults());
    assertThat(InfoSysConfig.defaults().wolframAppId()).isNull();
    assertThat(InfoSysConfig.defaults().backends()).containsExactly("local", "wikipedia", "wolfram");
    assertThat(InfoSysConfig.defaults().cacheMaxEntries()).isEqualTo(10_000);
    assertThat(InfoSysConfig.defaults().maxConcurrentComputes()).isEqualTo(1_000);
  }

  @Test
  void readsEveryKey() {
    InfoSysConfig config = InfoSysConfig.fromJson(new JsonObject()
      .put("backends", new JsonArray().add("local"))
      .put("cacheClearMs", 500)
      .put("cacheMaxEntries", 20)
      .put("maxConcurrentComputes", 3)
      .put("local", new JsonObject().put("knowledge", "kb.json"))
      .put("wikipedia", new JsonObject().put("baseUrl", "http://w/").put("timeoutMs", 100))
      .put("wolfram", new JsonObject().put("appId", "APP").put("baseUrl", "http://a/q").put("timeoutMs", 200)));

    assertThat(config).isEqualTo(new InfoSysConfig(List.of("local"), 500, 20, 3, "kb.json", "http://w/", 100, "APP", "http://a/q", 200));
  }

  @Test
  void anInvalidValueFailsNamingItsKey() {
    assertThatThrownBy(() -> InfoSysConfig.fromJson(new JsonObject().put("wolfram", new JsonObject().put("timeoutMs", "soon"))))
      .hasMessageContaining("infosys.wolfram.timeoutMs");
    assertThatThrownBy(() -> InfoSysConfig.fromJson(new JsonObject().put("cacheClearMs", 0)))
      .hasMessageContaining("infosys.cacheClearMs");
    assertThatThrownBy(() -> InfoSysConfig.fromJson(new JsonObject().put("cacheMaxEntries", -1)))
      .hasMessageContaining("infosys.cacheMaxEntries");
    assertThatThrownBy(() -> InfoSysConfig.fromJson(new JsonObject().put("maxConcurrentComputes", 0)))
      .hasMessageContaining("infosys.maxConcurrentComputes");
    assertThatThrownBy(() -> InfoSysConfig.fromJson(new JsonObject().put("maxConcurrentComputes", 3_000_000_000L)))
      .hasMessageContaining("infosys.maxConcurrentComputes");
    assertThatThrownBy(() -> InfoSysConfig.fromJson(new JsonObject().put("backends", new JsonArray().add("local").add("local"))))
      .hasMessageContaining("infosys.backends");
    assertThatThrownBy(() -> InfoSysConfig.fromJson(new JsonObject().put("wikipedia", "http://w/")))
      .hasMessageContaining("infosys.wikipedia");
    assertThatThrownBy(() -> InfoSysConfig.fromJson(new JsonObject().put("backends", new JsonArray().add("Bad Name"))))
      .isInstanceOfSatisfying(InvalidSetting.class, e -> assertThat(e.key()).isEqualTo("infosys.backends"));
    assertThatThrownBy(() -> InfoSysConfig.fromJson(new JsonObject().put("wolfram", new JsonObject().put("baseUrl", "ftp://a/q"))))
      .isInstanceOfSatisfying(InvalidSetting.class, e -> assertThat(e.key()).isEqualTo("infosys.wolfram.baseUrl"));
    assertThatThrownBy(() -> InfoSysConfig.fromJson(new JsonObject().put("wolfram", new JsonObject().put("appId", " "))))
      .isInstanceOfSatisfying(InvalidSetting.class, e -> assertThat(e.getMessage()).doesNotContain("' '"));
  }

  @Test
  void theTreeIsBuiltFromTheWholeApplicationConfiguration() {
    assertThat(InfoSys.childSpec(new JsonObject().put("http", new JsonObject())).id()).isEqualTo(InfoSys.SUPERVISOR);
    assertThatThrownBy(() -> InfoSys.childSpec(new JsonObject().put("infosys", "on"))).hasMessageContaining("infosys must be an object");
  }

  @Test
  void anUnknownBackendIsRefusedWhenTheTreeIsBuilt() {
    InfoSysConfig config = InfoSysConfig.defaults().withBackends(List.of("local", "oracle"));

    assertThatThrownBy(() -> InfoSys.childSpec(config, BackendCatalog.standard())).hasMessageContaining("unknown backend 'oracle'");
  }
}
