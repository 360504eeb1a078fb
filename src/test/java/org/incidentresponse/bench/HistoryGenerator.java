package org.incidentresponse.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.incidentresponse.sop.IncidentStart;
import org.incidentresponse.sop.Sop;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * History generator (a benchmark tool, not a test; see BENCHMARKS.md, run F, for the command).
 * Creates {@code bench.closed} closed incidents spread over the last 365 days and {@code bench.open}
 * open ones reported in the last days, each driven through the real SOP in this JVM by the users
 * whose role it is: report, severity proposal and policy, triage claim (the acknowledgement, some
 * late, so paging escalates), classification (some overridden), team, timeline, workaround (some),
 * stakeholder updates and status notes, resolution (some after the target, so the breach escalates),
 * review decision or post-incident review (mandatory for SEV1/SEV2, some overdue), closure.
 *
 * <p>The job executor is off; each incident's jobs (notifications, timers) are executed by its
 * thread at their due time on that thread's own engine clock ({@link ThreadClock}), so the
 * history carries the times of a year, and many threads run at once. History level stays full;
 * notifications are rendered and recorded but go to the log channel.
 *
 * <p>Options: {@code -Dbench.closed=1000 -Dbench.open=0 -Dbench.threads=4 -Dbench.seed=1}.
 */
public final class HistoryGenerator {

  static final String[] SERVICES = {"payment-gateway", "checkout-api", "search", "billing", "identity", "status-page",
      "catalog-api", "notifications", "mobile-app", "data-warehouse"};
  static final Duration YEAR = Duration.ofDays(365);

  final ProcessEngine engine;
  final RuntimeService runtime;
  final TaskService tasks;
  final ManagementService management;
  final IdentityService identity;
  final Map<String, List<String>> groups = new ConcurrentHashMap<>();
  final Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
  final AtomicLong jobsRun = new AtomicLong();
  /** CPU time of the generating threads (the embedded H2 works in them too), nanoseconds. */
  final AtomicLong workerCpu = new AtomicLong();

  HistoryGenerator(ProcessEngine engine) {
    this.engine = engine;
    this.runtime = engine.getRuntimeService();
    this.tasks = engine.getTaskService();
    this.management = engine.getManagementService();
    this.identity = engine.getIdentityService();
  }

  public static void main(String[] args) throws Exception {
    int closed = Integer.getInteger("bench.closed", 1000);
    int open = Integer.getInteger("bench.open", 0);
    int threads = Integer.getInteger("bench.threads", 4);
    long seed = Long.getLong("bench.seed", 1);
    ThreadClock.install();
    long startMillis = System.nanoTime();
    ConfigurableApplicationContext app = BenchApp.start(false);
    int failures;
    long generated;
    HistoryGenerator generator;
    long t0;
    long cpu0;
    try {
      generator = new HistoryGenerator(app.getBean(ProcessEngine.class));
      relaxH2Durability(app.getBean(javax.sql.DataSource.class));
      System.out.printf("App started in %.1f s; generating %d closed + %d open incidents with %d threads (load %s)%n",
          (System.nanoTime() - startMillis) / 1e9, closed, open, threads, IntakeBenchmark.load());
      t0 = System.nanoTime();
      cpu0 = processCpu();
      failures = generator.generate(closed, open, threads, seed);
      generated = closed + open - failures;
    } finally {
      app.close();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpuSeconds = (processCpu() - cpu0) / 1e9;
    System.out.printf("%n==== GENERATED ====%n%d incidents (%d closed asked, %d open asked, %d failed) in %.1f s:"
        + " %.1f incidents/s with %d threads, %d jobs executed; load at end %s%n",
        generated, closed, open, failures, seconds, generated / seconds, threads, generator.jobsRun.get(),
        IntakeBenchmark.load());
    System.out.printf("CPU: %.1f s for the whole JVM, %.1f s in the generating threads: %.3f CPU-s per incident"
        + " (on a machine to itself, about %.1f incidents/s per core)%n", cpuSeconds, generator.workerCpu.get() / 1e9,
        cpuSeconds / Math.max(1, generated), generated / Math.max(0.001, cpuSeconds));
    System.exit(failures == 0 ? 0 : 1);
  }

  /**
   * The app makes every H2 commit durable (WRITE_DELAY 0, see H2CommitDurability): one disk flush
   * per commit. Generated history needs no such care, so H2's default delay is put back for the run;
   * the app sets 0 again at its next start. (On PostgreSQL: ALTER DATABASE ... SET synchronous_commit = off.)
   */
  static void relaxH2Durability(javax.sql.DataSource dataSource) throws java.sql.SQLException {
    try (var connection = dataSource.getConnection()) {
      if ("H2".equals(connection.getMetaData().getDatabaseProductName())) {
        try (var statement = connection.createStatement()) {
          statement.execute("SET WRITE_DELAY 500");
        }
      }
    }
  }

  /** Generates the incidents; returns how many failed. */
  int generate(int closed, int open, int threads, long seed) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    int total = closed + open;
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit(() -> {
        for (int i; (i = next.getAndIncrement()) < total; ) {
          SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
          try {
            if (i < closed) {
              closedIncident(random);
            } else {
              openIncident(random);
            }
          } catch (RuntimeException e) {
            if (failures.incrementAndGet() <= 10) {
              System.err.println("incident " + i + " failed: " + e);
            }
          } finally {
            ThreadClock.clear();
            identity.clearAuthentication();
          }
          int d = done.incrementAndGet();
          if (d % 100 == 0 || d == total) {
            double s = (System.nanoTime() - start) / 1e9;
            System.out.printf("  %d/%d incidents, %.1f/s, %d failed%n", d, total, d / s, failures.get());
          }
        }
        workerCpu.addAndGet(java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    return failures.get();
  }

  static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  // ---- one incident ------------------------------------------------------------------------------

  /** SEV1 3 %, SEV2 12 %, SEV3 45 %, SEV4 40 %. */
  static String severity(SplittableRandom r) {
    double x = r.nextDouble();
    return x < 0.03 ? "SEV1" : x < 0.15 ? "SEV2" : x < 0.60 ? "SEV3" : "SEV4";
  }

  /** Impact and urgency whose proposal (incident-severity.dmn) is the severity, for most reports. */
  static String[] impactUrgency(String severity) {
    return switch (severity) {
      case "SEV1" -> new String[] {"high", "high"};
      case "SEV2" -> new String[] {"high", "medium"};
      case "SEV3" -> new String[] {"medium", "medium"};
      default -> new String[] {"low", "low"};
    };
  }

  /** Starts an incident at {@code at}; the reporter's view of its severity is off by one in 10 %. */
  String report(SplittableRandom r, Instant at, String severity) {
    ThreadClock.set(at);
    String reported = severity;
    if (r.nextDouble() < 0.10) {
      reported = switch (severity) {
        case "SEV1" -> "SEV2";
        case "SEV2" -> r.nextBoolean() ? "SEV1" : "SEV3";
        case "SEV3" -> r.nextBoolean() ? "SEV2" : "SEV4";
        default -> "SEV3";
      };
    }
    String[] iu = impactUrgency(reported);
    String service = SERVICES[r.nextInt(SERVICES.length)];
    boolean drill = "SEV4".equals(severity) && r.nextDouble() < 0.05;
    IncidentStart start = IncidentStart.reportedVia(r.nextDouble() < 0.6 ? "monitoring" : IncidentStart.SOURCE_TASKLIST)
        .title((drill ? "Drill: " : "") + "Errors on " + service + " (" + Long.toString(r.nextLong() >>> 20, 36) + ")")
        .description("Generated history: " + severity + " on " + service)
        .service(service)
        .impactAndUrgency(iu[0], iu[1])
        .customerImpact("SEV1".equals(reported) && r.nextBoolean())
        .drill(drill)
        .reporter("responder")
        .reportedAt(Date.from(at));
    String id = as("responder", () -> runtime.createProcessInstanceByKey(Sop.PROCESS_KEY)
        .setVariables(start.variables()).execute().getId());
    advanceTo(id, at);
    return id;
  }

  void closedIncident(SplittableRandom r) {
    String severity = severity(r);
    // reported in the last 365 days; the clock never passes now (advanceTo), so the few recent
    // incidents whose steps would lie in the future are closed, quicker, before now
    Instant reported = now.minus(YEAR).plusSeconds(r.nextLong(YEAR.minusDays(1).toSeconds()));
    String id = report(r, reported, severity);
    respond(r, id, severity, true);
    // resolution: median 2 h (SEV1) .. 3 days (SEV4), log-normal, so some pass the target resolution time
    double medianMinutes = switch (severity) {
      case "SEV1" -> 120;
      case "SEV2" -> 360;
      case "SEV3" -> 1440;
      default -> 3 * 1440;
    };
    long minutes = Math.max(10, (long) (medianMinutes * Math.exp(0.8 * gaussian(r))));
    advanceBy(id, Duration.ofMinutes(minutes));
    complete(id, "Task_ResolveIncident", "responder", vars("rootCause", "Generated root cause",
        "resolutionSummary", "Fixed and verified", "followUpActions", "Add an alert — responder"));
    // review: mandatory for SEV1/SEV2 (Task_ConductPostIncidentReview at once), decided for the others
    if (openTask(id, "Task_DecideReview") != null) {
      advanceBy(id, Duration.ofMinutes(30 + r.nextLong(2 * 1440)));
      boolean wanted = r.nextDouble() < 0.15;
      complete(id, "Task_DecideReview", "commander", vars("reviewWanted", wanted,
          "reviewDecisionReason", wanted ? "Repeated failure" : "Well understood, fixed"));
    }
    if (openTask(id, "Task_ConductPostIncidentReview") != null) {
      // 2..12 days: some reviews are overdue and remind the commanders first
      advanceBy(id, Duration.ofMinutes(2 * 1440 + r.nextLong(10 * 1440)));
      complete(id, "Task_ConductPostIncidentReview", "commander", vars("reviewTimeline", "Reported, acknowledged, fixed",
          "reviewRootCause", "Generated root cause", "reviewWentWell", "Quick fix", "reviewWentBadly", "Late alert",
          "reviewLessonsLearned", "Alert earlier", "reviewActionItems", "Alert on errors — responder — next sprint"));
    }
    advanceTo(id, ThreadClock.now());
    if (runtime.createProcessInstanceQuery().processInstanceId(id).count() != 0) {
      throw new IllegalStateException("incident " + id + " not closed; at " + runtime.getActiveActivityIds(id));
    }
  }

  /**
   * Open incidents, reported in the last days: 70 % waiting for triage (nobody acknowledged, paging
   * exhausted), 15 % waiting for classification, 15 % in response (reported in the last 12 hours).
   */
  void openIncident(SplittableRandom r) {
    String severity = severity(r);
    double stage = r.nextDouble();
    Instant reported = stage < 0.85
        ? now.minus(Duration.ofMinutes(60 + r.nextLong(7 * 1440)))
        : now.minus(Duration.ofMinutes(60 + r.nextLong(11 * 60)));
    String id = report(r, reported, severity);
    if (stage >= 0.70) {
      advanceBy(id, Duration.ofMinutes(1 + r.nextLong(10)));
      complete(id, "Task_TriageIncident", triager(id), vars("triageNotes", "Looking into it"));
      if (stage >= 0.85) {
        respond(r, id, severity, false);
      }
    }
    advanceTo(id, now);
  }

  /** Triage (acknowledgement), classification, team, timeline, workaround; triage skipped when done. */
  void respond(SplittableRandom r, String id, String severity, boolean triage) {
    if (triage) {
      // acknowledgement: usually within minutes, 10 % late (paging escalates)
      long ackSeconds = r.nextDouble() < 0.10 ? 900 + r.nextLong(6000) : 30 + r.nextLong(420);
      advanceBy(id, Duration.ofSeconds(ackSeconds));
      complete(id, "Task_TriageIncident", triager(id), vars("triageNotes", "Confirmed, looking into it"));
    }
    if (openTask(id, "Task_ClassifyIncident") != null) {
      advanceBy(id, Duration.ofSeconds(60 + r.nextLong(900)));
      Object proposed = runtime.getVariable(id, "proposedSeverity");
      boolean override = !severity.equals(proposed);
      complete(id, "Task_ClassifyIncident", "commander", vars("severity", severity,
          "severityOverrideReason", override ? "Impact differs from the report" : null, "publicIncident", false));
    }
    advanceBy(id, Duration.ofSeconds(60 + r.nextLong(600)));
    complete(id, "Task_AssignResponseTeam", "commander",
        vars("incidentCommander", "commander", "responseTeam", "responder", "communicationsLead", "comms"));
    advanceBy(id, Duration.ofSeconds(60 + r.nextLong(600)));
    boolean workaround = r.nextDouble() < ("SEV1".equals(severity) || "SEV2".equals(severity) ? 0.6 : 0.2);
    complete(id, "Task_EstablishTimeline", "commander", vars("workaroundNeeded", workaround));
    if (workaround) {
      advanceBy(id, Duration.ofMinutes(10 + r.nextLong(120)));
      complete(id, "Task_ApplyWorkaround", "responder", vars("workaroundDescription", "Traffic moved away"));
    }
  }

  String triager(String id) {
    Task task = openTask(id, "Task_TriageIncident");
    if (task == null) {
      throw new IllegalStateException("no triage task in " + id + " at " + runtime.getActiveActivityIds(id));
    }
    return "payments".equals(runtime.getVariable(id, "triageGroup")) ? "alice" : "responder";
  }

  // ---- the engine ----------------------------------------------------------------------------------

  Task openTask(String id, String key) {
    return tasks.createTaskQuery().processInstanceId(id).taskDefinitionKey(key).singleResult();
  }

  /** Claims and completes the step's one open task as the user (with the user's groups), as Tasklist does. */
  void complete(String id, String key, String user, Map<String, Object> variables) {
    Task task = openTask(id, key);
    if (task == null) {
      throw new IllegalStateException("no " + key + " in " + id + " at " + runtime.getActiveActivityIds(id));
    }
    as(user, () -> {
      if (task.getAssignee() == null) {
        tasks.claim(task.getId(), user);
      }
      tasks.complete(task.getId(), variables);
      return null;
    });
    advanceTo(id, ThreadClock.now());
  }

  void advanceBy(String id, Duration duration) {
    advanceTo(id, ThreadClock.now().plus(duration));
  }

  /**
   * Moves this thread's engine clock to {@code target}, executing the incident's jobs at their due
   * times on the way (timers fire when due; asynchronous notifications at once). Status-update
   * tasks that appear are answered by communications a few minutes later (most of them).
   */
  void advanceTo(String id, Instant target) {
    if (target.isAfter(now)) {
      target = now;
    }
    SplittableRandom r = new SplittableRandom(id.hashCode());
    for (int round = 0; round < 2000; round++) {
      Instant clock = ThreadClock.now();
      List<Job> jobs = management.createJobQuery().processInstanceId(id).active().withRetriesLeft().list();
      Job first = jobs.stream().min(Comparator.comparing(j -> j.getDuedate() == null ? 0L : j.getDuedate().getTime()))
          .orElse(null);
      Instant due = first == null ? null : first.getDuedate() == null ? clock : first.getDuedate().toInstant();
      Task note = openTask(id, "Task_ProvideStatusUpdate");
      Instant noteAt = note == null ? null : note.getCreateTime().toInstant().plus(Duration.ofMinutes(3 + r.nextInt(10)));
      if (noteAt != null && !noteAt.isAfter(target) && (due == null || noteAt.isBefore(due))) {
        ThreadClock.set(noteAt.isAfter(clock) ? noteAt : clock);
        as("comms", () -> {
          tasks.claim(note.getId(), "comms");
          tasks.complete(note.getId(), vars("statusNote", "Still working on it", "publicState", null, "publicMessage", null));
          return null;
        });
        continue;
      }
      if (due == null || due.isAfter(target)) {
        ThreadClock.set(target.isAfter(clock) ? target : clock);
        return;
      }
      ThreadClock.set(due.isAfter(clock) ? due : clock);
      try {
        management.executeJob(first.getId());
      } catch (RuntimeException e) {
        // a failed job keeps its retries, due a minute later: it runs again on the way
      }
      jobsRun.incrementAndGet();
    }
    throw new IllegalStateException("jobs of " + id + " keep coming");
  }

  <T> T as(String user, java.util.function.Supplier<T> work) {
    List<String> userGroups = groups.computeIfAbsent(user,
        u -> identity.createGroupQuery().groupMember(u).list().stream().map(Group::getId).toList());
    identity.setAuthentication(user, userGroups);
    try {
      return work.get();
    } finally {
      identity.clearAuthentication();
    }
  }

  static Map<String, Object> vars(Object... pairs) {
    Map<String, Object> variables = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      variables.put((String) pairs[i], pairs[i + 1]);
    }
    return variables;
  }

  static double gaussian(SplittableRandom r) {
    // Box-Muller
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
