package io.changegate.benchmark;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.COMMENT;
import static io.changegate.change.ChangeProcess.DECISION;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.ChangegateApplication;
import io.changegate.approval.ReviewProcess;
import io.changegate.change.Artifact;
import io.changegate.change.Change;
import io.changegate.change.ChangeRepository;
import io.changegate.change.ChangeStatus;
import io.changegate.change.ChangeType;
import io.changegate.change.Target;
import io.changegate.security.Groups;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 3, item 9: an approver's task list with 10,000 open sign-off tasks on PostgreSQL. Target: p95 <= 50 ms.
 *
 * <p>Populates the way production does: 2,500 regulated, security-relevant, HIGH-risk production changes in the
 * change store, each with {@code sign-off} started by the {@link RuntimeService} (business key = change id), which
 * loads the change, asks {@code required-sign-offs} and opens four parallel {@code Task_SignOff} (legal, security,
 * operations, cab), each with its due-date timer; plus 100 changes whose sign-offs were decided (APPROVE, some
 * REJECT) by the demo users, so history is not empty. Then, over real HTTP with HTTP Basic, as {@code
 * security-officer} (group security) and {@code cab-chair} (cab, ecab), the requests Tasklist issues: the filter
 * "My group's tasks" (first page of 15, sorted by creation time descending, {@code Accept: application/hal+json},
 * which also counts and embeds the filter's variables), the filter's {@code /count}, and the plain candidate-group
 * task query {@code GET /engine-rest/task?candidateGroups=}. Warm-up, then sequential samples; prints
 * p50/p95/p99/max and the ratio p95 / 50 ms, the time the same queries take inside the engine, and the SQL the engine
 * runs for the filter request with PostgreSQL's EXPLAIN ANALYZE. Asserts nothing; a failure is printed.
 *
 * <p>Run: {@code ./mvnw -Pbenchmark verify -Dtest=SignOffTaskListBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbenchmark.signoff.changes=2500}, {@code -Dbenchmark.signoff.samples=200},
 * {@code -Dbenchmark.signoff.keep-database=true} keeps {@value #DATABASE} for a look with psql,
 * {@code -Dbenchmark.signoff.planner-fix=false} measures without V8's statistics and the postgres profile's planner
 * settings, as before them; with it, the end of the run also times the task SQL both ways).
 */
class SignOffTaskListBenchmark {

  static final int CHANGES = Integer.getInteger("benchmark.signoff.changes", 2_500);
  static final int DECIDED_CHANGES = Integer.getInteger("benchmark.signoff.decided", 100);
  static final int WARM_UP = Integer.getInteger("benchmark.signoff.warmup", 30);
  static final int SAMPLES = Integer.getInteger("benchmark.signoff.samples", 200);
  /** A series stops early (printing how many samples it took) once it has run this long. */
  static final Duration SERIES_BUDGET = Duration.ofSeconds(Integer.getInteger("benchmark.signoff.series-seconds", 300));
  /** false: measure without V8's statistics and with PostgreSQL's default random_page_cost (the state before). */
  static final boolean PLANNER_FIX = Boolean.parseBoolean(System.getProperty("benchmark.signoff.planner-fix", "true"));
  static final String STATISTICS = "changegate_act_ru_authorization_perms";
  static final int BATCH = 25;
  static final int THREADS = 2;
  static final int SERVICES = 40;
  static final double TARGET_MS = 50.0;
  static final String PG_HOST = System.getProperty("changegate.it.postgres", "127.0.0.1:5432");
  static final String DATABASE = "changegate_tasklist_bench";
  static final String MY_GROUPS_TASKS = "My group's tasks";
  static final String REQUESTER = "requester";
  static final String TASKLIST_ACCEPT = "application/hal+json, application/json; q=0.5";
  /** The body Tasklist posts to {@code /filter/{id}/list} for its first page (camunda-tasklist-bootstrap.js). */
  static final String TASKLIST_BODY = "{\"processVariables\":[],\"taskVariables\":[],\"caseInstanceVariables\":[],"
      + "\"firstResult\":0,\"maxResults\":15,\"sorting\":[{\"sortOrder\":\"desc\",\"sortBy\":\"created\"}],"
      + "\"active\":true}";
  /** Who signs for which group in the demo. */
  static final Map<String, String> SIGNER = Map.of(Groups.LEGAL, "legal-counsel", Groups.SECURITY,
      "security-officer", Groups.OPERATIONS, "ops-engineer", Groups.CAB, "cab-chair");
  static final Map<String, List<String>> GROUPS_OF = Map.of("legal-counsel", List.of(Groups.LEGAL),
      "security-officer", List.of(Groups.SECURITY), "ops-engineer", List.of(Groups.OPERATIONS),
      "cab-chair", List.of(Groups.CAB, Groups.ECAB));

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void approverTaskListWithTenThousandOpenSignOffs() {
    try {
      run();
    } catch (Exception | AssertionError e) {
      System.out.println("SignOffTaskListBenchmark could not measure: " + e);
      e.printStackTrace(System.out);
    }
  }

  private void run() throws Exception {
    System.out.printf(Locale.ROOT, "%n=== SignOffTaskListBenchmark: %d open sign-off tasks on PostgreSQL ===%n",
        4 * CHANGES);
    try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + "/postgres", "postgres", "");
        Statement sql = admin.createStatement()) {
      sql.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
      sql.execute("CREATE DATABASE " + DATABASE);
    } catch (SQLException e) {
      System.out.println("PostgreSQL at " + PG_HOST + " does not answer (" + e.getMessage() + "): skipped");
      return;
    }
    List<String> arguments = new ArrayList<>(List.of("--server.port=0",
        "--spring.datasource.url=jdbc:postgresql://" + PG_HOST + "/" + DATABASE, "--spring.datasource.username=postgres",
        "--spring.datasource.password=", "--changegate.security.admin.password=bench",
        "--changegate.security.demo-users=true", "--logging.level.root=WARN"));
    arguments.addAll(BenchmarkDatabases.catalogArguments());
    if (!PLANNER_FIX) {
      arguments.add("--spring.datasource.hikari.connection-init-sql=SELECT 1");
    }
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ChangegateApplication.class)
        .profiles("postgres").run(arguments.toArray(String[]::new))) {
      int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
      populate(app);
      measure(app, port);
    } finally {
      if (!Boolean.getBoolean("benchmark.signoff.keep-database")) {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + "/postgres", "postgres",
            ""); Statement sql = admin.createStatement()) {
          sql.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        }
      }
    }
  }

  // ---------------------------------------------------------------- population

  private void populate(ConfigurableApplicationContext app) throws Exception {
    ChangeRepository changes = app.getBean(ChangeRepository.class);
    RuntimeService runtime = app.getBean(RuntimeService.class);
    TransactionTemplate transactions = app.getBean(TransactionTemplate.class);
    TaskService tasks = app.getBean(TaskService.class);
    JdbcClient jdbc = app.getBean(JdbcClient.class);

    long start = System.nanoTime();
    List<String> decided = startSignOffs(changes, runtime, transactions, DECIDED_CHANGES);
    List<String> open = startSignOffs(changes, runtime, transactions, CHANGES);
    double startSeconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "population: %d changes stored and their sign-off rounds started in %.1f s "
            + "(%.0f changes/s, %d per transaction, %d threads)%n", DECIDED_CHANGES + CHANGES, startSeconds,
        (DECIDED_CHANGES + CHANGES) / startSeconds, BATCH, THREADS);

    long deciding = System.nanoTime();
    int completed = decide(app, decided);
    awaitEnded(runtime, decided);
    System.out.printf(Locale.ROOT, "history: %d sign-offs decided by the demo users over %d changes "
            + "(every 10th rejected by security, its open sign-offs cancelled) in %.1f s%n", completed,
        decided.size(), (System.nanoTime() - deciding) / 1e9);

    long analyzing = System.nanoTime();
    if (!PLANNER_FIX) {
      jdbc.sql("DROP STATISTICS IF EXISTS " + STATISTICS).update();
    }
    jdbc.sql("ANALYZE").update();
    long openTasks = tasks.createTaskQuery().taskDefinitionKey(ReviewProcess.TASK_SIGN_OFF).count();
    System.out.printf(Locale.ROOT, "open sign-off tasks: %d (of %d changes); ANALYZE %.1f s; total population %.1f s%n",
        openTasks, open.size(), (System.nanoTime() - analyzing) / 1e9, (System.nanoTime() - start) / 1e9);
    System.out.println("rows: " + rowCounts(jdbc));
  }

  /** Stores {@code count} changes and starts sign-off for each, {@link #BATCH} per transaction. */
  private List<String> startSignOffs(ChangeRepository changes, RuntimeService runtime,
      TransactionTemplate transactions, int count) throws Exception {
    List<String> ids = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      workers.add(pool.submit(() -> {
        for (int from = next.getAndAdd(BATCH); from < count; from = next.getAndAdd(BATCH)) {
          int size = Math.min(count, from + BATCH) - from;
          transactions.executeWithoutResult(status -> {
            for (int i = 0; i < size; i++) {
              String id = changes.nextId();
              changes.insert(change(id));
              runtime.createProcessInstanceByKey(ReviewProcess.SIGN_OFF).businessKey(id)
                  .setVariable(CHANGE_ID.name(), id).execute();
              ids.add(id);
            }
          });
        }
        return null;
      }));
    }
    for (Future<?> worker : workers) {
      worker.get(30, TimeUnit.MINUTES);
    }
    pool.shutdown();
    return ids;
  }

  /** A normal change that needs all four sign-offs: regulated, security-relevant, production, risk HIGH. */
  private static Change change(String id) {
    long n = Long.parseLong(id.substring(4));
    String service = "service-" + (n % SERVICES);
    String digest = "sha256:" + HexFormat.of().formatHex(ByteBuffer.allocate(32).putLong(n).putLong(System.nanoTime())
        .array());
    Instant now = Instant.now();
    return new Change(id, "Release " + service + " 2." + n, "Benchmark change " + n + ": schema and API update",
        service, "production", new Artifact(service, "2." + n, digest), io.changegate.change.Level.HIGH,
        io.changegate.change.Level.MEDIUM, true, true, null, false, null, null, null,
        List.of(new Target("sandbox", service)), "Roll back to the previous release", null, false, REQUESTER,
        ChangeStatus.IN_REVIEW, ChangeType.NORMAL, "No template; regulated production change", 
        io.changegate.change.Level.HIGH, now, now);
  }

  /** Every open sign-off of these changes decided by the demo user of its group; every 10th change rejected. */
  private static int decide(ConfigurableApplicationContext app, List<String> changeIds) {
    TaskService tasks = app.getBean(TaskService.class);
    IdentityService identity = app.getBean(IdentityService.class);
    int completed = 0;
    for (int c = 0; c < changeIds.size(); c++) {
      boolean reject = c % 10 == 9;
      List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(changeIds.get(c))
          .taskDefinitionKey(ReviewProcess.TASK_SIGN_OFF).orderByTaskName().asc().list();
      for (Task task : open) {
        String group = tasks.getIdentityLinksForTask(task.getId()).stream()
            .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
            .map(IdentityLink::getGroupId).findFirst().orElseThrow();
        if (reject && !Groups.SECURITY.equals(group)) {
          continue;
        }
        String user = SIGNER.get(group);
        identity.setAuthentication(user, GROUPS_OF.get(user));
        try {
          Map<String, Object> variables = new LinkedHashMap<>();
          variables.put(DECISION.name(), reject ? "REJECT" : "APPROVE");
          variables.put(COMMENT.name(), reject ? "No threat model for the new endpoint" : "Checked, fine");
          tasks.complete(task.getId(), variables);
          completed++;
        } finally {
          identity.clearAuthentication();
        }
      }
    }
    return completed;
  }

  private static void awaitEnded(RuntimeService runtime, List<String> changeIds) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    for (String id : changeIds) {
      // a completed change's 72-hour feedback goes on for days: not part of the sign-off's end
      while (runtime.createProcessInstanceQuery().processInstanceBusinessKey(id)
          .processDefinitionKeyNotIn("change-feedback").count() > 0) {
        if (System.nanoTime() > deadline) {
          System.out.println("(sign-off of " + id + " had not ended after 3 minutes; going on)");
          return;
        }
        Thread.sleep(20);
      }
    }
  }

  private static Map<String, Long> rowCounts(JdbcClient jdbc) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : List.of("act_ru_task", "act_ru_identitylink", "act_ru_authorization", "act_ru_variable",
        "act_ru_execution", "act_ru_job", "act_hi_taskinst", "act_hi_actinst", "act_hi_varinst", "changegate_audit")) {
      counts.put(table, jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single());
    }
    return counts;
  }

  // ---------------------------------------------------------------- measurement

  private void measure(ConfigurableApplicationContext app, int port) throws Exception {
    JdbcClient jdbc = app.getBean(JdbcClient.class);
    List<Series> all = new ArrayList<>();
    for (String user : List.of("security-officer", "cab-chair")) {
      String filter = filterId(port, user);
      String groups = String.join(",", GROUPS_OF.get(user));
      String taskQuery = "/engine-rest/task?candidateGroups=" + URLEncoder.encode(groups, StandardCharsets.UTF_8)
          + "&sortBy=created&sortOrder=desc&firstResult=0&maxResults=15";
      Map<String, Supplier<HttpRequest>> requests = new LinkedHashMap<>();
      requests.put("filter list, Tasklist (HAL: page + count + variables)", () -> post(port, user,
          "/engine-rest/filter/" + filter + "/list?firstResult=0&maxResults=15", TASKLIST_BODY, TASKLIST_ACCEPT));
      requests.put("filter count", () -> post(port, user, "/engine-rest/filter/" + filter + "/count", TASKLIST_BODY,
          "application/json"));
      requests.put("task query ?candidateGroups= (JSON, 15)", () -> get(port, user, taskQuery));
      requests.put("task count ?candidateGroups=", () -> get(port, user,
          "/engine-rest/task/count?candidateGroups=" + URLEncoder.encode(groups, StandardCharsets.UTF_8)));
      System.out.printf(Locale.ROOT, "%n%s (groups %s): filter \"%s\" lists %s tasks, its count says %s%n", user,
          groups, MY_GROUPS_TASKS, halCount(port, user, filter),
          json.readTree(send(requests.get("filter count").get()).body()).path("count").asText());
      for (Map.Entry<String, Supplier<HttpRequest>> request : requests.entrySet()) {
        all.add(series(user + ": " + request.getKey(), request.getValue()));
      }
      // what Tasklist itself sends: the same request through the webapps' engine API on its logged-in session
      TasklistSession session = TasklistSession.logIn(port, user);
      all.add(series(user + ": filter list, Tasklist session (webapp API, HAL)", session.client(), () -> session.post(
          "/camunda/api/engine/engine/default/filter/" + filter + "/list?firstResult=0&maxResults=15", TASKLIST_BODY,
          TASKLIST_ACCEPT)));
      all.add(engineSeries(app, user, filter));
    }

    System.out.printf(Locale.ROOT, "%nplanner: %s; random_page_cost %s, plan_cache_mode %s%n", jdbc.sql(
            "SELECT COUNT(*) FROM pg_statistic_ext WHERE stxname = ?").param(STATISTICS).query(Long.class).single() > 0
            ? "V8 statistics on ACT_RU_AUTHORIZATION.PERMS_ present" : "no statistics on ACT_RU_AUTHORIZATION.PERMS_",
        jdbc.sql("SHOW random_page_cost").query(String.class).single(),
        jdbc.sql("SHOW plan_cache_mode").query(String.class).single());
    System.out.printf(Locale.ROOT, "%n%-78s %7s %7s %7s %7s %7s  %s%n", "sequential samples (" + SAMPLES + " each, after "
        + WARM_UP + " warm-up), ms", "p50", "p95", "p99", "max", "p95/50", "");
    for (Series s : all) {
      System.out.printf(Locale.ROOT, "%-78s %7.1f %7.1f %7.1f %7.1f %7.2f  %s%n", s.name()
              + (s.millis().size() < SAMPLES ? " [" + s.millis().size() + " samples]" : ""), s.percentile(50),
          s.percentile(95), s.percentile(99), s.max(), s.percentile(95) / TARGET_MS,
          s.failures() > 0 ? s.failures() + " FAILED" : s.percentile(95) <= TARGET_MS ? "target met" : "TARGET MISSED");
    }
    explain(app, port, "security-officer");
  }

  private Series series(String name, Supplier<HttpRequest> request) {
    return series(name, http, request);
  }

  private Series series(String name, HttpClient client, Supplier<HttpRequest> request) {
    int failures = 0;
    List<Double> millis = new ArrayList<>();
    long deadline = System.nanoTime() + SERIES_BUDGET.toNanos();
    for (int i = 0; i < WARM_UP + SAMPLES && (millis.size() < 10 || System.nanoTime() < deadline); i++) {
      HttpRequest r = request.get();
      long start = System.nanoTime();
      HttpResponse<String> response = send(client, r);
      double elapsed = (System.nanoTime() - start) / 1e6;
      if (response.statusCode() != 200) {
        failures++;
        if (failures == 1) {
          System.out.println(name + ": " + response.statusCode() + " " + response.body());
        }
      }
      if (i >= WARM_UP) {
        millis.add(elapsed);
      }
    }
    return new Series(name, millis, failures);
  }

  /** The filter's first page and count inside the engine, as the user, without HTTP, login and JSON. */
  private static Series engineSeries(ConfigurableApplicationContext app, String user, String filter) {
    FilterService filters = app.getBean(FilterService.class);
    TaskService tasks = app.getBean(TaskService.class);
    IdentityService identity = app.getBean(IdentityService.class);
    List<Double> millis = new ArrayList<>();
    long deadline = System.nanoTime() + SERIES_BUDGET.toNanos();
    for (int i = 0; i < WARM_UP + SAMPLES && (millis.size() < 10 || System.nanoTime() < deadline); i++) {
      identity.setAuthentication(user, GROUPS_OF.get(user));
      try {
        long start = System.nanoTime();
        filters.listPage(filter, tasks.createTaskQuery().orderByTaskCreateTime().desc(), 0, 15);
        filters.count(filter);
        if (i >= WARM_UP) {
          millis.add((System.nanoTime() - start) / 1e6);
        }
      } finally {
        identity.clearAuthentication();
      }
    }
    return new Series(user + ": same filter page + count in the engine (no HTTP)", millis, 0);
  }

  private String filterId(int port, String user) throws Exception {
    JsonNode filters = json.readTree(send(get(port, user, "/engine-rest/filter?resourceType=Task")).body());
    for (JsonNode filter : filters) {
      if (MY_GROUPS_TASKS.equals(filter.path("name").asText())) {
        return filter.path("id").asText();
      }
    }
    throw new IllegalStateException(user + " sees no filter '" + MY_GROUPS_TASKS + "': " + filters);
  }

  private String halCount(int port, String user, String filter) throws Exception {
    HttpResponse<String> response = send(post(port, user, "/engine-rest/filter/" + filter
        + "/list?firstResult=0&maxResults=15", TASKLIST_BODY, TASKLIST_ACCEPT));
    JsonNode page = json.readTree(response.body());
    int variables = 0;
    for (JsonNode task : page.path("_embedded").path("task")) {
      variables += task.path("_embedded").path("variable").size();
    }
    return page.path("count").asText() + " (" + page.path("_embedded").path("task").size() + " on the first page, "
        + response.headers().firstValue("Content-Type").orElse("?") + ", " + variables
        + " of the filter's variables embedded)";
  }

  // ---------------------------------------------------------------- SQL and plans

  /**
   * The SQL the engine runs for one Tasklist filter request (MyBatis statement log), each statement with its
   * parameters filled in and EXPLAIN ANALYZE on PostgreSQL.
   */
  private void explain(ConfigurableApplicationContext app, int port, String user) throws Exception {
    JdbcClient jdbc = app.getBean(JdbcClient.class);
    Logger mybatis = (Logger) LoggerFactory.getLogger("org.camunda.bpm.engine.impl.persistence.entity");
    Level before = mybatis.getLevel();
    ListAppender<ILoggingEvent> statements = new ListAppender<>();
    statements.start();
    mybatis.addAppender(statements);
    mybatis.setLevel(Level.DEBUG);
    String filter = filterId(port, user);
    try {
      send(post(port, user, "/engine-rest/filter/" + filter + "/list?firstResult=0&maxResults=15", TASKLIST_BODY,
          TASKLIST_ACCEPT));
    } finally {
      mybatis.setLevel(before);
      mybatis.detachAppender(statements);
    }
    List<String[]> executed = new ArrayList<>();
    String sql = null;
    for (ILoggingEvent event : List.copyOf(statements.list)) {
      String message = event.getFormattedMessage();
      if (message.startsWith("==>  Preparing: ")) {
        sql = message.substring("==>  Preparing: ".length());
      } else if (message.startsWith("==> Parameters: ") && sql != null) {
        executed.add(new String[] {event.getLoggerName().replaceAll(".*\\.", ""), inline(sql,
            message.substring("==> Parameters: ".length()))});
        sql = null;
      }
    }
    System.out.printf("%nSQL of one Tasklist filter request as %s (%d statements):%n", user, executed.size());
    for (String[] statement : executed) {
      String plan = String.join("\n", jdbc.sql("EXPLAIN (ANALYZE, BUFFERS) " + statement[1]).query(String.class)
          .list());
      Matcher time = Pattern.compile("Execution Time: ([0-9.]+) ms").matcher(plan);
      System.out.printf("  %-48s %s ms%n", statement[0], time.find() ? time.group(1) : "?");
    }
    List<String[]> taskQueries = executed.stream().filter(s -> s[0].startsWith("selectTask")).toList();
    for (String[] statement : taskQueries) {
      System.out.printf("%n--- %s ---%n%s%n", statement[0], statement[1]);
      jdbc.sql("EXPLAIN (ANALYZE, BUFFERS) " + statement[1]).query(String.class).list()
          .forEach(line -> System.out.println("  " + line));
    }
    if (PLANNER_FIX) {
      compareWithoutFix(app, taskQueries);
    }
  }

  /**
   * The same task list and count SQL as the database runs it before V8: statistics dropped, default
   * random_page_cost; then both restored.
   */
  private static void compareWithoutFix(ConfigurableApplicationContext app, List<String[]> taskQueries) {
    JdbcClient jdbc = app.getBean(JdbcClient.class);
    TransactionTemplate transactions = app.getBean(TransactionTemplate.class);
    Map<String, List<String>> with = new LinkedHashMap<>();
    Map<String, List<String>> without = new LinkedHashMap<>();
    for (int round = 0; round < 3; round++) {
      for (String[] statement : taskQueries) {
        with.computeIfAbsent(statement[0], k -> new ArrayList<>()).add(executionTime(jdbc, statement[1]));
      }
    }
    transactions.executeWithoutResult(status -> {
      jdbc.sql("DROP STATISTICS IF EXISTS " + STATISTICS).update();
      jdbc.sql("ANALYZE act_ru_authorization").update();
      jdbc.sql("SET LOCAL random_page_cost = 4").update();
      for (int round = 0; round < 3; round++) {
        for (String[] statement : taskQueries) {
          without.computeIfAbsent(statement[0], k -> new ArrayList<>()).add(executionTime(jdbc, statement[1]));
        }
      }
      status.setRollbackOnly(); // the statistics come back with the rollback
    });
    jdbc.sql("ANALYZE act_ru_authorization").update();
    System.out.printf("%nThe same SQL, EXPLAIN ANALYZE execution time of 3 runs, ms:%n");
    for (String name : with.keySet()) {
      System.out.printf("  %-32s with V8 statistics and random_page_cost 1.1: %s%n", name, with.get(name));
      System.out.printf("  %-32s before (no statistics, random_page_cost 4):  %s%n", name, without.get(name));
    }
  }

  private static String executionTime(JdbcClient jdbc, String sql) {
    String plan = String.join("\n", jdbc.sql("EXPLAIN (ANALYZE) " + sql).query(String.class).list());
    Matcher time = Pattern.compile("Execution Time: ([0-9.]+) ms").matcher(plan);
    return time.find() ? time.group(1) : "?";
  }

  private static final Pattern PARAMETER = Pattern.compile("(null|(.*?)\\((\\w+)\\))(?:, |$)");

  /** The statement with MyBatis' logged parameters ({@code value(Type), ...}) written in as literals. */
  static String inline(String sql, String parameters) {
    List<String> literals = new ArrayList<>();
    Matcher m = PARAMETER.matcher(parameters);
    while (m.find() && !m.group().isEmpty()) {
      if ("null".equals(m.group(1))) {
        literals.add("NULL");
      } else {
        String value = m.group(2);
        String type = m.group(3);
        literals.add(type.matches("Integer|Long|Short|Byte|Double|Float|BigDecimal|Boolean") ? value
            : "'" + value.replace("'", "''") + "'");
      }
    }
    StringBuilder out = new StringBuilder();
    int p = 0;
    for (char c : sql.toCharArray()) {
      out.append(c == '?' && p < literals.size() ? literals.get(p++) : String.valueOf(c));
    }
    return out.toString();
  }

  // ---------------------------------------------------------------- HTTP

  private static HttpRequest get(int port, String user, String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", basic(user)).header("Accept", "application/json").GET().build();
  }

  private static HttpRequest post(int port, String user, String path, String body, String accept) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", basic(user)).header("Accept", accept).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> send(HttpRequest request) {
    return send(http, request);
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A browser-like session with Tasklist: its cookies, CSRF token and form login, as the real Tasklist has. */
  record TasklistSession(int port, HttpClient client, String csrfToken) {

    static TasklistSession logIn(int port, String user) {
      HttpClient client = HttpClient.newBuilder()
          .cookieHandler(new java.net.CookieManager(null, java.net.CookiePolicy.ACCEPT_ALL)).build();
      String token = token(port, client, "/camunda/app/tasklist/default/", null);
      HttpResponse<String> login = SignOffTaskListBenchmark.send(client, HttpRequest.newBuilder(
              URI.create("http://localhost:" + port + "/camunda/api/admin/auth/user/default/login/tasklist"))
          .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
          .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + user)).build());
      if (login.statusCode() != 200) {
        throw new IllegalStateException("Tasklist login of " + user + ": " + login.statusCode() + " " + login.body());
      }
      return new TasklistSession(port, client, token(port, client, "/camunda/api/engine/engine/default/task/count",
          token));
    }

    private static String token(int port, HttpClient client, String path, String previous) {
      HttpResponse<String> response = SignOffTaskListBenchmark.send(client, HttpRequest.newBuilder(
          URI.create("http://localhost:" + port + path)).header("X-XSRF-TOKEN", "Fetch").GET().build());
      return response.headers().firstValue("X-XSRF-TOKEN").orElse(previous);
    }

    HttpRequest post(String path, String body, String accept) {
      return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", accept)
          .header("Content-Type", "application/json").header("X-XSRF-TOKEN", csrfToken)
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
  }

  record Series(String name, List<Double> millis, int failures) {

    double percentile(int p) {
      List<Double> sorted = new ArrayList<>(millis);
      Collections.sort(sorted);
      return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    double max() {
      return Collections.max(millis);
    }
  }
}
