package org.incidentresponse.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.incidentresponse.audit.AuditMetrics.Reviews;
import org.incidentresponse.audit.AuditMetrics.SeverityMetrics;
import org.incidentresponse.audit.AuditMetrics.Stat;
import org.incidentresponse.audit.IncidentReport.Breach;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.Severity;

/**
 * How fast the SOP was followed over a set of incidents: response times from the report, breaches
 * and reviews, per severity and for all. Drills are counted, then left out of every number.
 */
public final class ComplianceMetrics {

  /** The group of incidents whose severity is not (yet) one of the SOP's, after the severities. */
  static final String UNKNOWN_SEVERITY = "unknown";

  /** The last group: every real incident. */
  static final String ALL_SEVERITIES = "all";

  /** One incident with what the metrics read from it, worked out once. */
  private record Judged(IncidentHistory history, KeyTimes times, List<Breach> breaches) {}

  private final Breaches breaches;

  public ComplianceMetrics(Breaches breaches) {
    this.breaches = breaches;
  }

  /** @param incidents the incidents reported in the period, drills included */
  public AuditMetrics of(Instant from, Instant to, List<IncidentHistory> incidents, Instant now) {
    List<Judged> real = new ArrayList<>();
    int drills = 0;
    for (IncidentHistory h : incidents) {
      if (h.drill()) {
        drills++;
      } else {
        KeyTimes times = KeyTimes.of(h);
        real.add(new Judged(h, times, breaches.of(h, times, now)));
      }
    }

    Map<String, List<Judged>> groups = new LinkedHashMap<>();
    real.forEach(j -> groups.computeIfAbsent(j.history().severity().map(Severity::name).orElse(UNKNOWN_SEVERITY),
        s -> new ArrayList<>()).add(j));
    List<SeverityMetrics> bySeverity = new ArrayList<>();
    for (String severity : order()) {
      if (groups.containsKey(severity)) {
        bySeverity.add(severityMetrics(severity, groups.get(severity)));
      }
    }
    if (!real.isEmpty()) {
      bySeverity.add(severityMetrics(ALL_SEVERITIES, real));
    }

    Map<String, Integer> breachesByKind = new TreeMap<>();
    real.forEach(j -> j.breaches().forEach(b -> breachesByKind.merge(b.kind(), 1, Integer::sum)));
    return new AuditMetrics(from, to, real.size(), drills, withBreaches(real), breachesByKind, reviews(real), bySeverity);
  }

  /** SEV1 … SEV4, then the incidents without a known severity. */
  private static List<String> order() {
    List<String> order = new ArrayList<>(Severity.names());
    order.add(UNKNOWN_SEVERITY);
    return order;
  }

  private static SeverityMetrics severityMetrics(String severity, List<Judged> incidents) {
    int breachCount = incidents.stream().mapToInt(j -> j.breaches().size()).sum();
    int closed = (int) incidents.stream().filter(j -> j.history().closed()).count();
    return new SeverityMetrics(severity, incidents.size(), closed, stat(incidents, KeyTimes::acknowledgedAt),
        stat(incidents, KeyTimes::mitigatedAt), stat(incidents, KeyTimes::resolvedAt), withBreaches(incidents),
        breachCount, reviews(incidents));
  }

  private static int withBreaches(List<Judged> incidents) {
    return (int) incidents.stream().filter(j -> !j.breaches().isEmpty()).count();
  }

  private static Reviews reviews(List<Judged> incidents) {
    int done = 0;
    int onTime = 0;
    int late = 0;
    int skipped = 0;
    for (Judged j : incidents) {
      Instant doneAt = j.times().reviewDoneAt();
      if (doneAt != null) {
        done++;
        Instant due = j.history().instant(IncidentVariable.REVIEW_DUE_AT);
        if (due == null || !doneAt.isAfter(due)) {
          onTime++;
        } else {
          late++;
        }
      } else if (j.history().closed() && j.history().reviewMandatory()) {
        skipped++;
      }
    }
    return new Reviews(done, onTime, late, skipped);
  }

  /** Minutes from the report to a milestone, over the incidents that reached it. */
  private static Stat stat(List<Judged> incidents, Function<KeyTimes, Instant> milestone) {
    List<Double> minutes = new ArrayList<>();
    for (Judged j : incidents) {
      Instant reported = j.times().reportedAt();
      Instant reached = milestone.apply(j.times());
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
}
