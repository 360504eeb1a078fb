package org.incidentresponse.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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

  /**
   * One incident as the metrics read it, worked out once: from its history ({@link #measured}) or
   * from its row of the read model ({@link IncidentReadModel}).
   *
   * @param severity the severity in force, or {@link #UNKNOWN_SEVERITY}
   * @param breaches the kind of each breach at the time of the question
   */
  public record Measured(String severity, boolean drill, boolean closed, KeyTimes times, List<String> breaches,
      Instant reviewDueAt, boolean reviewMandatory) {}

  private final Breaches breaches;

  public ComplianceMetrics(Breaches breaches) {
    this.breaches = breaches;
  }

  /** One incident's history as the metrics read it at {@code now}. */
  public Measured measured(IncidentHistory h, Instant now) {
    KeyTimes times = KeyTimes.of(h);
    return new Measured(h.severity().map(Severity::name).orElse(UNKNOWN_SEVERITY), h.drill(), h.closed(), times,
        breaches.of(h, times, now).stream().map(Breach::kind).toList(), h.instant(IncidentVariable.REVIEW_DUE_AT),
        h.reviewMandatory());
  }

  /** @param incidents the incidents reported in the period, drills included */
  public AuditMetrics of(Instant from, Instant to, List<IncidentHistory> incidents, Instant now) {
    return of(from, to, incidents.stream().map(h -> measured(h, now)).toList());
  }

  /** @param incidents every incident reported in the period, drills included, each read once */
  public static AuditMetrics of(Instant from, Instant to, Iterable<Measured> incidents) {
    List<Measured> real = new ArrayList<>();
    int drills = 0;
    for (Measured m : incidents) {
      if (m.drill()) {
        drills++;
      } else {
        real.add(m);
      }
    }

    Map<String, List<Measured>> groups = new LinkedHashMap<>();
    real.forEach(m -> groups.computeIfAbsent(m.severity(), s -> new ArrayList<>()).add(m));
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
    real.forEach(m -> m.breaches().forEach(kind -> breachesByKind.merge(kind, 1, Integer::sum)));
    return new AuditMetrics(from, to, real.size(), drills, real.size() + drills, withBreaches(real), breachesByKind,
        reviews(real), bySeverity);
  }

  /** SEV1 … SEV4, then the incidents without a known severity. */
  private static List<String> order() {
    List<String> order = new ArrayList<>(Severity.names());
    order.add(UNKNOWN_SEVERITY);
    return order;
  }

  private static SeverityMetrics severityMetrics(String severity, List<Measured> incidents) {
    int breachCount = incidents.stream().mapToInt(j -> j.breaches().size()).sum();
    int closed = (int) incidents.stream().filter(j -> j.closed()).count();
    return new SeverityMetrics(severity, incidents.size(), closed, stat(incidents, KeyTimes::acknowledgedAt),
        stat(incidents, KeyTimes::mitigatedAt), stat(incidents, KeyTimes::resolvedAt), withBreaches(incidents),
        breachCount, reviews(incidents));
  }

  private static int withBreaches(List<Measured> incidents) {
    return (int) incidents.stream().filter(j -> !j.breaches().isEmpty()).count();
  }

  private static Reviews reviews(List<Measured> incidents) {
    int done = 0;
    int onTime = 0;
    int late = 0;
    int skipped = 0;
    for (Measured j : incidents) {
      Instant doneAt = j.times().reviewDoneAt();
      if (doneAt != null) {
        done++;
        Instant due = j.reviewDueAt();
        if (due == null || !doneAt.isAfter(due)) {
          onTime++;
        } else {
          late++;
        }
      } else if (j.closed() && j.reviewMandatory()) {
        skipped++;
      }
    }
    return new Reviews(done, onTime, late, skipped);
  }

  /** Minutes from the report to a milestone, over the incidents that reached it. */
  private static Stat stat(List<Measured> incidents, Function<KeyTimes, Instant> milestone) {
    // Primitive values: a period of 100,000 incidents sorts them for every severity and measure.
    double[] minutes = new double[incidents.size()];
    int n = 0;
    double sum = 0;
    for (Measured j : incidents) {
      Instant reported = j.times().reportedAt();
      Instant reached = milestone.apply(j.times());
      if (reported != null && reached != null) {
        minutes[n] = Duration.between(reported, reached).toMillis() / 60000.0;
        sum += minutes[n++];
      }
    }
    if (n == 0) {
      return new Stat(0, null, null, null, null);
    }
    double[] sorted = Arrays.copyOf(minutes, n);
    Arrays.sort(sorted);
    return new Stat(n, round(sum / n), percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 95));
  }

  /** Nearest-rank percentile of sorted values. */
  static Double percentile(double[] sorted, int percentile) {
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
    return round(sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))]);
  }

  private static Double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
