package org.incidentresponse.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.incidentresponse.ProductionTest;
import org.incidentresponse.IncidentStartJobs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Camunda's copy of a single sign-on user at each login, on the app's database: name, e-mail and
 * groups kept as the provider has them; tasks of a lost group going back to it with the user
 * operation log saying why; concurrent first logins of one user.
 */
@ProductionTest
@Tag("postgres")
class SsoUserSyncTest {

  @Autowired SsoUserSync sync;
  @Autowired IdentityService identityService;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;

  @Test
  void nameEmailAndGroupsFollowTheProvider() {
    sync.sync(new SsoUserSync.ProviderUser("dana", "Dana", "Old", "dana@old.example", Set.of("responders")));
    Set<String> lost = sync.sync(new SsoUserSync.ProviderUser("dana", "Dana", "New", "dana@example.org",
        Set.of("incident-commanders")));

    assertThat(lost).containsExactly("responders");
    assertThat(identityService.createUserQuery().userId("dana").singleResult().getLastName()).isEqualTo("New");
    assertThat(identityService.createUserQuery().userId("dana").singleResult().getEmail()).isEqualTo("dana@example.org");
    assertThat(groupsOf("dana")).containsExactly("incident-commanders");
  }

  @Test
  void membershipsOfGroupsOutsideTheAppAreLeftAlone() {
    if (identityService.createGroupQuery().groupId("book-club").count() == 0) {
      identityService.saveGroup(identityService.newGroup("book-club"));
    }
    sync.sync(new SsoUserSync.ProviderUser("ellis", null, null, null, Set.of("responders")));
    identityService.createMembership("ellis", "book-club");

    sync.sync(new SsoUserSync.ProviderUser("ellis", null, null, null, Set.of()));

    assertThat(groupsOf("ellis")).containsExactly("book-club");
  }

  @Test
  void aLostGroupsTasksGoBackUnassignedAndTheOperationLogSaysWhy() {
    ProcessInstance incident = startIncident();
    try {
      sync.sync(new SsoUserSync.ProviderUser("frankie", null, null, null, Set.of("responders", "auditors")));
      Task triage = taskService.createTaskQuery().processInstanceId(incident.getId())
          .taskDefinitionKey("Task_TriageIncident").singleResult();
      taskService.claim(triage.getId(), "frankie");

      sync.sync(new SsoUserSync.ProviderUser("frankie", null, null, null, Set.of("auditors")));

      Task after = taskService.createTaskQuery().taskId(triage.getId()).singleResult();
      assertThat(after.getAssignee()).isNull();
      assertThat(taskService.createTaskQuery().taskCandidateGroup("responders").taskId(triage.getId()).count())
          .as("still the responders' task").isEqualTo(1);
      List<UserOperationLogEntry> log = historyService.createUserOperationLogQuery().taskId(triage.getId())
          .operationType(UserOperationLogEntry.OPERATION_TYPE_ASSIGN).list();
      assertThat(log).isNotEmpty().allSatisfy(entry -> {
        assertThat(entry.getUserId()).isEqualTo(SsoUserSync.ACTOR);
        assertThat(entry.getAnnotation()).contains("frankie").contains("responders").contains("identity provider");
      });
      assertThat(log).anySatisfy(entry -> {
        assertThat(entry.getProperty()).isEqualTo("assignee");
        assertThat(entry.getOrgValue()).isEqualTo("frankie");
        assertThat(entry.getNewValue()).isNull();
      });
    } finally {
      runtimeService.deleteProcessInstance(incident.getId(), "test");
    }
  }

  @Test
  void aTaskTheUserMayStillWorkStaysAssigned() {
    ProcessInstance incident = startIncident();
    try {
      sync.sync(new SsoUserSync.ProviderUser("gale", null, null, null, Set.of("responders", "auditors")));
      Task triage = taskService.createTaskQuery().processInstanceId(incident.getId())
          .taskDefinitionKey("Task_TriageIncident").singleResult();
      taskService.claim(triage.getId(), "gale");

      Set<String> lost = sync.sync(new SsoUserSync.ProviderUser("gale", null, null, null, Set.of("responders")));

      assertThat(lost).containsExactly("auditors");
      assertThat(taskService.createTaskQuery().taskId(triage.getId()).singleResult().getAssignee()).isEqualTo("gale");
    } finally {
      runtimeService.deleteProcessInstance(incident.getId(), "test");
    }
  }

  @Test
  void concurrentFirstLoginsOfOneUserAllSucceed() throws Exception {
    int logins = 6;
    ExecutorService pool = Executors.newFixedThreadPool(logins);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Set<String>>> results = new ArrayList<>();
      for (int i = 0; i < logins; i++) {
        Callable<Set<String>> login = () -> {
          start.await();
          return sync.sync(new SsoUserSync.ProviderUser("harper", "Harper", "Lee", "harper@example.org",
              Set.of("responders", "communications")));
        };
        results.add(pool.submit(login));
      }
      start.countDown();
      for (Future<Set<String>> result : results) {
        assertThat(result.get(60, TimeUnit.SECONDS)).isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(identityService.createUserQuery().userId("harper").count()).isEqualTo(1);
    assertThat(groupsOf("harper")).containsExactlyInAnyOrder("responders", "communications");
  }

  @Test
  void aDuplicateKeyOrLostLockIsAConcurrentChangeAndNothingElseIs() {
    assertThat(SsoUserSync.concurrentChange(new org.camunda.bpm.engine.ProcessEngineException("x",
        new java.sql.SQLException("duplicate key", "23505")))).isTrue();
    assertThat(SsoUserSync.concurrentChange(new org.camunda.bpm.engine.OptimisticLockingException("x"))).isTrue();
    assertThat(SsoUserSync.concurrentChange(new org.camunda.bpm.engine.ProcessEngineException("x",
        new java.sql.SQLException("value too long", "22001")))).isFalse();
  }

  private ProcessInstance startIncident() {
    ProcessInstance incident = runtimeService.startProcessInstanceByKey("incident-response", Map.of("title", "Checkout API down",
        "description", "502", "service", "checkout-api", "impact", "high", "urgency", "high", "customerImpact", false));
    IncidentStartJobs.continueAfterLog(engine, incident.getId()); // the triage task comes from the job after Log incident
    return incident;
  }

  private List<String> groupsOf(String userId) {
    return identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
  }
}
