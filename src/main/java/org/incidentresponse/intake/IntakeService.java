package org.incidentresponse.intake;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.incidentresponse.operations.OperationsMetrics;
import org.incidentresponse.sop.IncidentStart;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.IncidentVariables;
import org.incidentresponse.sop.Sop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens incidents from monitoring and from scripted reports, or records alerts and recoveries on the
 * incident that is already open for their group. Each request is one database transaction: the
 * idempotency record, the group's open-incident row and the process start or message correlation
 * commit together or not at all, and a method returns only after the commit.
 */
@Service
public class IntakeService {

  private static final Set<String> LEVELS = Set.of("high", "medium", "low");
  private static final int ATTEMPTS = 5;
  private static final Logger log = LoggerFactory.getLogger(IntakeService.class);

  /** What happened to one alert group or report. */
  public enum Action { OPENED, ALERT_RECORDED, RECOVERY_RECORDED, DUPLICATE_RECOVERY, IGNORED_RESOLVED }

  public record Outcome(String incidentNumber, Action action) {}

  /** The answer to one request; duplicate = the same notification was already processed. */
  public record Result(boolean duplicate, List<Outcome> incidents) {}

  private final RuntimeService runtimeService;
  private final IncidentNumbers incidentNumbers;
  private final IntakeStore store;
  private final AlertMapper mapper;
  private final TransactionTemplate transaction;
  private final OperationsMetrics metrics;

  public IntakeService(RuntimeService runtimeService, IncidentNumbers incidentNumbers, IntakeStore store,
      AlertMapper mapper, PlatformTransactionManager transactionManager, OperationsMetrics metrics) {
    this.runtimeService = runtimeService;
    this.incidentNumbers = incidentNumbers;
    this.store = store;
    this.mapper = mapper;
    this.transaction = new TransactionTemplate(transactionManager);
    this.metrics = metrics;
  }

  /** A monitoring webhook (already validated): one effect per distinct notification. */
  public Result receiveAlerts(String source, AlertWebhook webhook) {
    String key = mapper.idempotencyKey(source, webhook);
    List<AlertGroup> groups = mapper.groups(source, webhook);
    Result result = withRetries(() -> {
      if (store.notificationSeen(key)) {
        return new Result(true, List.of());
      }
      List<Outcome> outcomes = new ArrayList<>();
      for (AlertGroup group : groups) {
        outcomes.add(handle(group));
      }
      store.recordNotification(key, source,
          String.join(",", outcomes.stream().map(Outcome::incidentNumber).filter(n -> n != null).toList()));
      return new Result(false, outcomes);
    });
    // Counted once committed (see OperationsMetrics): one alert per group; a repeated delivery again.
    for (int i = 0; i < groups.size(); i++) {
      metrics.alertReceived(source);
      if (result.duplicate() || result.incidents().get(i).action() != Action.OPENED) {
        metrics.alertDeduplicated(source);
      }
    }
    return result;
  }

  /** A generic report: opens an incident, or with a dedup key of an open incident records it there. */
  public Result report(IncidentReport report) {
    Map<String, Object> vars = reportVariables(report);
    IncidentVariables start = IncidentVariables.of(vars);
    String dedupKey = AlertMapper.blank(report.dedupKey()) ? null : "api:" + report.dedupKey().trim();
    Result result = withRetries(() -> {
      if (dedupKey != null) {
        Optional<IntakeStore.OpenIncident> open = store.lockOpenIncident(dedupKey);
        if (open.isPresent()) {
          Map<String, Object> alert = new HashMap<>();
          IncidentVariables.of(alert).set(IncidentVariable.LAST_ALERT,
              AlertMapper.text("api report by %s: %s".formatted(start.get(IncidentVariable.REPORTER), start.title())));
          if (correlate(Sop.MESSAGE_ALERT_RECEIVED, open.get().incidentNumber(), alert)) {
            return new Result(false, List.of(new Outcome(open.get().incidentNumber(), Action.ALERT_RECORDED)));
          }
          store.forget(dedupKey); // closed: this report opens a new incident
        }
      }
      String number = incidentNumbers.next();
      if (dedupKey != null) {
        store.insertOpenIncident(dedupKey, number, "firing");
        start.set(IncidentVariable.ALERT_DEDUP_KEY, dedupKey);
      }
      start(number, vars);
      return new Result(false, List.of(new Outcome(number, Action.OPENED)));
    });
    metrics.alertReceived("api");
    if (result.incidents().get(0).action() != Action.OPENED) {
      metrics.alertDeduplicated("api");
    }
    return result;
  }

  private Outcome handle(AlertGroup group) {
    Optional<IntakeStore.OpenIncident> open = store.lockOpenIncident(group.dedupKey());
    if (open.isPresent()) {
      String number = open.get().incidentNumber();
      if (group.resolved()) {
        if ("resolved".equals(open.get().alertState()) && isRunning(number)) {
          return new Outcome(number, Action.DUPLICATE_RECOVERY);
        }
        if (correlate(Sop.MESSAGE_RECOVERY_REPORTED, number, mapper.correlationVariables(group))) {
          store.setAlertState(group.dedupKey(), "resolved");
          return new Outcome(number, Action.RECOVERY_RECORDED);
        }
      } else if (correlate(Sop.MESSAGE_ALERT_RECEIVED, number, mapper.correlationVariables(group))) {
        if (!"firing".equals(open.get().alertState())) {
          store.setAlertState(group.dedupKey(), "firing");
        }
        return new Outcome(number, Action.ALERT_RECORDED);
      }
      store.forget(group.dedupKey()); // the incident was closed: the group starts afresh
    }
    if (group.resolved()) {
      return new Outcome(null, Action.IGNORED_RESOLVED); // nothing open to recover
    }
    String number = incidentNumbers.next();
    store.insertOpenIncident(group.dedupKey(), number, "firing");
    start(number, mapper.incidentVariables(group));
    return new Outcome(number, Action.OPENED);
  }

  private boolean isRunning(String number) {
    // The incident itself: its follow-ups (process follow-up) carry the same business key after it closed.
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(Sop.PROCESS_KEY)
        .processInstanceBusinessKey(number).count() > 0;
  }

  private void start(String number, Map<String, Object> vars) {
    IncidentVariables.of(vars).incidentNumber(number);
    runtimeService.createProcessInstanceByKey(Sop.PROCESS_KEY).businessKey(number).setVariables(vars).execute();
  }

  /**
   * Correlates into the running incident; false when it is no longer running (closed). Uses
   * correlateAll, which matches nothing instead of throwing, so the transaction stays usable.
   */
  private boolean correlate(String message, String number, Map<String, Object> vars) {
    return !runtimeService.createMessageCorrelation(message).processInstanceBusinessKey(number)
        .setVariables(vars).correlateAllWithResult().isEmpty();
  }

  private Map<String, Object> reportVariables(IncidentReport report) {
    if (AlertMapper.blank(report.title())) {
      throw IntakeRejected.badRequest("missing field 'title'");
    }
    return IncidentStart.reportedVia("api")
        .title(AlertMapper.text(report.title().trim()))
        .description(AlertMapper.text(report.description()))
        .service(AlertMapper.text(report.service()))
        .impactAndUrgency(level("impact", report.impact()), level("urgency", report.urgency()))
        .customerImpact(Boolean.TRUE.equals(report.customerImpact()))
        .externalContacts(AlertMapper.text(report.externalContacts()))
        .reporter(AlertMapper.blank(report.reporter()) ? "api" : AlertMapper.text(report.reporter().trim()))
        .links(AlertMapper.text(report.runbookUrl()), AlertMapper.text(report.dashboardUrl()), null)
        .drill(Boolean.TRUE.equals(report.drill()))
        .variables();
  }

  private static String level(String field, String value) {
    if (AlertMapper.blank(value)) {
      return null;
    }
    String level = value.trim().toLowerCase(java.util.Locale.ROOT);
    if (!LEVELS.contains(level)) {
      throw new IntakeRejected(HttpStatus.BAD_REQUEST,
          "'%s' must be high, medium or low, not '%s'".formatted(field, value.length() > 20 ? value.substring(0, 20) : value));
    }
    return level;
  }

  /**
   * Runs the work in a new transaction; a concurrent duplicate (unique key), an optimistic locking
   * conflict, or an incident that closed meanwhile rolls it back and it is tried again, so a racing
   * second delivery becomes a correlation or a duplicate.
   */
  private Result withRetries(java.util.function.Supplier<Result> work) {
    RuntimeException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        return transaction.execute(status -> work.get());
      } catch (DuplicateKeyException | OptimisticLockingException | ConcurrencyFailureException
          | MismatchingMessageCorrelationException e) {
        last = e;
        log.debug("Intake attempt {} conflicted, retrying: {}", attempt, e.toString());
        backOff(attempt);
      }
    }
    throw last;
  }

  /** A short jittered pause, so that racing deliveries do not collide again at once. */
  private static void backOff(int attempt) {
    try {
      Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(5, 20L * attempt + 6));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
