package org.incidentresponse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.incidentresponse.IncidentResponseApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * Intake benchmark (not a test; see BENCHMARKS.md for the command). Starts the app in this JVM on a
 * fresh H2 file database with the job executor on and mail going to GreenMail, then measures
 * through the real HTTP endpoint and, for the ratios, the bare engine in the same run:
 * <ol>
 *   <li>new-incident rate vs. the bare engine starting a one-user-task process;</li>
 *   <li>alert-on-open-incident (correlation) rate vs. bare {@code correlateMessage};</li>
 *   <li>latency from alert to notification e-mail at 20 alerts/s;</li>
 *   <li>storm: 10,000 alerts in 60 s across 50 groups.</li>
 * </ol>
 * Sizes can be scaled with -Dbench.scale=0.2 for a quick run.
 */
public final class IntakeBenchmark {

  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final int THREADS = Integer.getInteger("bench.threads", 4);
  static final double SCALE = Double.parseDouble(System.getProperty("bench.scale", "1"));
  static final String TOKEN = "demo-intake-token";
  /** Which measurements to run, e.g. -Dbench.phases=2 for the correlation rate only. */
  static final String PHASES = System.getProperty("bench.phases", "1234");

  static String base;
  static final List<String> report = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    mail.start();
    Path dir = Files.createTempDirectory("intake-bench");
    // H2 file by default; -Dspring.datasource.url=jdbc:postgresql://... (an empty database, with
    // -Dspring.datasource.username) runs it on PostgreSQL with the postgres profile's settings.
    String postgresUrl = System.getProperty("spring.datasource.url");
    String database = postgresUrl == null
        ? "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("bench").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE"
        : "--spring.datasource.url=" + postgresUrl;
    ConfigurableApplicationContext app = new SpringApplicationBuilder(IncidentResponseApplication.class)
        .profiles(postgresUrl == null ? new String[] {"demo"} : new String[] {"demo", "postgres"})
        .run("--server.port=0", database,
            "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + mail.getSmtp().getPort(),
            "--logging.level.root=WARN", "--logging.level.org.incidentresponse=WARN",
            // the demo profile's chat channels post to the app's own port, unknown here: off, as in the tests
            "--incident-response.channels.slack=", "--incident-response.channels.mattermost=",
            "--incident-response.channels.teams=", "--incident-response.webhooks=");
    try {
      base = "http://127.0.0.1:" + ((ServletWebServerApplicationContext) app).getWebServer().getPort();
      RuntimeService runtime = app.getBean(RuntimeService.class);
      line("Load average at start: %s", load());
      line("Machine: %d cores (%s), %s, max heap %d MiB; %s; client threads %d; scale %.2f",
          Runtime.getRuntime().availableProcessors(), cpu(), System.getProperty("java.vm.name") + " "
              + System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
          postgresUrl == null ? "H2 file database" : postgresUrl, THREADS, SCALE);

      // warm-up: JIT, connection pools, DMN caches
      run(n(100), i -> post("/api/alerts/alertmanager", firing("warm-" + i, "w" + i, Instant.now())));
      bareStarts(app, n(100));

      if (PHASES.contains("1")) {
      // 1. new incidents
      int n1 = n(300);
      double bareStart = bareStarts(app, n1);
      long t0 = System.nanoTime();
      double httpStart = run(n1, i -> post("/api/alerts/alertmanager", firing("new-" + i, "n" + i, Instant.now())));
      // The answer commits the logged incident; the job executor then runs the rest of each start.
      double drained = awaitPostLogJobs(app, Duration.ofMinutes(5));
      double completed = n1 / ((System.nanoTime() - t0) / 1e9);
      double bareSop = runLocal(n1, i -> runtime.createProcessInstanceByKey("incident-response").businessKey("BARE-SOP-" + i)
          .setVariables(Map.of("title", "bare " + i, "impact", "high", "urgency", "high", "customerImpact", false,
              "source", "api", "incidentNumber", "BARE-SOP-" + i)).execute());
      awaitPostLogJobs(app, Duration.ofMinutes(5));
      line("1. New-incident rate: HTTP %.1f incidents/s, bare engine one-user-task start %.1f/s, ratio %.2f (target >= 0.5);"
          + " for reference the bare engine starting the SOP process (up to the job after Log incident) %.1f/s (HTTP intake / bare SOP %.2f);"
          + " including the post-log jobs (until every triage task existed, %.1f s after the last answer) %.1f incidents/s, ratio %.2f",
          httpStart, bareStart, httpStart / bareStart, bareSop, httpStart / bareSop, drained, completed, completed / bareStart);
      }
      if (PHASES.contains("2")) {
      // 2. alerts on open incidents (correlation), spread over 50 open incidents
      int n2 = n(600);
      List<String> open = new ArrayList<>();
      for (int g = 0; g < 50; g++) {
        open.add(JSON.readTree(post("/api/alerts/alertmanager", firing("dup-" + g, "d" + g, Instant.now())).body())
            .at("/incidents/0/incidentNumber").asText());
      }
      awaitPostLogJobs(app, Duration.ofMinutes(5));
      double bareCorrelate = runLocal(n2, i -> runtime.createMessageCorrelation("AlertReceived")
          .processInstanceBusinessKey(open.get(i % 50)).setVariable("lastAlert", "bare " + i).correlateWithResult());
      double httpCorrelate = run(n2, i -> post("/api/alerts/alertmanager",
          firing("dup-" + (i % 50), "c" + i, Instant.now())));
      Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
      double httpRedelivery = run(n2, i -> post("/api/alerts/alertmanager", firing("dup-" + (i % 50), "d" + (i % 50), t0)));
      line("2. Alert on open incident: HTTP %.1f alerts/s, bare correlateMessage %.1f/s, ratio %.2f (target >= 0.8);"
          + " identical redelivery (idempotent no-op) %.1f/s", httpCorrelate, bareCorrelate, httpCorrelate / bareCorrelate, httpRedelivery);
      }
      if (PHASES.contains("3")) {
      latency(mail, n(200));
      }
      if (PHASES.contains("4")) {
      line("Load average before the storm: %s", load());
      storm(app, n(10_000), 50, Duration.ofMillis((long) (60_000 * Math.min(1, SCALE))));
      }
    } finally {
      app.close();
      mail.stop();
      FileSystemUtils.deleteRecursively(dir);
      System.out.println("\n==== RESULTS ====");
      report.forEach(System.out::println);
    }
    System.exit(0);
  }

  /** Alert → first notification: new firing groups at 20/s, until the responders' page is in GreenMail. */
  static void latency(GreenMail mail, int count) throws Exception {
    Thread.sleep(2000);
    mail.purgeEmailFromAllMailboxes();
    Instant startsAt = Instant.now();
    Map<Integer, Long> sentAt = new ConcurrentHashMap<>();
    Map<Integer, Long> answeredAt = new ConcurrentHashMap<>();
    Map<Integer, String> numbers = new ConcurrentHashMap<>();
    ScheduledExecutorService pace = Executors.newScheduledThreadPool(4);
    CountDownLatch done = new CountDownLatch(count);
    for (int i = 0; i < count; i++) {
      int k = i;
      pace.schedule(() -> {
        sentAt.put(k, System.nanoTime());
        try {
          String body = post("/api/alerts/alertmanager", firing("page-" + k, "p" + k, startsAt)).body();
          answeredAt.put(k, System.nanoTime());
          numbers.put(k, JSON.readTree(body).at("/incidents/0/incidentNumber").asText());
        } catch (Exception e) {
          System.err.println(e);
        }
        done.countDown();
      }, i * 50L, TimeUnit.MILLISECONDS); // 20 alerts/s
    }
    // Arrival time of each page, by subject; matched to incidents once their numbers are known.
    Map<String, Long> pageArrived = new ConcurrentHashMap<>();
    Instant deadline = Instant.now().plusSeconds(count / 20 + 60);
    int seen = 0;
    while (pageArrived.size() < count && Instant.now().isBefore(deadline)) {
      MimeMessage[] messages = mail.getReceivedMessages();
      for (; seen < messages.length; seen++) {
        String subject = messages[seen].getSubject();
        if (subject.contains("Take this incident")) {
          pageArrived.putIfAbsent(subject, System.nanoTime());
        }
      }
      Thread.sleep(2);
    }
    done.await();
    pace.shutdown();
    List<Long> mailMs = new ArrayList<>();
    List<Long> httpMs = new ArrayList<>();
    answeredAt.forEach((k, t) -> httpMs.add((t - sentAt.get(k)) / 1_000_000));
    numbers.forEach((k, number) -> pageArrived.entrySet().stream()
        .filter(page -> page.getKey().contains(number + " "))
        .findFirst().ifPresent(page -> mailMs.add((page.getValue() - sentAt.get(k)) / 1_000_000)));
    line("3. Latency at 20 alerts/s (%d new SEV1 incidents from Alertmanager): HTTP 200 p50 %d ms p99 %d ms;"
        + " responders' page in GreenMail p50 %d ms p99 %d ms max %d ms, %d/%d pages arrived (target p99 < 500 ms)",
        count, pct(httpMs, 50), pct(httpMs, 99), pct(mailMs, 50), pct(mailMs, 99), pct(mailMs, 100), mailMs.size(), count);
  }

  /** 10,000 alerts in 60 s across 50 groups, each alert its own notification, paced evenly. */
  static void storm(ConfigurableApplicationContext app, int alerts, int groups, Duration window) throws Exception {
    RuntimeService runtime = app.getBean(RuntimeService.class);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long heapBefore = memory.getHeapMemoryUsage().getUsed();
    long before = runtime.createProcessInstanceQuery().processDefinitionKey("incident-response").count();
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger serverErrors = new AtomicInteger();
    AtomicInteger otherErrors = new AtomicInteger();
    AtomicLong maxHeap = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(32);
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleAtFixedRate(() -> maxHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max),
        0, 200, TimeUnit.MILLISECONDS);
    String run = Long.toString(System.currentTimeMillis(), 36);
    long intervalNanos = window.toNanos() / alerts;
    long start = System.nanoTime();
    CountDownLatch done = new CountDownLatch(alerts);
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < alerts; i++) {
      long due = start + i * intervalNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      int k = i;
      pool.execute(() -> {
        long t = System.nanoTime();
        try {
          HttpResponse<String> r = post("/api/alerts/alertmanager",
              firing("storm-" + run + "-" + (k % groups), "s" + k, Instant.now()));
          if (r.statusCode() == 200) {
            ok.incrementAndGet();
          } else if (r.statusCode() >= 500) {
            serverErrors.incrementAndGet();
          } else {
            otherErrors.incrementAndGet();
          }
        } catch (Exception e) {
          otherErrors.incrementAndGet();
        }
        latencies.add((System.nanoTime() - t) / 1_000_000);
        done.countDown();
      });
    }
    long sentBy = System.nanoTime();
    done.await();
    long elapsed = System.nanoTime() - start;
    pool.shutdown();
    sampler.shutdown();
    long incidents = runtime.createProcessInstanceQuery().processDefinitionKey("incident-response").count() - before;
    long recorded = runtime.createProcessInstanceQuery().processDefinitionKey("incident-response").list().stream()
        .filter(p -> String.valueOf(runtime.getVariable(p.getId(), "alertDedupKey")).contains("storm-" + run))
        .mapToLong(p -> ((Number) runtime.getVariable(p.getId(), "alertCount")).longValue()).sum();
    double drained = awaitPostLogJobs(app, Duration.ofMinutes(5));
    TaskService tasks = app.getBean(TaskService.class);
    long triaged = runtime.createProcessInstanceQuery().processDefinitionKey("incident-response").list().stream()
        .filter(p -> String.valueOf(runtime.getVariable(p.getId(), "alertDedupKey")).contains("storm-" + run))
        .filter(p -> tasks.createTaskQuery().processInstanceId(p.getId()).taskDefinitionKey("Task_TriageIncident").count() == 1)
        .count();
    long failedJobs = app.getBean(ManagementService.class).createJobQuery().withException().count();
    System.gc();
    long heapAfter = memory.getHeapMemoryUsage().getUsed();
    line("4. Storm: %d alerts across %d groups, sent over %.1f s, all answered after %.1f s (%.0f alerts/s);"
        + " %d incidents opened (expected %d); 2xx %d, 5xx %d, other failures %d; alerts recorded on incidents %d/%d;"
        + " request p50 %d ms p99 %d ms; triage tasks %d/%d (post-log jobs done %.1f s after the last answer),"
        + " jobs with a failure %d; heap after GC %d MiB before, %d MiB after, max sampled %d MiB",
        alerts, groups, (sentBy - start) / 1e9, elapsed / 1e9, alerts / (elapsed / 1e9), incidents, groups,
        ok.get(), serverErrors.get(), otherErrors.get(), recorded, alerts, pct(latencies, 50), pct(latencies, 99),
        triaged, incidents, drained, failedJobs,
        heapBefore >> 20, heapAfter >> 20, maxHeap.get() >> 20);
  }

  /**
   * Waits until no job after Task_LogIncident is left (the job executor ran the rest of every start);
   * returns the seconds waited.
   */
  static double awaitPostLogJobs(ConfigurableApplicationContext app, Duration timeout) throws InterruptedException {
    ManagementService management = app.getBean(ManagementService.class);
    long start = System.nanoTime();
    Instant deadline = Instant.now().plus(timeout);
    while (management.createJobQuery().activityId("Task_LogIncident").count() > 0) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("post-log jobs still pending after " + timeout);
      }
      Thread.sleep(10);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  static double bareStarts(ConfigurableApplicationContext app, int count) throws Exception {
    RepositoryService repository = app.getBean(RepositoryService.class);
    RuntimeService runtime = app.getBean(RuntimeService.class);
    if (repository.createProcessDefinitionQuery().processDefinitionKey("bench-one-task").count() == 0) {
      repository.createDeployment().name("bench").addModelInstance("bench-one-task.bpmn",
          Bpmn.createExecutableProcess("bench-one-task").camundaHistoryTimeToLive(1)
              .startEvent().userTask("Task_One").endEvent().done()).deploy();
    }
    AtomicInteger next = new AtomicInteger();
    return runLocal(count, i -> runtime.createProcessInstanceByKey("bench-one-task")
        .businessKey("BENCH-" + next.incrementAndGet()).setVariable("title", "bench " + i).execute());
  }

  /** Runs count calls over THREADS threads; returns calls per second. */
  static double runLocal(int count, IntConsumer call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    long start = System.nanoTime();
    List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      futures.add(pool.submit(() -> {
        for (int i; (i = next.getAndIncrement()) < count; ) {
          try {
            call.accept(i);
          } catch (RuntimeException e) {
            failures.incrementAndGet();
          }
        }
      }));
    }
    for (var f : futures) {
      f.get();
    }
    double rate = count / ((System.nanoTime() - start) / 1e9);
    pool.shutdown();
    if (failures.get() > 0) {
      line("   (%d of %d calls failed, e.g. optimistic locking, and were not retried)", failures.get(), count);
    }
    return rate;
  }

  static double run(int count, IntConsumer call) throws Exception {
    return runLocal(count, call);
  }

  static HttpResponse<String> post(String path, String json) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
          .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
          .timeout(Duration.ofSeconds(60))
          .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200 && response.statusCode() != 201) {
        throw new IllegalStateException(response.statusCode() + " " + response.body());
      }
      return response;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** One critical alert, the shape Alertmanager sends. */
  static String firing(String groupKey, String fingerprint, Instant startsAt) {
    return notification("firing", groupKey, fingerprint, startsAt, null);
  }

  static String resolved(String groupKey, String fingerprint, Instant startsAt) {
    return notification("resolved", groupKey, fingerprint, startsAt, Instant.now());
  }

  static String notification(String status, String groupKey, String fingerprint, Instant startsAt, Instant endsAt) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", "4").put("status", status).put("receiver", "incident-response").put("groupKey", groupKey)
        .put("truncatedAlerts", 0).put("externalURL", "http://alertmanager:9093");
    root.putObject("groupLabels").put("alertname", "BenchAlert").put("service", groupKey);
    root.putObject("commonLabels").put("alertname", "BenchAlert").put("service", groupKey).put("severity", "critical");
    root.putObject("commonAnnotations").put("summary", "Benchmark alert " + groupKey);
    ArrayNode alerts = root.putArray("alerts");
    ObjectNode alert = alerts.addObject();
    alert.put("status", status).put("startsAt", startsAt.toString())
        .put("endsAt", endsAt == null ? "0001-01-01T00:00:00Z" : endsAt.toString())
        .put("generatorURL", "http://prometheus:9090/graph").put("fingerprint", fingerprint);
    alert.putObject("labels").put("alertname", "BenchAlert").put("service", groupKey).put("severity", "critical")
        .put("instance", fingerprint);
    alert.putObject("annotations").put("summary", "Benchmark alert " + groupKey);
    return root.toString();
  }

  static long pct(List<Long> values, int percentile) {
    if (values.isEmpty()) {
      return -1;
    }
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }

  static int n(int count) {
    return Math.max(10, (int) (count * SCALE));
  }

  static String cpu() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
    } catch (Exception e) {
      return "unknown CPU";
    }
  }

  static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (Exception e) {
      return "unknown";
    }
  }

  static void line(String format, Object... args) {
    String text = format.formatted(args);
    System.out.println(text);
    report.add(text);
  }
}
