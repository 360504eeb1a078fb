package org.incidentresponse.acknowledgement;

import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.incidentresponse.sop.ClasspathDeployment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The process {@code acknowledgement/sop-acknowledgement.bpmn} (with its form {@code read-sop}): its
 * contract (key, steps, variables) and its deployment under a stable name, so an unchanged diagram
 * never makes a new version. One instance per person and SOP version, business key
 * {@code <version>/<user>}.
 */
@Component
public class SopAcknowledgement implements SmartInitializingSingleton {

  public static final String PROCESS_KEY = "sop-acknowledgement";
  public static final String DEPLOYMENT_NAME = "sop-acknowledgement";
  public static final String TASK_READ_SOP = "Task_ReadSop";
  public static final String TASK_REMIND = "Task_RemindToAcknowledge";

  public static final String USER_ID = "userId";
  public static final String SOP_VERSION = "sopVersion";
  /** "Read the SOP, version N": the task's name, set when it is created (BPMN names are not expressions). */
  public static final String TASK_NAME = "taskName";
  public static final String DEPLOYED_AT = "deployedAt";
  public static final String DEPLOYED_BY = "deployedBy";
  public static final String CHANGE_NOTE = "changeNote";
  /** What changed since the previous version, in words (Markdown, from the SOP versions diff). */
  public static final String CHANGES = "changes";
  public static final String QUESTION_INDEX = "questionIndex";
  public static final String QUESTION = "question";
  /** The question's options, a JSON list of {value, label}: the form's valuesKey. */
  public static final String OPTIONS = "options";
  public static final String ANSWER = "answer";
  /** After a wrong answer: the step to read again; empty otherwise. */
  public static final String HINT = "hint";
  public static final String ACKNOWLEDGED = "acknowledged";

  private static final Logger log = LoggerFactory.getLogger(SopAcknowledgement.class);

  private final RepositoryService repositoryService;

  public SopAcknowledgement(RepositoryService repositoryService) {
    this.repositoryService = repositoryService;
  }

  public static String businessKey(int version, String userId) {
    return version + "/" + userId;
  }

  @Override
  public void afterSingletonsInstantiated() {
    Deployment deployment = ClasspathDeployment.deploy(repositoryService, DEPLOYMENT_NAME, PROCESS_KEY,
        List.of("acknowledgement/sop-acknowledgement.bpmn", "acknowledgement/read-sop.form"));
    log.info("SOP acknowledgement deployment {}", deployment.getId());
  }
}
