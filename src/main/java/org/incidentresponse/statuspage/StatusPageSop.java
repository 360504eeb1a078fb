package org.incidentresponse.statuspage;

import static org.incidentresponse.sop.IncidentVariable.CUSTOMER_IMPACT;
import static org.incidentresponse.sop.IncidentVariable.DEFAULT_PUBLIC_IMPACT;
import static org.incidentresponse.sop.IncidentVariable.PUBLIC_IMPACT;
import static org.incidentresponse.sop.IncidentVariable.PUBLIC_INCIDENT;
import static org.incidentresponse.sop.IncidentVariable.PUBLIC_MESSAGE;
import static org.incidentresponse.sop.IncidentVariable.PUBLIC_STATE;
import static org.incidentresponse.sop.IncidentVariable.PUBLIC_TITLE;
import static org.incidentresponse.sop.IncidentVariable.SERVICE;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.IncidentVariables;
import org.incidentresponse.sop.Sop;
import org.incidentresponse.sop.SopActivity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * How the SOP feeds the status page, listening to the engine's Spring event bridge (so the BPMN
 * carries no listener of its own), inside the step's transaction:
 *
 * <ul>
 *   <li>{@code Task_ClassifyIncident} created: pre-sets the commander's choice, public when customers
 *       are affected, the impact from the severity policy's {@code defaultPublicImpact};</li>
 *   <li>{@code Task_ClassifyIncident} completed as public: the incident appears, {@code investigating};
 *       a later classification may change its public title and impact;</li>
 *   <li>{@code Task_ProvideStatusUpdate} completed: communications' public message and state;</li>
 *   <li>{@code Task_NotifyMitigated}, {@code Task_NotifyResolved}, {@code Task_NotifyClosed} done: the
 *       configured wording, {@code monitoring}, {@code resolved}, and the closing note.</li>
 * </ul>
 *
 * Only the fields written for the public are read: the public title, impact, state and message.
 */
@Component
class StatusPageSop {

  private static final Logger log = LoggerFactory.getLogger(StatusPageSop.class);
  private static final int MAX_TITLE = 200;
  private static final int MAX_MESSAGE = 4000;
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  private final StatusPageStore store;
  private final StatusPageProperties properties;
  private final ApplicationEventPublisher events;

  StatusPageSop(StatusPageStore store, StatusPageProperties properties, ApplicationEventPublisher events) {
    this.store = store;
    this.properties = properties;
    this.events = events;
  }

  @EventListener
  public void taskEvent(DelegateTask task) {
    if (!isSop(task.getProcessDefinitionId())) {
      return;
    }
    String step = task.getTaskDefinitionKey();
    String event = task.getEventName();
    if (SopActivity.Task_ClassifyIncident.id().equals(step) && TaskListener.EVENTNAME_CREATE.equals(event)) {
      offerDefaults(IncidentVariables.of(task));
    } else if (SopActivity.Task_ClassifyIncident.id().equals(step) && TaskListener.EVENTNAME_COMPLETE.equals(event)) {
      classified(task.getProcessInstanceId(), IncidentVariables.of(task));
    } else if (SopActivity.Task_ProvideStatusUpdate.id().equals(step) && TaskListener.EVENTNAME_COMPLETE.equals(event)) {
      statusUpdateWritten(task.getProcessInstanceId(), IncidentVariables.of(task));
    }
  }

  @EventListener
  public void executionEvent(DelegateExecution execution) {
    if (!ExecutionListener.EVENTNAME_END.equals(execution.getEventName()) || !isSop(execution.getProcessDefinitionId())) {
      return;
    }
    String step = execution.getCurrentActivityId();
    if (SopActivity.Task_NotifyMitigated.id().equals(step)) {
      publish(execution.getProcessInstanceId(), IncidentState.MONITORING, "monitoring");
    } else if (SopActivity.Task_NotifyResolved.id().equals(step)) {
      publish(execution.getProcessInstanceId(), IncidentState.RESOLVED, "resolved");
    } else if (SopActivity.Task_NotifyClosed.id().equals(step)) {
      publish(execution.getProcessInstanceId(), IncidentState.RESOLVED, "closed");
    }
  }

  private static boolean isSop(String processDefinitionId) {
    return processDefinitionId != null && processDefinitionId.startsWith(Sop.PROCESS_KEY + ":");
  }

  private void offerDefaults(IncidentVariables incident) {
    incident.setIfAbsent(PUBLIC_INCIDENT, incident.isTrue(CUSTOMER_IMPACT));
    // JSON variables: form-js reads the checklist's choices and its pre-set value from them.
    List<Map<String, String>> choices = properties.components().stream()
        .map(c -> Map.of("label", c.name(), "value", c.id())).toList();
    incident.set(IncidentVariable.STATUS_COMPONENTS, SpinValues.jsonValue(json(choices)).create());
    incident.setIfAbsent(IncidentVariable.PUBLIC_COMPONENTS, SpinValues.jsonValue(json(
        properties.componentsOf(incident.string(SERVICE)).stream().map(StatusPageProperties.Component::id).toList())).create());
    String impact = incident.string(DEFAULT_PUBLIC_IMPACT);
    if (impact != null) {
      incident.setIfAbsent(PUBLIC_IMPACT, impact);
    }
  }

  private void classified(String processInstanceId, IncidentVariables incident) {
    Optional<PublicIncident> published = store.byProcessInstance(processInstanceId);
    if (!incident.isTrue(PUBLIC_INCIDENT)) {
      // Once customers have read about an incident it stays on the page and is resolved there.
      published.ifPresent(p -> log.info("Incident {} stays on the status page: it was published before", p.id()));
      return;
    }
    List<StatusPageProperties.Component> components = chosenComponents(incident.get(IncidentVariable.PUBLIC_COMPONENTS))
        .orElseGet(() -> properties.componentsOf(incident.string(SERVICE)));
    String title = oneLine(incident.string(PUBLIC_TITLE), MAX_TITLE);
    if (title.isEmpty()) {
      title = oneLine(properties.wording("untitled", components), MAX_TITLE);
    }
    ComponentStatus impact = outage(incident.string(PUBLIC_IMPACT))
        .or(() -> outage(incident.string(DEFAULT_PUBLIC_IMPACT)))
        .orElse(ComponentStatus.PARTIAL_OUTAGE);
    Instant now = now();
    if (published.isEmpty()) {
      PublicIncident created = store.create(processInstanceId, title, impact,
          components.stream().map(StatusPageProperties.Component::id).toList(), now);
      add(created, IncidentState.INVESTIGATING, properties.wording("investigating", components), now);
    } else if (!published.get().isResolved()) {
      store.reclassify(published.get().id(), title, impact, now);
    }
  }

  /** The commander's checklist (JSON from Tasklist, a list or comma-separated ids from the API), known ids only; empty when not given. */
  private Optional<List<StatusPageProperties.Component>> chosenComponents(Object value) {
    if (value == null) {
      return Optional.empty();
    }
    List<String> ids = new java.util.ArrayList<>();
    if (value instanceof SpinJsonNode node) {
      if (node.isArray()) {
        node.elements().forEach(element -> ids.add(element.isString() ? element.stringValue() : element.toString()));
      }
    } else if (value instanceof java.util.Collection<?> list) {
      list.forEach(item -> ids.add(String.valueOf(item)));
    } else {
      ids.addAll(List.of(value.toString().replaceAll("[\\[\\]\"]", "").split(",")));
    }
    return Optional.of(ids.stream().map(String::strip).distinct().flatMap(id -> properties.component(id).stream()).toList());
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void statusUpdateWritten(String processInstanceId, IncidentVariables incident) {
    Optional<PublicIncident> published = store.byProcessInstance(processInstanceId).filter(p -> !p.isResolved());
    String message = incident.string(PUBLIC_MESSAGE);
    if (published.isEmpty() || message == null || message.isBlank()) {
      return;
    }
    IncidentState state = IncidentState.byId(incident.string(PUBLIC_STATE))
        .filter(s -> s != IncidentState.RESOLVED).orElse(published.get().state());
    String body = message.strip();
    body = body.length() > MAX_MESSAGE ? body.substring(0, MAX_MESSAGE) : body;
    PublicIncident current = store.byId(published.get().id()).orElseThrow();
    boolean repeated = !current.updates().isEmpty() && current.updates().get(0).body().equals(body)
        && current.state() == state;
    if (!repeated) {
      add(current, state, body, now());
    }
  }

  private void publish(String processInstanceId, IncidentState state, String wording) {
    store.byProcessInstance(processInstanceId).ifPresent(incident -> {
      List<StatusPageProperties.Component> components = incident.components().stream()
          .flatMap(id -> properties.component(id).stream()).toList();
      add(incident, state, properties.wording(wording, components), now());
    });
  }

  private void add(PublicIncident incident, IncidentState state, String body, Instant now) {
    PublicUpdate update = store.addUpdate(incident.id(), state, body, now);
    events.publishEvent(new PublicUpdatePublished(store.byId(incident.id()).orElseThrow(), update));
  }

  private static Optional<ComponentStatus> outage(String id) {
    return Optional.ofNullable(id).flatMap(ComponentStatus::byId).filter(ComponentStatus::isOutage);
  }

  private static String oneLine(String text, int max) {
    String line = text == null ? "" : text.replaceAll("(?U)[\\p{Cntrl}\\s]+", " ").strip();
    return line.length() > max ? line.substring(0, max) : line;
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}
