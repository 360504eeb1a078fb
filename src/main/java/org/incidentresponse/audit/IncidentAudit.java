package org.incidentresponse.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.incidentresponse.followup.FollowUps;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/** The audit's questions: which incidents, what happened in one, and how fast the SOP is followed. */
@Service
@EnableConfigurationProperties(AuditProperties.class)
public class IncidentAudit {

  public record Page(List<IncidentReport.Summary> items, int page, int size, long total) {}

  private final CamundaIncidentHistory history;
  private final ComplianceRules rules;
  private final ComplianceMetrics metrics;
  private final AuditProperties properties;

  private final FollowUps followUps;

  public IncidentAudit(CamundaIncidentHistory history, AuditProperties properties, FollowUps followUps) {
    this.history = history;
    this.followUps = followUps;
    this.properties = properties;
    Breaches breaches = new Breaches(properties.updateTolerance());
    this.rules = new ComplianceRules(breaches);
    this.metrics = new ComplianceMetrics(breaches);
  }

  public Page list(IncidentFilter filter, int page, int size) {
    int pageSize = Math.max(1, Math.min(size, properties.maxPageSize()));
    int pageNumber = Math.max(0, page);
    Instant now = now();
    List<IncidentReport.Summary> items = history.find(filter, pageNumber * pageSize, pageSize).stream()
        .map(id -> report(history.load(id), now).incident()).toList();
    return new Page(items, pageNumber, pageSize, history.count(filter));
  }

  public Optional<IncidentReport> report(String incidentNumber) {
    return history.findByNumber(incidentNumber).map(id -> report(history.load(id), now()));
  }

  private IncidentReport report(IncidentHistory h, Instant now) {
    return rules.report(h, now, followUps.items(h.incidentNumber()));
  }

  /** Over the incidents reported from {@code from} (inclusive) to {@code to} (exclusive), at most the metrics limit. */
  public AuditMetrics metrics(Instant from, Instant to) {
    IncidentFilter period = new IncidentFilter(null, null, null, from, to, null);
    List<IncidentHistory> incidents = history.find(period, 0, properties.metricsLimit()).stream()
        .map(history::load).toList();
    return metrics.of(from, to, incidents, now());
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}
