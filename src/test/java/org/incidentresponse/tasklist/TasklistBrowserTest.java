package org.incidentresponse.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.incidentresponse.AppTest;
import org.incidentresponse.TestMailServer;
import org.incidentresponse.browser.BrowserScripts;
import org.incidentresponse.IncidentStartJobs;
import org.incidentresponse.followup.FollowUps;
import org.incidentresponse.followup.FollowUps.FollowUpItem;
import org.incidentresponse.sop.ActionItem;
import org.incidentresponse.sop.Sop;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Tasklist in a real browser: {@code src/test/browser/tasklist.mjs} drives Debian's headless
 * Chromium through one incident, each step as the demo user whose role it is, and asserts on what
 * the page shows. This test starts the app, answers the script's {@code @@sync} requests by running
 * the engine's due jobs (the {@code test} profile has no job executor; the stakeholder-update timer
 * is fired on request, as if its time had come) and checks the mail that went out.
 *
 * <p>Skipped, with the reason, when {@code node} or {@code /usr/bin/chromium} is missing.
 * {@code -Dscreenshots=true} also refreshes the PNGs in {@code docs/screenshots/}.
 */
@AppTest
class TasklistBrowserTest {

  private static final Duration TIMEOUT = Duration.ofMinutes(4);
  private static final Pattern SYNC = Pattern.compile("^@@sync (\\S+)\\s*(.*)$");

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired ManagementService managementService;
  @Autowired RuntimeService runtimeService;
  @Autowired org.camunda.bpm.engine.HistoryService historyService;
  @Autowired FollowUps followUps;

  @Test
  void everyRoleDoesItsPartInTasklist() throws Exception {
    BrowserScripts.require();
    // The walk, and the screenshots it refreshes for docs/, show Tasklist with this one incident: the
    // incidents that other tests left open in the shared engine are deleted first (their history stays).
    runtimeService.createProcessInstanceQuery().list()
        .forEach(other -> runtimeService.deleteProcessInstance(other.getId(), "a clean Tasklist for the browser test"));

    List<String> command = List.of("node", "tasklist.mjs", "http://localhost:" + port);
    ProcessBuilder builder = new ProcessBuilder(command).directory(BrowserScripts.DIR.toFile()).redirectErrorStream(true);
    if (Boolean.getBoolean("screenshots")) {
      // a fresh set of the walk's numbered screens, so that screens it no longer shows do not linger;
      // the other PNGs there come from other tests (status page, SOP versions)
      Path screenshots = Path.of("docs/screenshots");
      Files.createDirectories(screenshots);
      try (var old = Files.newDirectoryStream(screenshots, "[0-9]*.png")) {
        for (Path png : old) {
          Files.delete(png);
        }
      }
      builder.environment().put("SCREENSHOTS_DIR", screenshots.toAbsolutePath().toString());
    }
    Process node = builder.start();
    List<String> output = new ArrayList<>();
    Thread watchdog = new Thread(() -> {
      try {
        if (!node.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          node.destroyForcibly();
        }
      } catch (InterruptedException e) {
        node.destroyForcibly();
      }
    });
    watchdog.setDaemon(true);
    watchdog.start();

    String incident = null;
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        Writer answers = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8)) {
      String line;
      while ((line = lines.readLine()) != null) {
        System.out.println("[tasklist.mjs] " + line);
        output.add(line);
        Matcher sync = SYNC.matcher(line);
        if (sync.matches()) {
          String answer;
          try {
            if ("reported".equals(sync.group(1))) {
              continueReported(sync.group(2));
            } else {
              incident = sync.group(1);
              runDueJobs(incident, sync.group(2).contains("update-timer"));
            }
            answer = "ok";
          } catch (RuntimeException | AssertionError e) {
            answer = "failed " + e;
          }
          answers.write(answer + "\n");
          answers.flush();
        }
      }
    }
    int exit = node.waitFor();
    assertThat(exit).as("tasklist.mjs exit code; its output:%n%s", String.join("\n", output)).isZero();
    assertThat(output).contains("@@done");

    // The status note that comms posted in Tasklist went out in the next stakeholder update.
    List<String> updates = new ArrayList<>();
    for (MimeMessage message : TestMailServer.messagesTo("comms@example.org")) {
      String mail = message.getSubject() + "\n" + body(message);
      if (mail.contains(incident)) {
        updates.add(mail);
      }
    }
    assertThat(updates).as("mail to comms@example.org about %s", incident)
        .anySatisfy(mail -> assertThat(mail).contains("We have rolled back and are watching recovery"));
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(Sop.PROCESS_KEY)
        .processInstanceBusinessKey(incident).count())
        .as("%s is closed", incident).isZero();

    // The review form's two filled rows became the Json list actionItems (the third, empty row dropped),
    // each a follow-up: the first closed by its owner with evidence in Tasklist, the second still open.
    String instanceId = historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(incident)
        .processDefinitionKey(Sop.PROCESS_KEY).singleResult().getId();
    HistoricVariableInstance actionItems = historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(instanceId).variableName("actionItems").disableCustomObjectDeserialization().singleResult();
    assertThat(actionItems.getTypeName()).isEqualTo("json");
    List<ActionItem> items = ActionItem.listOf(((SerializableValue) actionItems.getTypedValue()).getValueSerialized());
    LocalDate due = LocalDate.now().plusDays(14);
    assertThat(items).extracting(ActionItem::title, ActionItem::type, ActionItem::owner, ActionItem::ticketUrl)
        .containsExactly(tuple("Certificate expiry alert", "detect", "responder", "https://tickets.example.org/OPS-7"),
            tuple("Renew certificates automatically", "prevent", "commander", null));
    assertThat(items).allSatisfy(item -> assertThat(LocalDate.parse(item.dueDate()))
        .as("the date picked, %s", due).isBetween(due.minusDays(1), due.plusDays(1)));
    assertThat(followUps.items(incident)).extracting(FollowUpItem::index, FollowUpItem::status, FollowUpItem::evidenceUrl)
        .containsExactly(tuple(1, FollowUps.DONE, "https://git.example.org/ops/alerts/merge_requests/7"),
            tuple(2, FollowUps.OPEN, null));
  }

  /**
   * What the job executor does a moment after the start form: the job after Task_LogIncident of the
   * incident reported with that title.
   */
  private void continueReported(String title) {
    List<ProcessInstance> reported = runtimeService.createProcessInstanceQuery().processDefinitionKey("incident-response")
        .variableValueEquals("title", title).list();
    assertThat(reported).as("incidents reported as %s", title).hasSize(1);
    IncidentStartJobs.continueAfterLog(engine, reported.get(0).getId());
  }

  /**
   * What the job executor and the passing of time would do: fire the stakeholder-update timer when
   * asked, then run every due job of the incident (notifications) until none is left.
   */
  private void runDueJobs(String incident, boolean updateTimer) {
    // The incident itself: its follow-ups carry the same business key.
    ProcessInstance instance = runtimeService.createProcessInstanceQuery().processDefinitionKey(Sop.PROCESS_KEY)
        .processInstanceBusinessKey(incident).singleResult();
    if (instance == null) {
      return;
    }
    if (updateTimer) {
      List<Job> timers = managementService.createJobQuery().processInstanceId(instance.getId())
          .activityId("Timer_StakeholderUpdateDue").list();
      assertThat(timers).as("the stakeholder-update timer of %s", incident).hasSize(1);
      managementService.executeJob(timers.get(0).getId());
    }
    for (int round = 0; round < 20; round++) {
      List<Job> due = managementService.createJobQuery().processInstanceId(instance.getId()).executable().messages().list();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> managementService.executeJob(job.getId()));
    }
    // Answered to the script as "failed ...": it stops there, and the test fails with its output.
    throw new IllegalStateException("the jobs of " + incident + " still create jobs after 20 rounds");
  }

  private static String body(MimeMessage message) {
    try {
      Object content = message.getContent();
      if (content instanceof String text) {
        return text;
      }
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      message.writeTo(out);
      return out.toString(StandardCharsets.UTF_8);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
