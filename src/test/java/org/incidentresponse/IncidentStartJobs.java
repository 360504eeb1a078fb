package org.incidentresponse;

import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.incidentresponse.sop.SopActivity;

/**
 * The one way tests get past Task_LogIncident. That step is asynchronous after: the intake's 2xx
 * and Tasklist's report form commit only the logged incident, and the rest of the start (severity
 * decisions, routing, the triage task, the page) continues in a job.
 *
 * <p>Tests run without a job executor (the {@code test} profile): where the job executor would run
 * that job a moment after the 2xx, they run it here. Only the post-log job is run: the jobs it creates
 * (the page, timers) are left to the test, as before.
 */
public final class IncidentStartJobs {

  /** Where the logged incident waits for the job executor. */
  public static final String LOG_INCIDENT = SopActivity.Task_LogIncident.name();

  private IncidentStartJobs() {}

  /** The pending post-log job of this incident (process instance id), if it has not run yet. */
  public static List<Job> pending(ManagementService managementService, String processInstanceId) {
    return managementService.createJobQuery().processInstanceId(processInstanceId).activityId(LOG_INCIDENT).list();
  }

  /**
   * Runs the post-log job of this incident, as the job executor would a moment after the 2xx, so that
   * its triage task exists. Fails when there is no such job (the incident already went past it).
   */
  public static void continueAfterLog(ProcessEngine engine, String processInstanceId) {
    List<Job> jobs = pending(engine.getManagementService(), processInstanceId);
    if (jobs.size() != 1) {
      throw new AssertionError("expected the one job after " + LOG_INCIDENT + " of " + processInstanceId + ", found " + jobs);
    }
    engine.getManagementService().executeJob(jobs.get(0).getId());
  }

  /** {@link #continueAfterLog} for an incident known by its number (business key); returns it. */
  public static ProcessInstance continueIncident(ProcessEngine engine, String incidentNumber) {
    ProcessInstance instance = byNumber(engine, incidentNumber);
    continueAfterLog(engine, instance.getId());
    return instance;
  }

  private static ProcessInstance byNumber(ProcessEngine engine, String incidentNumber) {
    ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(incidentNumber).singleResult();
    if (instance == null) {
      throw new AssertionError("no open incident " + incidentNumber);
    }
    return instance;
  }
}
