package org.incidentresponse.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.incidentresponse.acknowledgement.SopAcknowledgement;
import org.incidentresponse.acknowledgement.SopAcknowledgements;
import org.incidentresponse.outbound.DeliveryRecord;
import org.incidentresponse.outbound.OutboundDelivery;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.IncidentVariables;
import org.incidentresponse.sop.Sop;
import org.incidentresponse.sop.SopMigrationNote;
import org.springframework.stereotype.Component;

/**
 * The only class that reads Camunda's history for the audit: it turns the history of incidents
 * (process {@link Sop#PROCESS_KEY}) into {@link IncidentHistory} values.
 */
@Component
public class CamundaIncidentHistory {

  /** Activity types that are plumbing rather than something that happened. */
  private static final Set<String> SKIPPED_TYPES = Set.of("exclusiveGateway", "parallelGateway", "inclusiveGateway",
      "eventBasedGateway", "multiInstanceBody");

  private final HistoryService historyService;
  private final RepositoryService repositoryService;
  private final TaskService taskService;
  private final SopAcknowledgements acknowledgements;
  private final Map<String, String> versionTags = new ConcurrentHashMap<>();

  public CamundaIncidentHistory(HistoryService historyService, RepositoryService repositoryService,
      TaskService taskService, SopAcknowledgements acknowledgements) {
    this.acknowledgements = acknowledgements;
    this.historyService = historyService;
    this.repositoryService = repositoryService;
    this.taskService = taskService;
  }

  /** Process instance ids of the incidents that match, newest first, one page of them. */
  public List<String> find(IncidentFilter filter, int firstResult, int maxResults) {
    return query(filter).orderByProcessInstanceStartTime().desc().orderByProcessInstanceId().desc()
        .listPage(firstResult, maxResults).stream().map(HistoricProcessInstance::getId).toList();
  }

  public long count(IncidentFilter filter) {
    return query(filter).count();
  }

  public Optional<String> findByNumber(String incidentNumber) {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(Sop.PROCESS_KEY)
        .processInstanceBusinessKey(incidentNumber).orderByProcessInstanceStartTime().desc().listPage(0, 1)
        .stream().map(HistoricProcessInstance::getId).findFirst();
  }

  private HistoricProcessInstanceQuery query(IncidentFilter filter) {
    HistoricProcessInstanceQuery query = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(Sop.PROCESS_KEY);
    if ("open".equals(filter.status())) {
      query.unfinished();
    } else if ("closed".equals(filter.status())) {
      query.finished();
    }
    if (filter.from() != null) {
      query.startedAfter(Date.from(filter.from().minusMillis(1)));
    }
    if (filter.to() != null) {
      query.startedBefore(Date.from(filter.to().minusMillis(1)));
    }
    if (filter.severity() != null) {
      query.variableValueEquals(IncidentVariable.SEVERITY.id(), filter.severity());
    }
    if (filter.service() != null) {
      query.variableValueEquals(IncidentVariable.SERVICE.id(), filter.service());
    }
    if (filter.drill() != null) {
      query.variableValueEquals(IncidentVariable.DRILL.id(), filter.drill());
    }
    return query;
  }

  /** Process instance ids of every incident, in a stable order, one page of them. */
  public List<String> allIds(int firstResult, int maxResults) {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(Sop.PROCESS_KEY)
        .orderByProcessInstanceId().asc().listPage(firstResult, maxResults).stream()
        .map(HistoricProcessInstance::getId).toList();
  }

  public IncidentHistory load(String processInstanceId) {
    return load(processInstanceId, true).orElseThrow(
        () -> new IllegalArgumentException("No incident with process instance " + processInstanceId));
  }

  /**
   * What the read model's row of an incident is made of: its history without the chat deliveries and
   * the team's SOP acknowledgements (the report reads those). Empty when the process instance is not
   * an incident.
   */
  public Optional<IncidentHistory> loadForSummary(String processInstanceId) {
    return load(processInstanceId, false);
  }

  private Optional<IncidentHistory> load(String processInstanceId, boolean full) {
    HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(processInstanceId).singleResult();
    if (instance == null || !full && !Sop.PROCESS_KEY.equals(instance.getProcessDefinitionKey())) {
      return Optional.empty();
    }

    List<HistoricActivityInstance> activities = historyService.createHistoricActivityInstanceQuery()
        .processInstanceId(processInstanceId).orderByHistoricActivityInstanceStartTime().asc()
        .orderPartiallyByOccurrence().asc().list();
    Map<String, String> activityIdByInstance = new HashMap<>();
    activities.forEach(a -> activityIdByInstance.put(a.getId(), a.getActivityId()));

    List<HistoricTaskInstance> tasks = historyService.createHistoricTaskInstanceQuery()
        .processInstanceId(processInstanceId).list();
    Map<String, HistoricTaskInstance> taskByActivityInstance = new HashMap<>();
    Map<String, String> taskNames = new HashMap<>();
    tasks.forEach(t -> {
      taskByActivityInstance.put(t.getActivityInstanceId(), t);
      taskNames.put(t.getId(), t.getName());
    });

    List<UserOperationLogEntry> log = historyService.createUserOperationLogQuery()
        .processInstanceId(processInstanceId).orderByTimestamp().asc().list();
    Map<String, String> completedBy = new HashMap<>();
    log.stream().filter(e -> UserOperationLogEntry.OPERATION_TYPE_COMPLETE.equals(e.getOperationType())
            && e.getTaskId() != null && e.getUserId() != null)
        .forEach(e -> completedBy.put(e.getTaskId(), e.getUserId()));

    List<IncidentHistory.Step> steps = new ArrayList<>();
    for (HistoricActivityInstance a : activities) {
      if (SKIPPED_TYPES.contains(a.getActivityType())) {
        continue;
      }
      HistoricTaskInstance task = taskByActivityInstance.get(a.getId());
      String assignee = task != null ? task.getAssignee() : a.getAssignee();
      String taskId = task != null ? task.getId() : a.getTaskId();
      boolean taskDeleted = task != null && task.getDeleteReason() != null && !"completed".equals(task.getDeleteReason());
      String finisher = null;
      if (task != null && task.getEndTime() != null && !taskDeleted) {
        finisher = completedBy.getOrDefault(task.getId(), assignee);
      }
      steps.add(new IncidentHistory.Step(a.getActivityId(), a.getActivityName(), a.getActivityType(),
          instant(a.getStartTime()), instant(a.getEndTime()), assignee, finisher,
          a.isCanceled() || taskDeleted, taskId));
    }

    List<HistoricVariableInstance> variableInstances = historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId).disableCustomObjectDeserialization().list();
    Map<String, Object> variables = new LinkedHashMap<>();
    Set<String> processScopeVariableIds = new HashSet<>();
    List<IncidentHistory.Notification> notifications = new ArrayList<>();
    for (HistoricVariableInstance v : variableInstances) {
      boolean processScope = processInstanceId.equals(v.getActivityInstanceId());
      if (IncidentVariable.NOTIFICATION.id().equals(v.getName()) && !processScope) {
        // A String, or a Camunda Json variable when the record is long: both give the record's text.
        Object record = value(v.getTypedValue());
        notifications.add(IncidentHistory.Notification.recorded(record == null ? null : record.toString(),
            instant(v.getCreateTime()), activityIdByInstance.get(v.getActivityInstanceId())));
      } else if (processScope) {
        variables.put(v.getName(), value(v.getTypedValue()));
        processScopeVariableIds.add(v.getId());
      }
    }
    notifications.sort(Comparator.comparing(IncidentHistory.Notification::sentAt,
        Comparator.nullsLast(Comparator.naturalOrder())));

    List<IncidentHistory.VariableChange> changes = new ArrayList<>();
    for (HistoricDetail detail : historyService.createHistoricDetailQuery().processInstanceId(processInstanceId)
        .variableUpdates().disableCustomObjectDeserialization().orderByTime().asc().list()) {
      HistoricVariableUpdate update = (HistoricVariableUpdate) detail;
      if (processScopeVariableIds.contains(update.getVariableInstanceId())) {
        changes.add(new IncidentHistory.VariableChange(update.getVariableName(), value(update.getTypedValue()),
            instant(update.getTime()), update.getTaskId()));
      }
    }

    List<IncidentHistory.UserOperation> operations = new ArrayList<>();
    Set<String> seenOperations = new HashSet<>();
    for (UserOperationLogEntry e : log) {
      // One operation writes one entry per changed property; keep the interesting one per operation.
      if (!seenOperations.add(e.getOperationId() + "/" + e.getProperty())) {
        continue;
      }
      operations.add(new IncidentHistory.UserOperation(instant(e.getTimestamp()), e.getUserId(), e.getOperationType(),
          e.getEntityType(), e.getProperty(), e.getOrgValue(), e.getNewValue(),
          e.getTaskId() != null ? taskNames.get(e.getTaskId()) : null));
    }

    String number = instance.getBusinessKey() != null ? instance.getBusinessKey()
        : IncidentVariables.of(variables).incidentNumber();
    IncidentHistory loaded = new IncidentHistory(processInstanceId, number, instance.getProcessDefinitionId(),
        instance.getProcessDefinitionVersion() == null ? 0 : instance.getProcessDefinitionVersion(),
        versionTag(instance.getProcessDefinitionId()), instant(instance.getStartTime()), instant(instance.getEndTime()),
        instance.getState(), variables, steps, changes, notifications, operations,
        full ? deliveries(number) : List.of(), migrations(processInstanceId));
    if (!full) {
      return Optional.of(loaded);
    }
    return Optional.of(new IncidentHistory(loaded.processInstanceId(), loaded.incidentNumber(), loaded.processDefinitionId(),
        loaded.sopVersion(), loaded.sopVersionTag(), loaded.startTime(), loaded.endTime(), loaded.state(),
        loaded.variables(), loaded.steps(), loaded.changes(), loaded.notifications(), loaded.operations(),
        loaded.deliveries(), loaded.migrations(), acknowledgements(loaded)));
  }

  /** For each person who worked on the incident and each version it ran on: their "Read the SOP" outcome. */
  private List<IncidentHistory.Acknowledgement> acknowledgements(IncidentHistory h) {
    List<IncidentHistory.Acknowledgement> result = new ArrayList<>();
    for (String user : h.people()) {
      for (int version : new java.util.LinkedHashSet<>(h.sopVersions())) {
        Optional<SopAcknowledgements.Acknowledgement> done = acknowledgements.find(version, user);
        boolean asked = historyService.createHistoricProcessInstanceQuery()
            .processDefinitionKey(SopAcknowledgement.PROCESS_KEY)
            .processInstanceBusinessKey(SopAcknowledgement.businessKey(version, user)).count() > 0;
        result.add(new IncidentHistory.Acknowledgement(user, version,
            done.isPresent() ? "acknowledged" : asked ? "pending" : "not-asked",
            done.map(SopAcknowledgements.Acknowledgement::acknowledgedAt).orElse(null)));
      }
    }
    return result;
  }

  /**
   * The incident's migrations to other SOP versions, from the history comments the migration writes
   * ({@link SopMigrationNote}): Camunda's own log records a migration per definition, not per incident.
   */
  private List<IncidentHistory.Migration> migrations(String processInstanceId) {
    List<IncidentHistory.Migration> migrations = new ArrayList<>();
    taskService.getProcessInstanceComments(processInstanceId).forEach(comment ->
        SopMigrationNote.parse(comment.getFullMessage()).ifPresent(note -> migrations.add(new IncidentHistory.Migration(
            instant(comment.getTime()), comment.getUserId(), note.from(), note.to()))));
    migrations.sort(Comparator.comparing(IncidentHistory.Migration::time, Comparator.nullsLast(Comparator.naturalOrder())));
    return migrations;
  }

  /** The deliveries of this incident's notifications: processes {@code outbound-delivery} keyed {@code <number>/...}. */
  private List<IncidentHistory.Delivery> deliveries(String number) {
    List<IncidentHistory.Delivery> deliveries = new ArrayList<>();
    if (number == null) {
      return deliveries;
    }
    for (HistoricProcessInstance delivery : historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(OutboundDelivery.PROCESS_KEY).processInstanceBusinessKeyLike(number + "/%")
        .orderByProcessInstanceStartTime().asc().list()) {
      Map<String, Object> values = new HashMap<>();
      historyService.createHistoricVariableInstanceQuery().processInstanceId(delivery.getId())
          .variableNameIn(OutboundDelivery.CHANNEL, OutboundDelivery.TEMPLATE, OutboundDelivery.DELIVERY).list()
          .forEach(v -> values.put(v.getName(), v.getValue()));
      String channel = (String) values.get(OutboundDelivery.CHANNEL);
      String template = (String) values.get(OutboundDelivery.TEMPLATE);
      Optional<DeliveryRecord> record = DeliveryRecord.decode((String) values.get(OutboundDelivery.DELIVERY));
      if (record.isPresent()) {
        deliveries.add(new IncidentHistory.Delivery(channel, template, "delivered", record.get().attempts(),
            record.get().deliveredAt(), "HTTP " + record.get().status()));
        continue;
      }
      int failures = (int) historyService.createHistoricJobLogQuery().processInstanceId(delivery.getId())
          .failureLog().count();
      String lastFailure = historyService.createHistoricJobLogQuery().processInstanceId(delivery.getId())
          .failureLog().orderByTimestamp().desc().listPage(0, 1).stream()
          .map(log -> log.getJobExceptionMessage()).findFirst().orElse(null);
      boolean incident = historyService.createHistoricIncidentQuery().processInstanceId(delivery.getId()).open()
          .count() > 0;
      deliveries.add(new IncidentHistory.Delivery(channel, template, incident ? "failed" : "retrying", failures,
          instant(delivery.getStartTime()), lastFailure));
    }
    return deliveries;
  }

  /** A variable's value without deserialising objects: serialised values (JSON, Java) as their text. */
  private static Object value(TypedValue typed) {
    if (typed == null) {
      return null;
    }
    if (typed instanceof SerializableValue serializable && !serializable.isDeserialized()) {
      return serializable.getValueSerialized();
    }
    return typed.getValue();
  }

  private String versionTag(String processDefinitionId) {
    return versionTags.computeIfAbsent(processDefinitionId, id -> {
      String tag = repositoryService.createProcessDefinitionQuery().processDefinitionId(id).list().stream()
          .map(d -> d.getVersionTag()).filter(t -> t != null).findFirst().orElse("");
      return tag;
    });
  }

  static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
