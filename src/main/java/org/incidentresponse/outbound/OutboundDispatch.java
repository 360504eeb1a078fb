package org.incidentresponse.outbound;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.incidentresponse.notification.NotificationIssued;
import org.incidentresponse.notification.NotificationProperties;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.IncidentVariables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts one {@code outbound-delivery} process per channel that receives a notification, in the
 * notification step's transaction: a step that rolls back (its mail failed) starts nothing, and a
 * retried step cannot deliver twice. The body is built here, from the incident as the notification
 * saw it, and travels with the delivery, so every retry sends the same message with the same id.
 *
 * <p>A message that cannot be built (a broken chat template) is logged and counted as failed; it
 * never fails the SOP's step or its mail.
 */
@Component
class OutboundDispatch {

  private static final Logger log = LoggerFactory.getLogger(OutboundDispatch.class);

  private final Destinations destinations;
  private final Map<ChannelKind, OutboundFormat> formats = new LinkedHashMap<>();
  private final OutboundProperties properties;
  private final NotificationProperties notificationProperties;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final OutboundMetrics metrics;

  OutboundDispatch(Destinations destinations, List<OutboundFormat> formats, OutboundProperties properties,
      NotificationProperties notificationProperties, RuntimeService runtimeService, TaskService taskService,
      OutboundMetrics metrics) {
    this.destinations = destinations;
    formats.forEach(format -> this.formats.put(format.kind(), format));
    this.properties = properties;
    this.notificationProperties = notificationProperties;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.metrics = metrics;
  }

  /** The notifications that page someone: the first page and each escalation step. */
  private static final java.util.Set<String> PAGES = java.util.Set.of("page", "acknowledgement-escalation");

  @EventListener
  void issued(NotificationIssued issued) {
    IncidentVariables incident = IncidentVariables.of(issued.variables());
    List<Destination> receiving = destinations.receiving(issued.template(),
        incident.string(IncidentVariable.SEVERITY));
    if (receiving.isEmpty()) {
      return;
    }
    IncidentNotice notice = new IncidentNotice(issued.template(), issued.processInstanceId(), issued.variables(),
        issued.issuedAt(), properties.status(issued.template()), links(issued, incident));
    for (Destination destination : receiving) {
      String eventId = UUID.randomUUID().toString();
      OutboundFormat.Payload payload;
      try {
        payload = formats.get(destination.kind()).payload(notice, eventId);
      } catch (RuntimeException cannotBuild) {
        metrics.failed(destination);
        log.error("Cannot build the {} message '{}' of {} for {}; it is not sent", destination.kind().id(),
            issued.template(), incident.incidentNumber(), destination.id(), cannotBuild);
        continue;
      }
      VariableMap variables = Variables.createVariables()
          .putValue(OutboundDelivery.CHANNEL, destination.id())
          .putValue(OutboundDelivery.TEMPLATE, issued.template())
          .putValue(OutboundDelivery.INCIDENT_NUMBER, incident.incidentNumber())
          .putValue(OutboundDelivery.INCIDENT_PROCESS_INSTANCE_ID, issued.processInstanceId())
          .putValue(OutboundDelivery.EVENT_ID, eventId)
          .putValue(OutboundDelivery.CONTENT_TYPE, payload.contentType())
          // A file, byte for byte: a Json variable would be re-serialised, losing the body's HTML-safe escapes.
          .putValueTyped(OutboundDelivery.PAYLOAD, Variables.fileValue("message.json")
              .file(payload.body().getBytes(StandardCharsets.UTF_8)).mimeType(payload.contentType())
              .encoding(StandardCharsets.UTF_8).create());
      String businessKey = incident.incidentNumber() + "/" + issued.template() + "/" + destination.id();
      withoutAuthorization(() -> runtimeService.startProcessInstanceByKey(OutboundDelivery.PROCESS_KEY, businessKey,
          variables));
    }
  }

  /**
   * The step may run as a user (a synchronous path from a task they complete); delivering a
   * notification is the system's doing, not something that user needs a grant for.
   */
  private static void withoutAuthorization(Runnable start) {
    CommandContext commandContext = Context.getCommandContext();
    if (commandContext == null) {
      start.run();
      return;
    }
    commandContext.runWithoutAuthorization(() -> {
      start.run();
      return null;
    });
  }

  /** Tasklist (the incident's open task, if any), the audit, and the runbook and dashboard when they are http(s). */
  private Map<String, String> links(NotificationIssued issued, IncidentVariables incident) {
    Map<String, String> links = new LinkedHashMap<>();
    String tasklist = notificationProperties.appUrl() + "/app/tasklist/default/";
    List<Task> open = taskService.createTaskQuery().processInstanceId(issued.processInstanceId())
        .orderByTaskCreateTime().desc().listPage(0, 1);
    links.put("Open in Tasklist", open.isEmpty() ? tasklist : tasklist + "#/?task=" + open.get(0).getId());
    // A page to one person carries their signed Acknowledge link (org.incidentresponse.oncall), in chat as in mail.
    String acknowledge = incident.string(IncidentVariable.ACKNOWLEDGE_URL);
    if (acknowledge != null && PAGES.contains(issued.template())) {
      String paged = incident.string(IncidentVariable.PAGED_USERS);
      links.put(paged == null || paged.isBlank() ? "Acknowledge" : "Acknowledge as " + paged, acknowledge);
    }
    if (incident.incidentNumber() != null) {
      links.put("Audit", properties.auditUrl().replace("{number}",
          URLEncoder.encode(incident.incidentNumber(), StandardCharsets.UTF_8)));
    }
    IncidentNotice.httpUrl(incident.string(IncidentVariable.RUNBOOK_URL)).ifPresent(url -> links.put("Runbook", url));
    IncidentNotice.httpUrl(incident.string(IncidentVariable.DASHBOARD_URL)).ifPresent(url -> links.put("Dashboard", url));
    return links;
  }

}
