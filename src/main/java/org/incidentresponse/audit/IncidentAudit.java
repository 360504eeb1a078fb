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
  private final IncidentReadModel readModel;
  private final ComplianceRules rules;
  private final AuditProperties properties;

  private final FollowUps followUps;

  public IncidentAudit(CamundaIncidentHistory history, IncidentReadModel readModel, AuditProperties properties,
      FollowUps followUps) {
    this.history = history;
    this.readModel = readModel;
    this.followUps = followUps;
    this.properties = properties;
    this.rules = new ComplianceRules(new Breaches(properties.updateTolerance()));
  }

  public Page list(IncidentFilter filter, int page, int size) {
    int pageSize = Math.max(1, Math.min(size, properties.maxPageSize()));
    int pageNumber = Math.max(0, page);
    Instant now = now();
    // From the read model: one query for the page, one for the count, whatever the page size.
    List<IncidentReport.Summary> items = readModel.page(filter, pageNumber * pageSize, pageSize, now);
    return new Page(items, pageNumber, pageSize, readModel.count(filter));
  }

  public Optional<IncidentReport> report(String incidentNumber) {
    return history.findByNumber(incidentNumber).map(id -> report(history.load(id), now()));
  }

  private IncidentReport report(IncidentHistory h, Instant now) {
    return rules.report(h, now, followUps.items(h.incidentNumber()));
  }

  /** Over every incident reported from {@code from} (inclusive) to {@code to} (exclusive): the read model's rows. */
  public AuditMetrics metrics(Instant from, Instant to) {
    return readModel.metrics(from, to, now());
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}
