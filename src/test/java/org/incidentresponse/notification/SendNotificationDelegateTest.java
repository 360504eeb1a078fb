package org.incidentresponse.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.incidentresponse.notification.TestUsers.COMMANDER;
import static org.incidentresponse.notification.TestUsers.COMMS;
import static org.incidentresponse.notification.TestUsers.LEAD;
import static org.incidentresponse.notification.TestUsers.OWNER;
import static org.incidentresponse.notification.TestUsers.RESPONDER;
import static org.incidentresponse.notification.TestUsers.SECOND_COMMANDER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.NotificationRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The delegate in a plain in-memory engine with a tiny test process, sending to GreenMail:
 * what each recipient receives, and what the incident's history records.
 */
@ExtendWith(OutputCaptureExtension.class)
@Deployment(resources = {"notification/notification-test.bpmn", "notification/notification-sync-test.bpmn"})
class SendNotificationDelegateTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("notification.camunda.cfg.xml").build();

  @RegisterExtension
  static GreenMailExtension greenMail =
      new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

  /** Not at example.org, so that a customer's message can be searched for internal addresses. */
  private static final String FROM = "incident-response@notifications.test";
  private static final String ALICE = "alice@customer.test";
  private static final String BOB = "bob@customer.test";
  private static final List<String> INTERNAL = List.of(RESPONDER, COMMANDER, SECOND_COMMANDER, COMMS, OWNER, LEAD);
  private static final Date NOW = Date.from(Instant.parse("2026-11-29T20:40:00Z"));

  private final ObjectMapper json = new ObjectMapper();
  /** What the delegate published for the metrics. */
  private final List<Object> events = new CopyOnWriteArrayList<>();
  private final NotificationProperties properties = ApplicationYaml.notificationProperties();

  private RuntimeService runtimeService;
  private TaskService taskService;
  private ManagementService managementService;
  private HistoryService historyService;
  private IdentityService identityService;
  private AuthorizationService authorizationService;

  @BeforeEach
  void setUp() {
    runtimeService = engine.getRuntimeService();
    taskService = engine.getTaskService();
    managementService = engine.getManagementService();
    historyService = engine.getHistoryService();
    identityService = engine.getIdentityService();
    authorizationService = engine.getAuthorizationService();
    TestUsers.create(identityService);
    ClockUtil.setCurrentTime(NOW);
    useChannel(new SmtpNotificationChannel(mailServer(greenMail.getSmtp().getPort()), FROM));
  }

  @AfterEach
  void tearDown() {
    identityService.clearAuthentication();
    authorizationService.createAuthorizationQuery().userIdIn("bob").list()
        .forEach(authorization -> authorizationService.deleteAuthorization(authorization.getId()));
    TestUsers.delete(identityService);
    Mocks.reset();
    ClockUtil.reset();
  }

  @Test
  void sev1ReachesEveryMemberOfTheSev1GroupsOnce(CapturedOutput output) {
    notify("initial", IncidentVariables.sev1());

    // One copy per mailbox: the member of two groups (with a capitalised address) is not sent twice.
    assertThat(greenMail.getReceivedMessages()).hasSize(INTERNAL.size());
    for (String address : INTERNAL) {
      List<ReceivedMail> mails = mailFor(address);
      assertThat(mails).as(address).hasSize(1);
      ReceivedMail mail = mails.get(0);
      assertThat(mail.to()).containsExactlyInAnyOrderElementsOf(INTERNAL);
      assertThat(mail.subject()).isEqualTo("[SEV1] INC-2026-0042 New incident: Checkout fails for " + IncidentVariables.HOSTILE);
      assertThat(mail.text()).contains("Next update: 2026-11-29 21:00 UTC.", "Payments time out. " + IncidentVariables.HOSTILE);
      assertThat(mail.html()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
    }
    assertThat(output).contains("User 'nomail' has no e-mail address; skipped");
  }

  @Test
  void sev3ReachesOnlyTheSev3Groups() {
    notify("initial", IncidentVariables.sev3());

    assertThat(mailFor(RESPONDER)).singleElement()
        .satisfies(mail -> assertThat(mail.to()).containsExactlyInAnyOrder(RESPONDER, LEAD))
        .satisfies(mail -> assertThat(mail.subject()).startsWith("[SEV3] INC-2026-0042 New incident:"));
    assertThat(mailFor(LEAD)).hasSize(1);
    assertThat(greenMail.getReceivedMessages()).hasSize(2);
    Stream.of(COMMANDER, SECOND_COMMANDER, COMMS, OWNER).forEach(address -> assertThat(mailFor(address)).as(address).isEmpty());
  }

  @Test
  void customersEachGetTheirOwnCustomerFacingMessage() {
    notify("initial", IncidentVariables.withCustomers(IncidentVariables.sev1(), ALICE + ", " + BOB));

    for (String customer : List.of(ALICE, BOB)) {
      ReceivedMail mail = mailFor(customer).get(0);
      assertThat(mailFor(customer)).as(customer).hasSize(1);
      assertThat(mail.to()).containsExactly(customer);
      assertThat(mail.cc()).isEmpty();
      assertThat(mail.subject()).isEqualTo("INC-2026-0042 We are investigating an issue affecting checkout");
      assertThat(mail.text()).contains("We are aware of an issue affecting checkout", "Next update: 2026-11-29 21:00 UTC.");
      // Nothing internal anywhere in the message: no colleague's or other customer's address, no links, no details.
      String other = customer.equals(ALICE) ? BOB : ALICE;
      assertThat(mail.raw().toLowerCase()).doesNotContain("@example.org", other, "tasklist", "runbooks.", "payments time out");
    }
    ReceivedMail internal = mailFor(RESPONDER).get(0);
    assertThat(internal.to()).doesNotContain(ALICE, BOB);
    assertThat(internal.text()).contains("Runbook:   https://runbooks.example.org/checkout");
    assertThat(greenMail.getReceivedMessages()).hasSize(INTERNAL.size() + 2);
  }

  @Test
  void externalContactsHearNothingWithoutCustomerImpact() {
    Map<String, Object> variables = IncidentVariables.sev1();
    variables.put("externalContacts", ALICE);
    variables.put("customerImpact", false);

    notify("initial", variables);

    assertThat(mailFor(ALICE)).isEmpty();
    assertThat(greenMail.getReceivedMessages()).hasSize(INTERNAL.size());
  }

  @Test
  void withoutANextUpdateStakeholdersReadThereAreNoFurtherScheduledUpdates() {
    notify("initial", IncidentVariables.withCustomers(IncidentVariables.sev4(), ALICE));

    assertThat(mailFor(RESPONDER).get(0).text())
        .contains("There are no further scheduled updates.").doesNotContain("Next update");
    assertThat(mailFor(ALICE).get(0).text())
        .contains("There are no further scheduled updates.").doesNotContain("Next update");
  }

  @Test
  void theIncidentHistoryRecordsEveryNotification() throws IOException {
    ProcessInstance incident = notify("initial", IncidentVariables.withCustomers(IncidentVariables.sev3(), ALICE));

    NotificationRecord record = record(notificationRecords(incident).get(0));
    assertThat(record.template()).isEqualTo("initial");
    assertThat(record.subject()).startsWith("[SEV3] INC-2026-0042 New incident:");
    assertThat(record.recipients()).containsExactlyInAnyOrder(RESPONDER, LEAD, ALICE);
    assertThat(record.externalRecipients()).containsExactly(ALICE);
    assertThat(record.channel()).isEqualTo("smtp");
    assertThat(record.sentAt()).isEqualTo(Instant.parse("2026-11-29T20:40:00Z"));
    assertThat(events).filteredOn(e -> !(e instanceof NotificationIssued)).containsExactly(new NotificationSent("initial"));
    // The chat channels and webhooks hear of it in the same step, with the incident as the mail saw it.
    assertThat(events).filteredOn(NotificationIssued.class::isInstance).singleElement().satisfies(e -> {
      NotificationIssued issued = (NotificationIssued) e;
      assertThat(issued.template()).isEqualTo("initial");
      assertThat(issued.processInstanceId()).isEqualTo(incident.getId());
      assertThat(issued.variables()).containsEntry("incidentNumber", "INC-2026-0042");
      assertThat(issued.issuedAt()).isEqualTo(record.sentAt());
    });
    // Local to the notifying activity, so each notification stays a separate entry in the history.
    assertThat(notificationRecords(incident).get(0).getActivityInstanceId()).isNotEqualTo(incident.getId());
    assertThat(runtimeService.getVariable(incident.getId(), IncidentVariable.NOTIFICATION.id())).isNull();
    assertThat(json.readTree((String) runtimeService.getVariable(incident.getId(), IncidentVariable.NOTIFIED_RECIPIENTS.id())))
        .extracting(JsonNode::asText).containsExactlyInAnyOrder(RESPONDER, LEAD, ALICE);
  }

  @Test
  void theClosingNoticeReachesEveryoneNotifiedDuringTheIncident() throws Exception {
    // Notified as SEV1 with customer impact; downgraded to SEV3 without customer impact before closing.
    ProcessInstance incident = notify("initial", IncidentVariables.withCustomers(IncidentVariables.sev1(), ALICE));
    greenMail.purgeEmailFromAllMailboxes();
    taskService.complete(taskService.createTaskQuery().processInstanceId(incident.getId()).singleResult().getId(),
        Map.of("nextTemplate", "closed", "notifyGroups", IncidentVariables.SEV3_GROUPS, "customerImpact", false,
            "severity", "SEV3"));
    runJob(incident);

    for (String address : INTERNAL) {
      assertThat(mailFor(address)).as(address).singleElement()
          .satisfies(mail -> assertThat(mail.subject()).startsWith("[SEV3] INC-2026-0042 Closed:"))
          .satisfies(mail -> assertThat(mail.text()).contains("There are no further scheduled updates."));
    }
    ReceivedMail customer = mailFor(ALICE).get(0);
    assertThat(customer.to()).containsExactly(ALICE);
    assertThat(customer.subject()).isEqualTo("INC-2026-0042 Closed: the issue affecting checkout");
    assertThat(customer.raw()).doesNotContain("@example.org");
    assertThat(notificationRecords(incident)).hasSize(2);
  }

  @Test
  void whenTheMailServerIsDownTheJobFailsAndNothingIsRecorded() throws IOException {
    useChannel(new SmtpNotificationChannel(mailServer(closedPort()), FROM));
    ProcessInstance incident = start("initial", IncidentVariables.sev3());
    Job job = managementService.createJobQuery().processInstanceId(incident.getId()).singleResult();

    assertThatThrownBy(() -> managementService.executeJob(job.getId()))
        .isInstanceOf(NotificationDeliveryException.class)
        .hasMessageContaining("Sending notification 'initial' to 2 recipient(s) by SMTP failed");

    Job failed = managementService.createJobQuery().jobId(job.getId()).singleResult();
    assertThat(failed.getRetries()).isEqualTo(job.getRetries() - 1);
    assertThat(failed.getExceptionMessage()).contains("by SMTP failed");
    assertThat(notificationRecords(incident)).isEmpty();
    assertThat(runtimeService.getVariable(incident.getId(), IncidentVariable.NOTIFIED_RECIPIENTS.id())).isNull();
    assertThat(events).as("counted as failed, not as sent").containsExactly(new NotificationFailed("initial"));
  }

  @Test
  void withoutAMailServerNotificationsAreLoggedAndRecordedWithChannelLog(CapturedOutput output) throws IOException {
    useChannel(new LogNotificationChannel());

    ProcessInstance incident = notify("initial", IncidentVariables.sev3());

    assertThat(greenMail.getReceivedMessages()).isEmpty();
    NotificationRecord record = record(notificationRecords(incident).get(0));
    assertThat(record.channel()).isEqualTo("log");
    assertThat(record.recipients()).containsExactlyInAnyOrder(RESPONDER, LEAD);
    assertThat(output).contains("Notification 'initial' (not sent: mail is not configured)",
        "To: " + LEAD + ", " + RESPONDER, "Subject: [SEV3] INC-2026-0042 New incident: Checkout fails for",
        "Next update: 2026-11-29 21:00 UTC.");
  }

  @Test
  void aLargeAudienceIsRecordedInFullBeyondTheStringColumnLimit() throws IOException {
    useChannel(new LogNotificationChannel());
    List<String> everyone = IntStream.range(0, 150).mapToObj(i -> "responder" + i + "@example.org").toList();
    for (int i = 0; i < everyone.size(); i++) {
      TestUsers.user(identityService, "responder" + i, everyone.get(i), "responders");
    }

    ProcessInstance incident = notify("initial", IncidentVariables.sev3());

    HistoricVariableInstance record = notificationRecords(incident).get(0);
    assertThat(record.getTypeName()).isEqualTo("json");
    assertThat(record(record).recipients()).containsAll(everyone).contains(RESPONDER, LEAD).hasSize(152);
    assertThat(NotifiedRecipients.read(runtimeService.getVariable(incident.getId(), IncidentVariable.NOTIFIED_RECIPIENTS.id())))
        .hasSize(152);
  }

  @Test
  void aTaskUserWhoMayNotReadOtherUsersStillNotifiesEveryone() {
    TestUsers.user(identityService, "bob", "bob@example.org");
    grant(Resources.PROCESS_DEFINITION, "notification-sync-test", Permissions.CREATE_INSTANCE);
    grant(Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
    identityService.setAuthenticatedUserId("bob");
    Map<String, Object> variables = IncidentVariables.sev3();
    variables.put("nextTemplate", "initial");

    runtimeService.startProcessInstanceByKey("notification-sync-test", "INC-2026-0042", variables);

    identityService.clearAuthentication();
    assertThat(mailFor(RESPONDER)).singleElement()
        .satisfies(mail -> assertThat(mail.to()).containsExactlyInAnyOrder(RESPONDER, LEAD));
  }

  @Test
  void aMissingTemplateParameterFailsNamingTheActivity() {
    ProcessInstance incident = start("", IncidentVariables.sev3());
    Job job = managementService.createJobQuery().processInstanceId(incident.getId()).singleResult();

    assertThatThrownBy(() -> managementService.executeJob(job.getId()))
        .hasMessageContaining("Activity 'Task_Notify' uses sendNotification without the input parameter 'template'");
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  private ProcessInstance notify(String template, Map<String, Object> variables) {
    ProcessInstance incident = start(template, variables);
    runJob(incident);
    return incident;
  }

  private ProcessInstance start(String template, Map<String, Object> variables) {
    variables.put("nextTemplate", template);
    return runtimeService.startProcessInstanceByKey("notification-test", "INC-2026-0042", variables);
  }

  private void runJob(ProcessInstance incident) {
    managementService.executeJob(
        managementService.createJobQuery().processInstanceId(incident.getId()).singleResult().getId());
  }

  private static NotificationRecord record(HistoricVariableInstance variable) {
    return NotificationRecord.decode(String.valueOf(variable.getValue()))
        .orElseThrow(() -> new AssertionError("not a notification record: " + variable.getValue()));
  }

  private List<HistoricVariableInstance> notificationRecords(ProcessInstance incident) {
    return historyService.createHistoricVariableInstanceQuery().processInstanceId(incident.getId())
        .variableName(IncidentVariable.NOTIFICATION.id()).list();
  }

  /** The messages in the address's own mailbox, i.e. what was delivered to it. */
  private static List<ReceivedMail> mailFor(String address) {
    GreenMailUser user = greenMail.getUserManager().getUserByEmail(address);
    if (user == null) {
      return List.of();
    }
    try {
      return greenMail.getManagers().getImapHostManager().getInbox(user).getMessages().stream()
          .map(StoredMessage::getMimeMessage).map(ReceivedMail::of).toList();
    } catch (FolderException e) {
      throw new IllegalStateException(e);
    }
  }

  private void useChannel(NotificationChannel channel) {
    Mocks.register("sendNotification", new SendNotificationDelegate(properties,
        new RecipientResolver(new UserDirectory(identityService)), new NotificationRenderer(properties), channel,
        events::add));
  }

  private void grant(Resources resource, String resourceId, Permissions permission) {
    Authorization authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    authorization.setUserId("bob");
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    authorization.addPermission(permission);
    authorizationService.saveAuthorization(authorization);
  }

  private static JavaMailSenderImpl mailServer(int port) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(port);
    sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
    sender.getJavaMailProperties().put("mail.smtp.timeout", "2000");
    return sender;
  }

  /** A port nothing listens on: connecting is refused at once. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
