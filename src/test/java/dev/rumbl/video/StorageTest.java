package dev.rumbl.video;

import dev.rumbl.otp.ExitReason;
import dev.rumbl.otp.Name;
import dev.rumbl.otp.Node;
import dev.rumbl.otp.Pid;
import dev.rumbl.otp.Supervisor;
import dev.rumbl.otp.SupervisorSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import dev.rumbl.testing.StoreKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class StorageTest {

  @TempDir
  Path dataDir;

  private Pid startStorage(Vertx vertx, List<String> users) {
    return startStorage(vertx, StorageSettings.inDataDir(dataDir), users);
  }

  private static Pid startStorage(Vertx vertx, StorageSettings settings, List<String> users) {
    return Supervisor.start(Node.of(vertx), SupervisorSpec.oneForOne(Storage.childSpec(settings, users))).await();
  }

  private static void stop(Vertx vertx, Pid supervisor) {
    Node.of(vertx).stop(supervisor, ExitReason.shutdown()).await();
  }

  @Test
  void createsTheDatabaseInTheDataDirectory(Vertx vertx) {
    startStorage(vertx, List.of());

    assertThat(dataDir.resolve(Storage.DATABASE + ".mv.db")).exists();
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void seedsOneUserPerBackendOnce(StoreKind kind, Vertx vertx) {
    StorageSettings settings = kind.settings(dataDir);
    Pid first = startStorage(vertx, settings, VideoTree.BACKEND_USERS);
    stop(vertx, first);
    startStorage(vertx, settings, VideoTree.BACKEND_USERS);

    assertThat(Storage.store(vertx).usernames().await()).containsExactlyInAnyOrder("local", "wikipedia", "wolfram");
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void storesVideosAndListsAnnotationsByTimeThenId(StoreKind kind, Vertx vertx) {
    startStorage(vertx, kind.settings(dataDir), List.of());
    VideoStore store = Storage.store(vertx);

    Video video = store.createVideo(new VideoInput("Lecture", "")).await();
    Annotation late = store.annotate(video.id(), new AnnotationInput("ann", "late", 5000), null).await();
    Annotation early = store.annotate(video.id(), new AnnotationInput("bob", "early", 1000), "https://example.org/x").await();
    Annotation alsoLate = store.annotate(video.id(), new AnnotationInput("ann", "also late", 5000), null).await();

    assertThat(store.video(video.id()).await()).isEqualTo(video);
    assertThat(store.videos().await()).containsExactly(video);
    assertThat(store.annotations(video.id()).await()).containsExactly(early, late, alsoLate);
    assertThat(early.url()).isEqualTo("https://example.org/x");
    assertThat(store.usernames().await()).containsExactly("ann", "bob");
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void readsAVideosAnnotationsPageByPageInTheOrderOfAtThenId(StoreKind kind, Vertx vertx) {
    startStorage(vertx, kind.settings(dataDir), List.of());
    VideoStore store = Storage.store(vertx);
    Video video = store.createVideo(new VideoInput("Paged", "")).await();
    Video other = store.createVideo(new VideoInput("Other", "")).await();
    List<Annotation> all = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      all.add(store.annotate(video.id(), new AnnotationInput("ann", "note " + i, (i * 7) % 5 * 1000), null).await());
      store.annotate(other.id(), new AnnotationInput("bob", "elsewhere " + i, i), null).await();
    }
    all.sort(java.util.Comparator.comparingInt(Annotation::at).thenComparingLong(Annotation::id));

    List<Annotation> paged = new ArrayList<>();
    AnnotationCursor cursor = AnnotationCursor.START;
    List<Annotation> page;
    do {
      page = store.annotations(video.id(), cursor, 4).await();
      assertThat(page).hasSizeLessThanOrEqualTo(4);
      paged.addAll(page);
      cursor = page.isEmpty() ? cursor : AnnotationCursor.after(page.get(page.size() - 1));
    } while (page.size() == 4);

    assertThat(paged).containsExactlyElementsOf(all);
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void aPageOfAnnotationsIsReadFromTheIndexByVideoThenAtThenIdStartingAtTheCursor(StoreKind kind, Vertx vertx) throws Exception {
    StorageSettings settings = kind.settings(dataDir);
    startStorage(vertx, settings, List.of());
    VideoStore store = Storage.store(vertx);
    Video video = store.createVideo(new VideoInput("Indexed", "")).await();
    List<Future<Annotation>> stored = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      stored.add(store.annotate(video.id(), new AnnotationInput("ann", "n" + i, i % 500), null));
    }
    Future.all(stored).await();
    Database database = settings.database(false);
    String page = "EXPLAIN " + database.statements().selectAnnotations().replaceAll("\\$\\d+", "?");

    try (java.sql.Connection connection = java.sql.DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
      if (kind == StoreKind.POSTGRES) {
        connection.createStatement().execute("ANALYZE annotations");
      }
      java.sql.PreparedStatement explain = connection.prepareStatement(page);
      explain.setLong(1, video.id());
      explain.setInt(2, 250);
      explain.setLong(3, 1000);
      explain.setInt(4, 100);
      StringBuilder plan = new StringBuilder();
      try (java.sql.ResultSet rows = explain.executeQuery()) {
        while (rows.next()) {
          plan.append(rows.getString(1)).append('\n');
        }
      }
      String text = plan.toString().toLowerCase(java.util.Locale.ROOT);
      assertThat(text).as(plan.toString()).contains("annotations_by_time");
      assertThat(text).as(plan.toString()).containsAnyOf("at_ms >= ", "row(a.at_ms, a.id) > row(", "row(at_ms, id) > row(");
      if (kind == StoreKind.H2) {
        assertThat(text).as(plan.toString()).contains("index sorted");
      } else {
        assertThat(text).as(plan.toString()).doesNotContain("sort key");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void everythingStoredIsThereAfterTheStorageRestarts(StoreKind kind, Vertx vertx) {
    StorageSettings settings = kind.settings(dataDir);
    Pid first = startStorage(vertx, settings, List.of());
    Video video = Storage.store(vertx).createVideo(new VideoInput("Kept", "https://example.org/v.mp4")).await();
    Annotation note = Storage.store(vertx).annotate(video.id(), new AnnotationInput("ann", "hello", 10), null).await();
    stop(vertx, first);
    assertThat(Storage.store(vertx)).isNull();

    startStorage(vertx, settings, List.of());

    assertThat(Storage.store(vertx).videos().await()).containsExactly(video);
    assertThat(Storage.store(vertx).annotations(video.id()).await()).containsExactly(note);
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void nodesStartingAtOnceAgainstOneDatabaseAllStartAndShareIt(StoreKind kind, Vertx vertx) {
    List<Vertx> others = List.of(Vertx.vertx(), Vertx.vertx());
    try {
      for (int round = 0; round < 3; round++) {
        StorageSettings shared = kind.settings(dataDir.resolve("round-" + round));
        List<Vertx> nodes = List.of(vertx, others.get(0), others.get(1));
        List<Future<Pid>> starts = nodes.stream()
          .map(node -> Supervisor.start(Node.of(node), SupervisorSpec.oneForOne(Storage.childSpec(shared, VideoTree.BACKEND_USERS))))
          .toList();
        Future.all(starts).await();

        Video video = Storage.store(others.get(0)).createVideo(new VideoInput("Shared " + round, "")).await();
        for (Vertx node : nodes) {
          assertThat(Storage.store(node).usernames().await()).containsExactlyInAnyOrderElementsOf(VideoTree.BACKEND_USERS);
          assertThat(Storage.store(node).video(video.id()).await()).isEqualTo(video);
        }
        assertThat(Storage.store(others.get(1)).createUser("ann", "a hash").await()).isNotNull();
        assertThat(Storage.store(vertx).annotate(video.id(), new AnnotationInput("ann", "stored", 1), null).await().user()).isEqualTo("ann");
        for (int i = 0; i < nodes.size(); i++) {
          stop(nodes.get(i), starts.get(i).result());
        }
      }
    } finally {
      others.forEach(other -> other.close().await());
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void accountsHaveFreeNamesIgnoringCaseAndKeepTheirPasswordHash(StoreKind kind, Vertx vertx) {
    startStorage(vertx, kind.settings(dataDir), VideoTree.BACKEND_USERS);
    VideoStore store = Storage.store(vertx);

    Long ann = store.createUser("ann", "hash-of-ann").await();

    assertThat(ann).isNotNull();
    assertThat(store.createUser("ann", "another").await()).isNull();
    assertThat(store.createUser("Ann", "another").await()).isNull();
    assertThat(store.createUser("wolfram", "another").await()).isNull();
    assertThat(store.createUser("bob", "hash-of-bob").await()).isNotNull().isNotEqualTo(ann);
    assertThat(store.passwordHash("ann").await()).isEqualTo("hash-of-ann");
    assertThat(store.passwordHash("Ann").await()).isNull();
    assertThat(store.passwordHash("wolfram").await()).isNull();
    assertThat(store.passwordHash("nobody").await()).isNull();
  }

  /** The schema as it was before accounts: users without a password hash. */
  private static final List<String> SCHEMA_BEFORE_ACCOUNTS = List.of(
    "CREATE TABLE users (id BIGINT AUTO_INCREMENT PRIMARY KEY, username VARCHAR(64) NOT NULL UNIQUE)",
    "CREATE TABLE videos (id BIGINT AUTO_INCREMENT PRIMARY KEY, title VARCHAR(200) NOT NULL, url VARCHAR(2000) NOT NULL)",
    "CREATE TABLE annotations (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
      + " video_id BIGINT NOT NULL REFERENCES videos(id), user_id BIGINT NOT NULL REFERENCES users(id),"
      + " body VARCHAR(1000) NOT NULL, at_ms INT NOT NULL, url VARCHAR(2000))",
    "CREATE INDEX annotations_by_time ON annotations(video_id, at_ms, id)",
    "INSERT INTO users (username) VALUES ('ann'), ('wolfram')",
    "INSERT INTO videos (title, url) VALUES ('Old', '')",
    "INSERT INTO annotations (video_id, user_id, body, at_ms, url) VALUES (1, 1, 'written before accounts', 10, NULL)",
    "INSERT INTO annotations (video_id, user_id, body, at_ms, url) VALUES (1, 2, 'an old answer', 10, 'https://example.org/a')");

  @Test
  void aDatabaseMadeBeforeAccountsKeepsItsAnnotationsAndTheirAuthorsNamesAreTaken(Vertx vertx) throws Exception {
    try (java.sql.Connection old = java.sql.DriverManager.getConnection(StorageSettings.inDataDir(dataDir).jdbcUrl(false), "sa", "");
         java.sql.Statement statement = old.createStatement()) {
      for (String sql : SCHEMA_BEFORE_ACCOUNTS) {
        statement.execute(sql);
      }
    }

    startStorage(vertx, VideoTree.BACKEND_USERS);
    VideoStore store = Storage.store(vertx);

    assertThat(store.annotations(1).await()).extracting(Annotation::user, Annotation::body)
      .containsExactly(org.assertj.core.groups.Tuple.tuple("ann", "written before accounts"), org.assertj.core.groups.Tuple.tuple("wolfram", "an old answer"));
    assertThat(store.passwordHash("ann").await()).as("an author from before accounts cannot sign in").isNull();
    assertThat(store.createUser("ann", "a hash").await()).as("nor can anyone take the name").isNull();
    assertThat(store.createUser("carol", "a hash").await()).isNotNull();
    assertThat(store.annotate(1, new AnnotationInput("carol", "new", 20), null).await().user()).isEqualTo("carol");
    assertThat(store.annotations(1).await()).extracting(Annotation::user).containsExactly("ann", "wolfram", "carol");
  }

  /** The schema as the code before versioned migrations made it (CREATE ... IF NOT EXISTS at every start), with data. */
  private static final List<String> SCHEMA_BEFORE_MIGRATIONS = List.of(
    "CREATE TABLE IF NOT EXISTS users (id BIGINT AUTO_INCREMENT PRIMARY KEY, username VARCHAR(64) NOT NULL UNIQUE, password_hash VARCHAR(512))",
    "CREATE TABLE IF NOT EXISTS videos (id BIGINT AUTO_INCREMENT PRIMARY KEY, title VARCHAR(200) NOT NULL, url VARCHAR(2000) NOT NULL)",
    "CREATE TABLE IF NOT EXISTS annotations (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
      + " video_id BIGINT NOT NULL REFERENCES videos(id), user_id BIGINT NOT NULL REFERENCES users(id),"
      + " body VARCHAR(1000) NOT NULL, at_ms INT NOT NULL, url VARCHAR(2000))",
    "CREATE INDEX IF NOT EXISTS annotations_by_time ON annotations(video_id, at_ms, id)",
    "ALTER TABLE users ADD COLUMN IF NOT EXISTS password_hash VARCHAR(512)",
    "INSERT INTO users (username, password_hash) VALUES ('local', NULL), ('ann', 'hash-of-ann'), ('Ann', NULL)",
    "INSERT INTO videos (title, url) VALUES ('Before', ''), ('Also before', 'https://example.org/v.mp4')",
    "INSERT INTO annotations (video_id, user_id, body, at_ms, url) VALUES (2, 2, 'kept', 30, NULL), (2, 1, 'an answer', 30, 'https://example.org/a')");

  @Test
  void aDatabaseMadeBeforeVersionedMigrationsIsMigratedInPlaceAndKeepsEverything(Vertx vertx) throws Exception {
    try (java.sql.Connection old = java.sql.DriverManager.getConnection(StorageSettings.inDataDir(dataDir).jdbcUrl(false), "sa", "");
         java.sql.Statement statement = old.createStatement()) {
      for (String sql : SCHEMA_BEFORE_MIGRATIONS) {
        statement.execute(sql);
      }
    }

    Pid first = startStorage(vertx, VideoTree.BACKEND_USERS);
    VideoStore store = Storage.store(vertx);

    assertThat(store.videos().await()).extracting(Video::title).containsExactly("Before", "Also before");
    assertThat(store.annotations(2).await()).extracting(Annotation::user, Annotation::body)
      .containsExactly(org.assertj.core.groups.Tuple.tuple("ann", "kept"), org.assertj.core.groups.Tuple.tuple("local", "an answer"));
    assertThat(store.passwordHash("ann").await()).isEqualTo("hash-of-ann");
    assertThat(store.usernames().await()).as("the later of two names equal ignoring case, renamed").contains("ann", "Ann-3").doesNotContain("Ann");
    Video added = store.createVideo(new VideoInput("After", "")).await();
    assertThat(added.id()).isEqualTo(3);
    assertThat(store.annotate(added.id(), new AnnotationInput("ann", "new", 1), null).await().id()).isEqualTo(3);
    stop(vertx, first);

    var info = Migrations.flyway(StorageSettings.inDataDir(dataDir).database(false)).info();
    assertThat(info.applied()).extracting(applied -> applied.getVersion() + " " + applied.getType() + " " + applied.getState())
      .containsExactly("0 BASELINE BASELINE", "1 SQL SUCCESS", "2 SQL SUCCESS");
    startStorage(vertx, VideoTree.BACKEND_USERS);
    assertThat(Storage.store(vertx).annotations(3).await()).extracting(Annotation::body).containsExactly("new");
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void aNewDatabaseGetsEveryMigrationOnceAndASecondStartChangesNothing(StoreKind kind, Vertx vertx) {
    StorageSettings settings = kind.settings(dataDir);
    stop(vertx, startStorage(vertx, settings, List.of()));
    startStorage(vertx, settings, List.of());

    var info = Migrations.flyway(settings.database(false)).info();
    assertThat(info.applied()).extracting(applied -> applied.getVersion().toString()).containsExactly("1", "2");
    assertThat(info.pending()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void ofThirtyTwoSignUpsRacingForOneNameInEveryCaseOneMakesAnAccount(StoreKind kind, Vertx vertx) {
    startStorage(vertx, kind.settings(dataDir), List.of());
    VideoStore store = Storage.store(vertx);
    List<Future<Long>> created = new ArrayList<>();
    for (int variant = 0; variant < 32; variant++) {
      StringBuilder name = new StringBuilder();
      for (int i = 0; i < "racer".length(); i++) {
        char letter = "racer".charAt(i);
        name.append((variant >> i & 1) == 1 ? Character.toUpperCase(letter) : letter);
      }
      created.add(store.createUser(name.toString(), "hash"));
    }
    Future.join(created).await();

    assertThat(created).extracting(Future::result).filteredOn(Objects::nonNull).hasSize(1);
    assertThat(store.usernames().await()).filteredOn(name -> name.equalsIgnoreCase("racer")).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void thirtyTwoAnnotationsAtOnceByAUserNotStoredYetAreAllStoredAsOneUser(StoreKind kind, Vertx vertx) {
    startStorage(vertx, kind.settings(dataDir), List.of());
    VideoStore store = Storage.store(vertx);
    Video video = store.createVideo(new VideoInput("Busy", "")).await();
    List<Future<Annotation>> stored = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      stored.add(store.annotate(video.id(), new AnnotationInput("zed", "at once " + i, i), null));
    }

    Future.all(stored).await();
    assertThat(store.annotations(video.id()).await()).hasSize(32).extracting(Annotation::user).containsOnly("zed");
    assertThat(store.usernames().await()).containsOnlyOnce("zed");
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void theDatabaseItselfRefusesANameEqualToAnotherIgnoringCase(StoreKind kind, Vertx vertx) throws Exception {
    StorageSettings settings = kind.settings(dataDir);
    startStorage(vertx, settings, List.of());
    Storage.store(vertx).createUser("ann", "hash").await();

    Database database = settings.database(false);
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
         Statement statement = connection.createStatement()) {
      assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO users (username) VALUES ('ANN')"))
        .isInstanceOfSatisfying(SQLException.class, refused -> assertThat(refused.getSQLState()).isEqualTo("23505"));
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void anUnknownVideoFailsWithUnknownVideo(StoreKind kind, Vertx vertx) {
    startStorage(vertx, kind.settings(dataDir), List.of());

    assertThatThrownBy(() -> Storage.store(vertx).video(42).await()).isInstanceOf(UnknownVideo.class);
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void whileAKilledStorageIsOnItsWayOutItsStoreFailsOnlyAsUnavailable(StoreKind kind, Vertx vertx) {
    Node node = Node.of(vertx);
    startStorage(vertx, kind.settings(dataDir), List.of());
    VideoStore store = Storage.store(vertx);
    Video video = store.createVideo(new VideoInput("Going", "")).await();
    Pid storage = node.whereis(Name.local(Storage.NAME)).await();
    List<Throwable> failures = new ArrayList<>();

    node.exit(storage, ExitReason.kill());
    while (node.isAlive(storage)) {
      store.video(video.id()).otherwise(error -> {
        failures.add(error);
        return null;
      }).await();
    }

    assertThat(failures).allSatisfy(failure -> assertThat(failure).isInstanceOf(StorageUnavailable.class));
  }

  @Test
  void isRegisteredUnderItsName(Vertx vertx) {
    startStorage(vertx, List.of());

    assertThat(Node.of(vertx).whereis(Name.local(Storage.NAME)).await()).isNotNull();
  }
}
