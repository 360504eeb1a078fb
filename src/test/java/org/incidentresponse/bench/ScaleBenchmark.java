package org.incidentresponse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.incidentresponse.sop.Sop;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * Scale benchmark (a benchmark tool, not a test; see BENCHMARKS.md, run F, for the command). Against
 * a database filled by {@link HistoryGenerator} (chosen with the usual datasource properties), with
 * the app running in this JVM, it measures over real HTTP as users call it:
 * <ol>
 *   <li>the start-up time of the app on that database against a fresh empty H2 database;</li>
 *   <li>the audit list's first page ({@code GET /api/incidents}) for each filter, as an auditor: p50/p95;</li>
 *   <li>the audit metrics over a period covering every incident ({@code GET /api/incidents/metrics});</li>
 *   <li>Tasklist's "My groups — unassigned" filter as Tasklist lists it
 *       ({@code POST /engine-rest/filter/{id}/list}, HAL with the filter's variables), as a responder;</li>
 * </ol>
 * and, as baselines in the same run, the bare engine's queries behind them (a historic process
 * instance page of 20, a candidate-group task page of 15).
 *
 * <p>Options: {@code -Dbench.samples=30} (requests per measurement, fewer when one measurement
 * has taken {@code -Dbench.budgetSeconds=60}, but at least 3), {@code -Dbench.startup=true}
 * (measure the start-ups), {@code -Dbench.label=...} (a name for the results line).
 */
public final class ScaleBenchmark {

  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final int SAMPLES = Integer.getInteger("bench.samples", 30);
  /** Stops sampling one measurement after this many seconds (at least 3 samples). */
  static final int BUDGET = Integer.getInteger("bench.budgetSeconds", 60);
  static final String LABEL = System.getProperty("bench.label", "");
  static final List<String> report = new ArrayList<>();
  static String base;

  public static void main(String[] args) throws Exception {
    line("Load average at start: %s; %d cores; max heap %d MiB; %d samples per measurement", IntakeBenchmark.load(),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, SAMPLES);
    boolean startup = Boolean.parseBoolean(System.getProperty("bench.startup", "true"));
    List<Double> emptyStarts = new ArrayList<>();
    List<Double> generatedStarts = new ArrayList<>();
    if (startup) {
      startups(emptyStarts, generatedStarts);
    }
    long t = System.nanoTime();
    ConfigurableApplicationContext app = BenchApp.start(true);
    double generatedStart = (System.nanoTime() - t) / 1e9;
    try {
      base = BenchApp.baseUrl(app);
      HistoryService history = app.getBean(HistoryService.class);
      TaskService tasks = app.getBean(TaskService.class);
      long closed = history.createHistoricProcessInstanceQuery().processDefinitionKey(Sop.PROCESS_KEY).finished().count();
      long open = history.createHistoricProcessInstanceQuery().processDefinitionKey(Sop.PROCESS_KEY).unfinished().count();
      long openTasks = tasks.createTaskQuery().count();
      line("Database: %s; %d closed incidents, %d open, %d open tasks %s", System.getProperty("spring.datasource.url",
          "H2 " + BenchApp.DEFAULT_H2), closed, open, openTasks, LABEL);
      line("Start-up: %.1f s on this database, job executor on%s", generatedStart, startup
          ? "; job executor off, alternating, after one untimed start that created the empty database's schema:"
              + " this database %s s, the empty one (%s) %s s".formatted(seconds(generatedStarts),
              System.getProperty("bench.emptyUrl", "a fresh H2 file"), seconds(emptyStarts)) : "");

      // bare engine baselines (no HTTP, no authorization)
      Stats bareHistory = measure(() -> history.createHistoricProcessInstanceQuery().processDefinitionKey(Sop.PROCESS_KEY)
          .orderByProcessInstanceStartTime().desc().listPage(0, 20));
      line("Baseline, bare historic process instance query, first page of 20: %s", bareHistory);
      Stats bareTasks = measure(() -> tasks.createTaskQuery().taskCandidateGroupIn(List.of("responders")).taskUnassigned()
          .orderByTaskPriority().desc().orderByTaskCreateTime().asc().listPage(0, 15));
      line("Baseline, bare task query (candidate group responders, unassigned), page of 15: %s", bareTasks);

      // audit list, first page, each filter
      String from30 = LocalDate.now(ZoneOffset.UTC).minusDays(30).toString();
      Map<String, String> filters = new LinkedHashMap<>();
      filters.put("(none)", "");
      for (String s : List.of("SEV1", "SEV2", "SEV3", "SEV4")) {
        filters.put("severity=" + s, "severity=" + s);
      }
      filters.put("status=open", "status=open");
      filters.put("status=closed", "status=closed");
      filters.put("service=payment-gateway", "service=payment-gateway");
      filters.put("from=" + from30 + " (last 30 days)", "from=" + from30);
      filters.put("drill=true", "drill=true");
      filters.put("drill=false", "drill=false");
      filters.put("severity=SEV2&status=closed&service=search", "severity=SEV2&status=closed&service=search");
      long worst = 0;
      for (var filter : filters.entrySet()) {
        String path = "/api/incidents?" + filter.getValue() + (filter.getValue().isEmpty() ? "" : "&") + "page=0&size=20";
        Stats stats = measure(() -> get(path, "auditor", "application/json"), SAMPLES, 1);
        JsonNode page = JSON.readTree(get(path, "auditor", "application/json"));
        worst = Math.max(worst, stats.p95);
        line("Audit list %-45s %s; total %s, %d on the page", filter.getKey(), stats,
            page.path("total").asText("?"), page.path("items").size());
      }
      line("Audit list: worst p95 over the filters %d ms (target < 300 ms); bare history page p95 %d ms (ratio %.1f)",
          worst, bareHistory.p95, worst / Math.max(1.0, bareHistory.p95));

      // metrics over every incident
      String metricsPath = "/api/incidents/metrics?from=" + LocalDate.now(ZoneOffset.UTC).minusDays(400)
          + "&to=" + LocalDate.now(ZoneOffset.UTC).plusDays(1);
      Stats metrics = measure(() -> get(metricsPath, "auditor", "application/json"),
          Integer.getInteger("bench.metricsSamples", 5), 1);
      line("Audit metrics over 400 days (every incident): %s (target < 1000 ms)", metrics);

      // Tasklist: My groups — unassigned, as responder
      String filterId = JSON.readTree(get("/engine-rest/filter?name=" + URLEncoder.encode("My groups — unassigned",
          StandardCharsets.UTF_8), "responder", "application/json")).get(0).get("id").asText();
      String body = "{\"sorting\":[{\"sortBy\":\"priority\",\"sortOrder\":\"desc\"},{\"sortBy\":\"created\",\"sortOrder\":\"asc\"}]}";
      String listPath = "/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=15";
      Stats tasklist = measure(() -> post(listPath, "responder", "application/hal+json", body));
      String count = get("/engine-rest/filter/" + filterId + "/count", "responder", "application/json");
      line("Tasklist filter \"My groups — unassigned\" (responder), first 15: %s; count %s (target p95 < 300 ms);"
          + " bare task query p95 %d ms (ratio %.1f)", tasklist, count, bareTasks.p95, tasklist.p95 / Math.max(1.0, bareTasks.p95));
      // What the filter's cost is made of: Tasklist's HAL list is the filter's page, its count, the
      // cards' variables and the embedded users and definitions, each under the responder's authorizations.
      Stats jsonList = measure(() -> post(listPath, "responder", "application/json", body));
      Stats countOnly = measure(() -> get("/engine-rest/filter/" + filterId + "/count", "responder", "application/json"));
      IdentityService identity = app.getBean(IdentityService.class);
      List<String> responderGroups = identity.createGroupQuery().groupMember("responder").list().stream()
          .map(Group::getId).toList();
      Stats authorizedTasks = measure(() -> {
        identity.setAuthentication("responder", responderGroups);
        try {
          return tasks.createTaskQuery().taskCandidateGroupIn(responderGroups).taskUnassigned()
              .orderByTaskPriority().desc().orderByTaskCreateTime().asc().listPage(0, 15);
        } finally {
          identity.clearAuthentication();
        }
      });
      line("  made of: the filter's page as JSON (no count, variables or embedded resources) %s; its count %s;"
          + " the same task query in the engine as responder, with authorizations, no HTTP %s", jsonList, countOnly, authorizedTasks);
    } finally {
      app.close();
      System.out.println("\n==== RESULTS ====");
      report.forEach(System.out::println);
    }
    System.exit(0);
  }

  /**
   * Start-up on this database against an empty one, fairly: one untimed start creates the empty
   * database's schema (a first start's extra work, not the history's), then {@code bench.startupRounds}
   * (default 3) rounds each start the empty database and this one, job executor off, in the same JVM.
   */
  static void startups(List<Double> empty, List<Double> generated) throws Exception {
    Path dir = Files.createTempDirectory("scale-empty");
    String emptyUrl = System.getProperty("bench.emptyUrl",
        "jdbc:h2:file:" + dir.resolve("empty").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE");
    String generatedUrl = System.getProperty("spring.datasource.url");
    try {
      timedStart(emptyUrl, generatedUrl);
      for (int round = 0; round < Integer.getInteger("bench.startupRounds", 3); round++) {
        empty.add(timedStart(emptyUrl, generatedUrl));
        generated.add(timedStart(generatedUrl, generatedUrl));
      }
    } finally {
      FileSystemUtils.deleteRecursively(dir);
    }
  }

  /** Seconds to start (and then close) the app on {@code url}; {@code spring.datasource.url} is then {@code restore}. */
  static double timedStart(String url, String restore) {
    setOrClear("spring.datasource.url", url);
    long t = System.nanoTime();
    try {
      BenchApp.start(false).close();
      return (System.nanoTime() - t) / 1e9;
    } finally {
      setOrClear("spring.datasource.url", restore);
    }
  }

  static void setOrClear(String property, String value) {
    if (value == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, value);
    }
  }

  static String seconds(List<Double> starts) {
    return String.join(" / ", starts.stream().map(d -> "%.1f".formatted(d)).toList());
  }

  record Stats(long p50, long p95, long max, int n) {
    @Override
    public String toString() {
      return "p50 %d ms, p95 %d ms, max %d ms (n=%d)".formatted(p50, p95, max, n);
    }
  }

  static Stats measure(Supplier<?> call) {
    return measure(call, SAMPLES);
  }

  static Stats measure(Supplier<?> call, int samples) {
    return measure(call, samples, 2);
  }

  /** {@code warmUps} calls, then {@code samples} calls one after the other (at least 3, or fewer asked, within the budget). */
  static Stats measure(Supplier<?> call, int samples, int warmUps) {
    long deadline = System.nanoTime() + BUDGET * 1_000_000_000L;
    for (int i = 0; i < warmUps && (i == 0 || System.nanoTime() < deadline); i++) {
      call.get();
    }
    List<Long> ms = new ArrayList<>();
    for (int i = 0; i < samples && (i < Math.min(3, samples) || System.nanoTime() < deadline); i++) {
      long t = System.nanoTime();
      call.get();
      ms.add((System.nanoTime() - t) / 1_000_000);
    }
    return new Stats(IntakeBenchmark.pct(ms, 50), IntakeBenchmark.pct(ms, 95), IntakeBenchmark.pct(ms, 100), ms.size());
  }

  static String get(String path, String user, String accept) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), user, accept);
  }

  static String post(String path, String user, String accept, String json) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)), user, accept);
  }

  static String send(HttpRequest.Builder request, String user, String accept) {
    try {
      HttpResponse<String> response = HTTP.send(request.header("Accept", accept)
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes()))
          .timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(response.statusCode() + " " + response.body());
      }
      return response.body();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void line(String format, Object... args) {
    String text = format.formatted(args);
    System.out.println(text);
    report.add(text);
  }
}
