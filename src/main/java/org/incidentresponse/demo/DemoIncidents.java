package org.incidentresponse.demo;

import static org.incidentresponse.sop.IncidentVariable.ACTION_ITEMS;
import static org.incidentresponse.sop.IncidentVariable.COMMUNICATIONS_LEAD;
import static org.incidentresponse.sop.IncidentVariable.FOLLOW_UP_ACTIONS;
import static org.incidentresponse.sop.IncidentVariable.INCIDENT_COMMANDER;
import static org.incidentresponse.sop.IncidentVariable.RESOLUTION_SUMMARY;
import static org.incidentresponse.sop.IncidentVariable.RESPONSE_TEAM;
import static org.incidentresponse.sop.IncidentVariable.REVIEW_DECISION_REASON;
import static org.incidentresponse.sop.IncidentVariable.REVIEW_AFFECTED;
import static org.incidentresponse.sop.IncidentVariable.REVIEW_DETECTION;
import static org.incidentresponse.sop.IncidentVariable.REVIEW_LUCKY;
import static org.incidentresponse.sop.IncidentVariable.REVIEW_ROOT_CAUSE;
import static org.incidentresponse.sop.IncidentVariable.REVIEW_SUMMARY;
import static org.incidentresponse.sop.IncidentVariable.REVIEW_TRIGGER;
import static org.incidentresponse.sop.IncidentVariable.REVIEW_WANTED;
import static org.incidentresponse.sop.IncidentVariable.REVIEW_WENT_BADLY;
import static org.incidentresponse.sop.IncidentVariable.REVIEW_WENT_WELL;
import static org.incidentresponse.sop.IncidentVariable.ROOT_CAUSE;
import static org.incidentresponse.sop.IncidentVariable.SEVERITY;
import static org.incidentresponse.sop.IncidentVariable.SEVERITY_OVERRIDE_REASON;
import static org.incidentresponse.sop.IncidentVariable.TRIAGE_NOTES;
import static org.incidentresponse.sop.IncidentVariable.WORKAROUND_DESCRIPTION;
import static org.incidentresponse.sop.IncidentVariable.WORKAROUND_NEEDED;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.incidentresponse.intake.AlertMapper;
import org.incidentresponse.intake.AlertWebhook;
import org.incidentresponse.intake.IntakeProperties;
import org.incidentresponse.intake.IntakeService;
import org.incidentresponse.sop.IncidentStart;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.IncidentVariables;
import org.incidentresponse.sop.Severity;
import org.incidentresponse.sop.Sop;
import org.incidentresponse.sop.SopActivity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The quick start's demo incidents: on an empty database (no incident in history), a handful of
 * incidents are driven through the real SOP, each step done by the demo user whose role it is, so
 * that Tasklist's filters, the incident audit and the notification log have something to show; then
 * a second SOP version ({@link DemoSopVersion}), with the incidents left on the first.
 * Runs once the SOP is deployed (application ready); a failure is logged, never stops the start.
 */
@Component
@Profile("demo")
public class DemoIncidents {

  static final String RESPONDER = "responder";
  static final String COMMANDER = "commander";
  static final String COMMS = "comms";
  /** How long one step may wait for the job executor to reach the next task. */
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
  private static final Logger log = LoggerFactory.getLogger(DemoIncidents.class);

  private final DemoProperties properties;
  private final ProcessEngine engine;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final HistoryService historyService;
  private final ManagementService managementService;
  private final IdentityService identityService;
  private final IntakeService intakeService;
  private final AlertMapper alertMapper;
  private final IntakeProperties intakeProperties;
  private final DemoSopVersion sopVersion;

  public DemoIncidents(DemoProperties properties, ProcessEngine engine, IntakeService intakeService,
      AlertMapper alertMapper, IntakeProperties intakeProperties, DemoSopVersion sopVersion) {
    this.sopVersion = sopVersion;
    this.properties = properties;
    this.engine = engine;
    this.runtimeService = engine.getRuntimeService();
    this.taskService = engine.getTaskService();
    this.historyService = engine.getHistoryService();
    this.managementService = engine.getManagementService();
    this.identityService = engine.getIdentityService();
    this.intakeService = intakeService;
    this.alertMapper = alertMapper;
    this.intakeProperties = intakeProperties;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void onReady() {
    if (!properties.incidents()) {
      return;
    }
    try {
      seed();
    } catch (RuntimeException e) {
      log.warn("Demo incidents not (completely) seeded: {}", e.toString(), e);
    }
  }

  /** Seeds the demo incidents unless the database has an incident already; their numbers, or none. */
  public List<String> seed() {
    long existing = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(Sop.PROCESS_KEY).count();
    if (existing > 0) {
      log.info("Demo incidents not seeded: the database has {} incident(s) already", existing);
      return List.of();
    }
    List<String> numbers = new ArrayList<>();
    numbers.add(openSev1FromAlertmanager());
    numbers.add(openSev2InResponse());
    numbers.add(resolvedSev3AwaitingReviewDecision());
    numbers.add(closedSev2WithReview());
    numbers.add(closedSev4Drill());
    numbers.add(openSev1PagingPayments());
    log.info("Demo incidents seeded: {} open SEV1 waiting for triage, {} open SEV2 in response, {} resolved SEV3 "
        + "waiting for the review decision, {} closed SEV2 with its review, {} closed SEV4 drill, {} paging team payments' on-call person",
        numbers.toArray());
    // Then the process owner changes the SOP: the incidents above stay on version 1, to be migrated.
    sopVersion.deployAndAcknowledge(RESPONDER);
    return numbers;
  }

  /** Opened by Alertmanager through the intake, with its alert and links; nobody has taken it yet. */
  private String openSev1FromAlertmanager() {
    String now = ClockUtil.getCurrentTime().toInstant().toString();
    // The alert label the intake reads the severity from (labels.severity unless configured otherwise).
    String severityLabel = intakeProperties.mapping().severity().get(0).replaceFirst("^(labels|annotations)\\.", "");
    Map<String, String> labels = Map.of("alertname", "CheckoutErrorRate", severityLabel, "critical",
        "service", "checkout-api", "customer_impact", "true");
    Map<String, String> annotations = Map.of(
        "summary", "Checkout error rate above 20%",
        "description", "5xx on POST /checkout for 5 minutes; customers cannot pay.",
        "runbook_url", "https://runbooks.example.org/checkout-errors",
        "dashboard_url", "https://grafana.example.org/d/checkout");
    AlertWebhook.Alert alert = new AlertWebhook.Alert("firing", labels, annotations, now, null,
        "https://prometheus.example.org/graph?g0.expr=checkout_error_rate", "demo0checkout0errors",
        null, null, null, null, null);
    AlertWebhook webhook = new AlertWebhook("4", "firing", "demo", "{}:{alertname=\"CheckoutErrorRate\"}",
        0, Map.of("alertname", "CheckoutErrorRate"), labels, annotations, "https://alertmanager.example.org", null,
        List.of(alert), null, null, null, null);
    alertMapper.validate("alertmanager", "4", webhook);
    String number = intakeService.receiveAlerts("alertmanager", webhook).incidents().get(0).incidentNumber();
    String id = instanceOf(number);
    runJobsIfNoExecutor(id);
    awaitTask(id, SopActivity.Task_TriageIncident);
    return number;
  }

  /**
   * Reported three hours ago and acknowledged only now (a late acknowledgement for the audit), then
   * classified, staffed and planned with a workaround; the first scheduled update is sent now, so
   * Tasklist shows Apply workaround to the responders and Provide status update to communications.
   */
  private String openSev2InResponse() {
    String id = report(IncidentStart.reportedVia(IncidentStart.SOURCE_TASKLIST)
        .title("Search results stale for EU customers")
        .description("The search index stopped refreshing at 06:00; EU customers see yesterday's prices.")
        .service("search")
        .impactAndUrgency("high", "medium")
        .customerImpact(false)
        .reportedAt(Date.from(ClockUtil.getCurrentTime().toInstant().minus(Duration.ofHours(3)))));
    triage(id, "Index refresh job stuck on a lock; prices up to a day old.");
    classify(id, Severity.SEV2, null, "Search shows outdated prices in Europe", "degraded_performance");
    assignTeam(id);
    establishTimeline(id, true);
    awaitTask(id, SopActivity.Task_ApplyWorkaround);
    // Fire the first stakeholder update now instead of in an hour, so the status-note task is there.
    Job update = managementService.createJobQuery().processInstanceId(id)
        .activityId(SopActivity.Timer_StakeholderUpdateDue.id()).singleResult();
    if (update != null) {
      managementService.executeJob(update.getId());
    }
    runJobsIfNoExecutor(id);
    awaitTask(id, SopActivity.Task_ProvideStatusUpdate);
    return numberOf(id);
  }

  /**
   * Reported four days ago: its target resolution (three days for SEV3) has passed, so the boundary
   * timer fires at once and escalates to the commanders; resolved now, the review decision is open.
   */
  private String resolvedSev3AwaitingReviewDecision() {
    String id = report(IncidentStart.reportedVia(IncidentStart.SOURCE_TASKLIST)
        .title("Invoice PDFs missing the logo")
        .description("Invoices generated since the last release have no company logo.")
        .service("billing")
        .impactAndUrgency("medium", "medium")
        .reportedAt(Date.from(ClockUtil.getCurrentTime().toInstant().minus(Duration.ofDays(4)))));
    triage(id, "Logo asset path changed in the release.");
    classify(id, Severity.SEV3, null);
    assignTeam(id);
    establishTimeline(id, false);
    awaitTask(id, SopActivity.Task_ResolveIncident);
    // The escalation happens before the resolution, which would cancel the timer with the response.
    awaitNoJob(id, SopActivity.Timer_TargetResolutionBreached);
    awaitNoJob(id, SopActivity.Task_EscalateTargetBreach);
    resolve(id, "Asset path not updated in the PDF template", "Template fixed and invoices regenerated");
    awaitTask(id, SopActivity.Task_DecideReview);
    return numberOf(id);
  }

  /** The whole SOP on time: severity raised by the commander, workaround, resolution, post-incident review. */
  private String closedSev2WithReview() {
    String id = report(IncidentStart.reportedVia(IncidentStart.SOURCE_TASKLIST)
        .title("Login slow after certificate rotation")
        .description("Logins take 20 seconds since the certificate rotation.")
        .service("identity")
        .impactAndUrgency("medium", "medium"));
    triage(id, "OCSP stapling failing after the rotation.");
    classify(id, Severity.SEV2, "Every customer logs in through this service", "Slow sign-in", "partial_outage");
    assignTeam(id);
    establishTimeline(id, true);
    complete(id, SopActivity.Task_ApplyWorkaround, RESPONDER,
        vars(WORKAROUND_DESCRIPTION, "OCSP stapling switched off on the load balancer"));
    resolve(id, "The new certificate chain lacked the intermediate certificate",
        "Chain fixed, stapling back on");
    // The timeline, durations, detection and resolution stay as the review task was pre-filled.
    Map<String, Object> review = vars(REVIEW_SUMMARY,
        "Sign-in was slow for about an hour after a certificate rotation shipped an incomplete chain.");
    java.time.LocalDate due = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(30);
    IncidentVariables.of(review)
        .set(REVIEW_AFFECTED, "Every customer signing in; about one in three sign-ins took over 10 seconds")
        .set(REVIEW_TRIGGER, "The scheduled certificate rotation at 09:00")
        .set(REVIEW_ROOT_CAUSE, "The new certificate chain lacked the intermediate certificate\n"
            + "The rotation script does not check the chain")
        .set(REVIEW_DETECTION, "customer")
        .set(REVIEW_WENT_WELL, "Quick workaround")
        .set(REVIEW_WENT_BADLY, "No alert on login latency")
        .set(REVIEW_LUCKY, "The rotation ran in office hours");
    // As the review's completion stores it: a Json array.
    review.put(ACTION_ITEMS.id(), org.camunda.spin.plugin.variable.SpinValues.jsonValue(
        "[{\"title\":\"Chain check in the rotation script\",\"type\":\"prevent\",\"owner\":\"responder\","
            + "\"dueDate\":\"" + due + "\"},{\"title\":\"Alert on sign-in latency\",\"type\":\"detect\","
            + "\"owner\":\"responder\",\"dueDate\":\"" + due.plusDays(14) + "\"}]").create());
    complete(id, SopActivity.Task_ConductPostIncidentReview, COMMANDER, review);
    awaitEnded(id);
    return numberOf(id);
  }

  /** A drill: closed without a review, shown in the audit, left out of the metrics. */
  private String closedSev4Drill() {
    String id = report(IncidentStart.reportedVia(IncidentStart.SOURCE_TASKLIST)
        .title("Drill: status page failover")
        .description("Quarterly drill: the status page fails over to the second region.")
        .service("status-page")
        .impactAndUrgency("low", "low")
        .drill(true));
    triage(id, "Drill started on schedule.");
    classify(id, Severity.SEV4, null);
    assignTeam(id);
    establishTimeline(id, false);
    resolve(id, "None: planned drill", "Failover took 40 seconds");
    complete(id, SopActivity.Task_DecideReview, COMMANDER,
        vars(REVIEW_WANTED, false, REVIEW_DECISION_REASON, "Drill: the drill report covers it"));
    awaitEnded(id);
    return numberOf(id);
  }

  // ---- the SOP's steps, each by the user whose role it is -------------------------------------------

  /**
   * Service payment-gateway belongs to team payments (catalog/demo): the page goes to the team's
   * primary on call now alone, with an Acknowledge link, and climbs the team's policy until someone
   * claims triage.
   */
  private String openSev1PagingPayments() {
    String id = report(IncidentStart.reportedVia(IncidentStart.SOURCE_TASKLIST)
        .title("Card payments declined")
        .description("The payment gateway declines every card payment since a few minutes.")
        .service("payment-gateway")
        .impactAndUrgency("high", "high")
        .customerImpact(true));
    awaitTask(id, SopActivity.Task_TriageIncident);
    return numberOf(id);
  }

  /** Reported in Tasklist by the responder. */
  private String report(IncidentStart start) {
    start.reporter(RESPONDER);
    String id = as(RESPONDER, () -> runtimeService.createProcessInstanceByKey(Sop.PROCESS_KEY)
        .setVariables(start.variables()).execute().getId());
    runJobsIfNoExecutor(id);
    return id;
  }

  private void triage(String id, String notes) {
    complete(id, SopActivity.Task_TriageIncident, RESPONDER, vars(TRIAGE_NOTES, notes));
  }

  private void classify(String id, Severity severity, String overrideReason) {
    complete(id, SopActivity.Task_ClassifyIncident, COMMANDER,
        vars(SEVERITY, severity.name(), SEVERITY_OVERRIDE_REASON, overrideReason));
  }

  /** Classified and published on the status page with its public title and impact. */
  private void classify(String id, Severity severity, String overrideReason, String publicTitle, String publicImpact) {
    Map<String, Object> decision = vars(SEVERITY, severity.name(), SEVERITY_OVERRIDE_REASON, overrideReason);
    IncidentVariables.of(decision).set(IncidentVariable.PUBLIC_INCIDENT, true)
        .set(IncidentVariable.PUBLIC_TITLE, publicTitle).set(IncidentVariable.PUBLIC_IMPACT, publicImpact);
    complete(id, SopActivity.Task_ClassifyIncident, COMMANDER, decision);
  }

  private void assignTeam(String id) {
    complete(id, SopActivity.Task_AssignResponseTeam, COMMANDER,
        vars(INCIDENT_COMMANDER, COMMANDER, RESPONSE_TEAM, RESPONDER, COMMUNICATIONS_LEAD, COMMS));
  }

  private void establishTimeline(String id, boolean workaroundNeeded) {
    complete(id, SopActivity.Task_EstablishTimeline, COMMANDER, vars(WORKAROUND_NEEDED, workaroundNeeded));
  }

  private void resolve(String id, String rootCause, String summary) {
    complete(id, SopActivity.Task_ResolveIncident, RESPONDER,
        vars(ROOT_CAUSE, rootCause, RESOLUTION_SUMMARY, summary, FOLLOW_UP_ACTIONS, "Add a test — responder"));
  }

  /** Claims and completes the step's task as the user, with the user's groups, as Tasklist would. */
  private void complete(String id, SopActivity step, String user, Map<String, Object> variables) {
    Task task = awaitTask(id, step);
    as(user, () -> {
      if (task.getAssignee() == null) {
        taskService.claim(task.getId(), user);
      }
      taskService.complete(task.getId(), variables);
      return null;
    });
    runJobsIfNoExecutor(id);
  }

  private <T> T as(String user, Supplier<T> work) {
    return DemoLogin.as(identityService, user, work);
  }


  private static Map<String, Object> vars(Object... pairs) {
    Map<String, Object> variables = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      variables.put(((IncidentVariable) pairs[i]).id(), pairs[i + 1]);
    }
    return variables;
  }

  // ---- waiting for the process ---------------------------------------------------------------------

  private Task awaitTask(String id, SopActivity step) {
    return await(id, "task " + step.id(), () -> taskService.createTaskQuery().processInstanceId(id)
        .taskDefinitionKey(step.id()).singleResult());
  }

  private void awaitNoJob(String id, SopActivity activity) {
    await(id, "no more job of " + activity.id(), () -> managementService.createJobQuery().processInstanceId(id)
        .activityId(activity.id()).count() == 0 ? Boolean.TRUE : null);
  }

  private void awaitEnded(String id) {
    await(id, "the end of the incident", () -> runtimeService.createProcessInstanceQuery().processInstanceId(id)
        .count() == 0 ? Boolean.TRUE : null);
  }

  /**
   * Polls until {@code found} answers non-null: the job executor runs the asynchronous steps (the
   * notifications) in the background; without one (tests) the incident's due jobs are run here.
   */
  private <T> T await(String id, String what, Supplier<T> found) {
    Instant deadline = Instant.now().plus(STEP_TIMEOUT);
    while (true) {
      T result = found.get();
      if (result != null) {
        return result;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("Demo incident %s: %s did not come within %s; it is at %s, jobs %s".formatted(
            numberOf(id), what, STEP_TIMEOUT, runtimeService.getActiveActivityIds(id),
            managementService.createJobQuery().processInstanceId(id).list().stream()
                .map(j -> j.getId() + " retries " + j.getRetries() + " " + j.getExceptionMessage()).toList()));
      }
      runJobsIfNoExecutor(id);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
    }
  }

  /** Without a job executor (tests), runs the incident's jobs that are due now; with one, nothing. */
  private void runJobsIfNoExecutor(String id) {
    JobExecutor executor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    if (executor != null && executor.isActive()) {
      return;
    }
    for (int round = 0; round < 50; round++) {
      Date now = new Date(ClockUtil.getCurrentTime().getTime() + 1);
      List<Job> due = managementService.createJobQuery().processInstanceId(id).executable().list().stream()
          .filter(job -> job.getDuedate() == null || job.getDuedate().before(now)).toList();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> managementService.executeJob(job.getId()));
    }
  }

  private String instanceOf(String number) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(Sop.PROCESS_KEY)
        .processInstanceBusinessKey(number).singleResult().getId();
  }

  private String numberOf(String id) {
    return historyService.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult().getBusinessKey();
  }
}
