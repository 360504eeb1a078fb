package org.incidentresponse.statuspage;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.incidentresponse.sop.ClasspathDeployment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The process {@code maintenance/scheduled-maintenance.bpmn} and its forms: its contract (process
 * key, steps, variables), its deployment under a stable name (an unchanged diagram makes no new
 * version), and the validation of a request, shared by Tasklist's start form and
 * {@code POST /api/status-page/maintenances}.
 */
@Component
public class ScheduledMaintenance implements SmartInitializingSingleton {

  public static final String PROCESS_KEY = "scheduled-maintenance";
  public static final String DEPLOYMENT_NAME = "scheduled-maintenance";
  static final List<String> RESOURCES = List.of("maintenance/scheduled-maintenance.bpmn",
      "maintenance/schedule-maintenance.form", "maintenance/conclude-maintenance.form");

  public static final String START = "StartEvent_MaintenanceScheduled";
  public static final String TASK_ANNOUNCE = "Task_AnnounceMaintenance";
  public static final String TIMER_REMINDER = "Timer_ReminderDue";
  public static final String TASK_REMIND = "Task_RemindSubscribers";
  public static final String TIMER_START = "Timer_WindowStarts";
  public static final String TASK_START = "Task_StartMaintenance";
  public static final String TASK_CONCLUDE = "Task_ConcludeMaintenance";
  public static final String TIMER_END = "Timer_WindowEnds";
  public static final String TASK_EXTEND = "Task_ExtendMaintenance";
  public static final String TASK_COMPLETE = "Task_CompleteMaintenance";

  public static final String TITLE = "maintenanceTitle";
  public static final String MESSAGE = "maintenanceMessage";
  /** Component ids: a list, or one comma-separated string from the start form. */
  public static final String COMPONENTS = "maintenanceComponents";
  public static final String STARTS_AT = "startsAt";
  public static final String ENDS_AT = "endsAt";
  public static final String REMINDER_AT = "reminderAt";
  /** {@code complete} or {@code extend}, from the form conclude-maintenance. */
  public static final String DECISION = "maintenanceDecision";
  public static final String EXTENDED_UNTIL = "extendedUntil";
  /** An optional public text of the conclusion. */
  public static final String UPDATE = "maintenanceUpdate";
  public static final String REMINDER_BEFORE_HOURS = "1";

  private static final Logger log = LoggerFactory.getLogger(ScheduledMaintenance.class);

  private final RepositoryService repositoryService;
  private final RuntimeService runtimeService;
  private final StatusPageProperties properties;

  ScheduledMaintenance(RepositoryService repositoryService, RuntimeService runtimeService,
      StatusPageProperties properties) {
    this.repositoryService = repositoryService;
    this.runtimeService = runtimeService;
    this.properties = properties;
  }

  @Override
  public void afterSingletonsInstantiated() {
    Deployment deployment = ClasspathDeployment.deploy(repositoryService, DEPLOYMENT_NAME, PROCESS_KEY, RESOURCES);
    log.info("Scheduled maintenance deployment {}", deployment.getId());
  }

  /** A valid request, normalised: title, message, component ids, the window as instants. */
  record Request(String title, String message, List<String> components, Instant startsAt, Instant endsAt) {
    Map<String, Object> variables() {
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put(TITLE, title);
      variables.put(MESSAGE, message);
      variables.put(COMPONENTS, String.join(",", components));
      variables.put(STARTS_AT, Date.from(startsAt));
      variables.put(ENDS_AT, Date.from(endsAt));
      return variables;
    }
  }

  /** Starts the process for a valid request, or throws {@link InvalidMaintenance} with every problem. */
  ProcessInstance schedule(Map<String, ?> input) {
    Request request = validate(input);
    return runtimeService.startProcessInstanceByKey(PROCESS_KEY, request.variables());
  }

  Request validate(Map<String, ?> input) {
    List<String> problems = new ArrayList<>();
    String title = text(input.get(TITLE));
    String message = text(input.get(MESSAGE));
    if (title.isEmpty() || title.length() > 200) {
      problems.add(TITLE + ": a public title of 1 to 200 characters is required");
    }
    if (message.isEmpty() || message.length() > 4000) {
      problems.add(MESSAGE + ": a public message of 1 to 4000 characters is required");
    }
    List<String> components = components(input.get(COMPONENTS));
    if (components.isEmpty()) {
      problems.add(COMPONENTS + ": at least one component is required");
    }
    components.stream().filter(id -> properties.component(id).isEmpty())
        .forEach(id -> problems.add(COMPONENTS + ": there is no component '" + id + "' on the status page"));
    Instant startsAt = time(input.get(STARTS_AT), STARTS_AT, problems);
    Instant endsAt = time(input.get(ENDS_AT), ENDS_AT, problems);
    if (startsAt != null && endsAt != null && !endsAt.isAfter(startsAt)) {
      problems.add(ENDS_AT + ": the window must end after it starts");
    }
    if (endsAt != null && !endsAt.isAfter(ClockUtil.getCurrentTime().toInstant())) {
      problems.add(ENDS_AT + ": the window must end in the future");
    }
    if (!problems.isEmpty()) {
      throw new InvalidMaintenance(problems);
    }
    return new Request(title, message, components, startsAt, endsAt);
  }

  static List<String> components(Object value) {
    Collection<?> raw = value instanceof Collection<?> list ? list
        : value == null ? List.of() : List.of(value.toString().split(","));
    LinkedHashSet<String> ids = new LinkedHashSet<>();
    raw.stream().map(item -> item == null ? "" : item.toString().strip()).filter(id -> !id.isEmpty()).forEach(ids::add);
    return List.copyOf(ids);
  }

  /** A time as form-js (UTC, "2026-12-06T10:00Z"), the API (ISO 8601 with offset) or the engine (a Date) gives it. */
  static Instant time(Object value, String name, List<String> problems) {
    if (value instanceof Date date) {
      return date.toInstant();
    }
    String text = text(value);
    if (text.isEmpty()) {
      problems.add(name + ": a time is required, e.g. 2026-12-06T22:00:00Z");
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException invalid) {
        problems.add(name + ": '" + text + "' is not an ISO 8601 time, e.g. 2026-12-06T22:00:00Z");
        return null;
      }
    }
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString().strip();
  }

  /** A request that cannot be scheduled: every problem, for the form's error or the problem detail. */
  static class InvalidMaintenance extends RuntimeException {
    private final List<String> problems;

    InvalidMaintenance(List<String> problems) {
      super(String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    List<String> problems() {
      return problems;
    }
  }
}
