package org.incidentresponse.outbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.NotificationRecord;

/**
 * Drives incidents and their deliveries in the outbound tests' engine: runs the jobs of the
 * incidents it started and of the deliveries whose business key starts with their numbers (or a
 * prefix a test gave), never anyone else's, at the engine clock's time.
 */
final class OutboundDriver {

  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final ManagementService managementService;
  private final HistoryService historyService;
  private final List<String> incidents = new ArrayList<>();
  private final List<String> deliveryKeyPrefixes = new ArrayList<>();

  OutboundDriver(RuntimeService runtimeService, TaskService taskService, ManagementService managementService,
      HistoryService historyService) {
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.managementService = managementService;
    this.historyService = historyService;
  }

  ProcessInstance start(Map<String, Object> variables) {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("incident-response", variables);
    incidents.add(instance.getId());
    deliveryKeyPrefixes.add(instance.getBusinessKey() + "/");
    runDueJobs();
    return instance;
  }

  /** Deliveries whose business key starts with this are run too. */
  void ownDeliveries(String businessKeyPrefix) {
    deliveryKeyPrefixes.add(businessKeyPrefix);
  }

  void complete(ProcessInstance instance, String taskDefinitionKey, String user, Map<String, Object> vars) {
    List<Task> tasks = taskService.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(taskDefinitionKey).list();
    if (tasks.size() != 1) {
      throw new AssertionError("expected one open " + taskDefinitionKey + ", found " + tasks.size());
    }
    Task task = tasks.get(0);
    if (task.getAssignee() == null) {
      taskService.claim(task.getId(), user);
    }
    taskService.complete(task.getId(), vars);
    runDueJobs();
  }

  void advance(Duration duration) {
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + duration.toMillis()));
    runDueJobs();
  }

  /** Every due job of this driver's incidents and deliveries, including the ones they create; failures stay failed. */
  void runDueJobs() {
    for (int round = 0; round < 100; round++) {
      Date now = new Date(ClockUtil.getCurrentTime().getTime() + 1);
      List<Job> due = ownJobs().stream()
          .filter(job -> job.getRetries() > 0)
          .filter(job -> job.getDuedate() == null || job.getDuedate().before(now))
          .toList();
      if (due.isEmpty()) {
        return;
      }
      for (Job job : due) {
        try {
          managementService.executeJob(job.getId());
        } catch (RuntimeException failedAttempt) {
          // the engine has recorded the failure and set the job's next due date or its incident
        }
      }
    }
    throw new AssertionError("jobs keep creating due jobs");
  }

  private List<Job> ownJobs() {
    List<Job> jobs = new ArrayList<>();
    incidents.forEach(id -> jobs.addAll(managementService.createJobQuery().processInstanceId(id).list()));
    for (String prefix : deliveryKeyPrefixes) {
      runtimeService.createProcessInstanceQuery().processDefinitionKey(OutboundDelivery.PROCESS_KEY)
          .processInstanceBusinessKeyLike(prefix + "%").list()
          .forEach(p -> jobs.addAll(managementService.createJobQuery().processInstanceId(p.getId()).list()));
    }
    return jobs;
  }

  /** Template names of the notifications this incident sent, in order. */
  List<String> notificationsSent(ProcessInstance instance) {
    return historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableName(IncidentVariable.NOTIFICATION.id()).list().stream()
        .sorted(Comparator.comparing(v -> v.getCreateTime()))
        .map(v -> NotificationRecord.decode(String.valueOf(v.getValue())).orElseThrow().template())
        .toList();
  }

  /** The deliveries recorded for business keys starting with {@code prefix}. */
  List<DeliveryRecord> deliveries(String prefix) {
    List<DeliveryRecord> records = new ArrayList<>();
    historyService.createHistoricProcessInstanceQuery().processDefinitionKey(OutboundDelivery.PROCESS_KEY)
        .processInstanceBusinessKeyLike(prefix + "%").list().forEach(p ->
            historyService.createHistoricVariableInstanceQuery().processInstanceId(p.getId())
                .variableName(OutboundDelivery.DELIVERY).list()
                .forEach(v -> records.add(DeliveryRecord.decode(String.valueOf(v.getValue())).orElseThrow())));
    return records;
  }
}
