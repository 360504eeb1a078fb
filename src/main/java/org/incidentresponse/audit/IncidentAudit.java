package org.incidentresponse.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.incidentresponse.audit.AuditMetrics.Reviews;
import org.incidentresponse.audit.AuditMetrics.SeverityMetrics;
import org.incidentresponse.audit.AuditMetrics.Stat;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/** The audit's questions: which incidents, what happened in one, and how fast the SOP is followed. */
@Service
@EnableConfigurationProperties(AuditProperties.class)
public class IncidentAudit {

  public record Page(List<IncidentReport.Summary> items, int page, int size, long total) {}

  private final CamundaIncidentHistory history;
  private final ComplianceRules rules;
  private final AuditProperties properties;

  public IncidentAudit(CamundaIncidentHistory history, AuditProperties properties) {
    this.history = history;
    this.properties = properties;
    this.rules = new ComplianceRules(properties.updateTolerance());
  }

  public Page list(IncidentFilter filter, int page, int size) {
    int pageSize = Math.max(1, Math.min(size, properties.maxPageSize()));
    int pageNumber = Math.max(0, page);
    Instant now = now();
    List<IncidentReport.Summary> items = history.find(filter, pageNumber * pageSize, pageSize).stream()
        .map(id -> rules.report(history.load(id), now).incident()).toList();
    return new Page(items, pageNumber, pageSize, history.count(filter));
  }

  public Optional<IncidentReport> report(String incidentNumber) {
    return history.findByNumber(incidentNumber).map(id -> rules.report(history.load(id), now()));
  }

  public AuditMetrics metrics(Instant from, Instant to) {
    IncidentFilter period = new IncidentFilter(null, null, null, from, to, null);
    Instant now = now();
    List<IncidentHistory> real = new ArrayList<>();
    int drills = 0;
    for (String id : history.find(period, 0, properties.metricsLimit())) {
      IncidentHistory incident = history.load(id);
      if (incident.drill()) {
        drills++;
      } else {
        real.add(incident);
      }
    }
    List<SeverityMetrics> bySeverity = new ArrayList<>();
    Map<String, List<IncidentHistory>> grouped = new TreeMap<>();
    real.forEach(h -> grouped.computeIfAbsent(h.string("severity") == null ? "unknown" : h.string("severity"),
        s -> new ArrayList<>()).add(h));
    grouped.forEach((severity, incidents) -> bySeverity.add(severityMetrics(severity, incidents, now)));
    if (real.size() > 0) {
      bySeverity.add(severityMetrics("all", real, now));
    }

    Map<String, Integer> breachesByKind = new TreeMap<>();
    int withBreaches = 0;
    for (IncidentHistory h : real) {
      List<IncidentReport.Breach> breaches = rules.breaches(h, now);
      breaches.forEach(b -> breachesByKind.merge(b.kind(), 1, Integer::sum));
      if (!breaches.isEmpty()) {
        withBreaches++;
      }
    }
    return new AuditMetrics(from, to, real.size(), drills, withBreaches, breachesByKind, reviews(real, now), bySeverity);
  }

  private SeverityMetrics severityMetrics(String severity, List<IncidentHistory> incidents, Instant now) {
    int breaches = 0;
    int withBreaches = 0;
    for (IncidentHistory h : incidents) {
      int count = rules.breaches(h, now).size();
      breaches += count;
      withBreaches += count > 0 ? 1 : 0;
    }
    return new SeverityMetrics(severity, incidents.size(), (int) incidents.stream().filter(IncidentHistory::closed).count(),
        stat(incidents, rules::acknowledgedAt), stat(incidents, rules::mitigatedAt), stat(incidents, rules::resolvedAt),
        withBreaches, breaches, reviews(incidents, now));
  }

  private Reviews reviews(List<IncidentHistory> incidents, Instant now) {
    int done = 0;
    int onTime = 0;
    int late = 0;
    int skipped = 0;
    for (IncidentHistory h : incidents) {
      Instant doneAt = rules.reviewDoneAt(h);
      if (doneAt != null) {
        done++;
        Instant due = ComplianceRules.instant(h.variable("reviewDueAt"));
        if (due == null || !doneAt.isAfter(due)) {
          onTime++;
        } else {
          late++;
        }
      } else if (h.closed() && "mandatory".equals(h.string("reviewPolicy"))) {
        skipped++;
      }
    }
    return new Reviews(done, onTime, late, skipped);
  }

  private Stat stat(List<IncidentHistory> incidents, Function<IncidentHistory, Instant> milestone) {
    List<Double> minutes = new ArrayList<>();
    for (IncidentHistory h : incidents) {
      Instant reported = rules.reportedAt(h);
      Instant reached = milestone.apply(h);
      if (reported != null && reached != null) {
        minutes.add(Duration.between(reported, reached).toMillis() / 60000.0);
      }
    }
    if (minutes.isEmpty()) {
      return new Stat(0, null, null, null, null);
    }
    minutes.sort(Comparator.naturalOrder());
    double mean = minutes.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    return new Stat(minutes.size(), round(mean), percentile(minutes, 50), percentile(minutes, 90),
        percentile(minutes, 95));
  }

  /** Nearest-rank percentile of sorted values. */
  static Double percentile(List<Double> sorted, int percentile) {
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
    return round(sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1))));
  }

  private static Double round(double value) {
    return Math.round(value * 10) / 10.0;
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}
