package org.incidentresponse.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentresponse.notification.TestUsers.COMMANDER;
import static org.incidentresponse.notification.TestUsers.COMMS;
import static org.incidentresponse.notification.TestUsers.LEAD;
import static org.incidentresponse.notification.TestUsers.OWNER;
import static org.incidentresponse.notification.TestUsers.RESPONDER;
import static org.incidentresponse.notification.TestUsers.SECOND_COMMANDER;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.incidentresponse.sop.IncidentVariable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Who each audience reaches, against real Camunda users and groups. */
@ExtendWith(OutputCaptureExtension.class)
class RecipientResolverTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("notification.camunda.cfg.xml").build();

  private IdentityService identityService;
  private RecipientResolver resolver;

  @BeforeEach
  void setUp() {
    identityService = engine.getIdentityService();
    TestUsers.create(identityService);
    resolver = new RecipientResolver(new UserDirectory(identityService));
  }

  @AfterEach
  void tearDown() {
    TestUsers.delete(identityService);
  }

  @Test
  void stakeholdersAreTheMembersOfTheNotifyGroupsOnceEachSorted(CapturedOutput output) {
    Recipients recipients = resolver.resolve(Audience.STAKEHOLDERS, IncidentVariables.sev1());

    assertThat(recipients.internal()).containsExactly(SECOND_COMMANDER, COMMANDER, COMMS, LEAD, OWNER, RESPONDER);
    assertThat(recipients.external()).isEmpty();
    assertThat(output).contains("User 'nomail' has no e-mail address; skipped");
  }

  @Test
  void externalContactsJoinOnlyWithCustomerImpactAndNeverDuplicateAnInternalAddress(CapturedOutput output) {
    Map<String, Object> variables = IncidentVariables.withCustomers(IncidentVariables.sev3(),
        "alice@customer.test; not-an-address, RESPONDER@example.org\nbob@customer.test, alice@customer.test");

    Recipients recipients = resolver.resolve(Audience.STAKEHOLDERS, variables);

    assertThat(recipients.internal()).containsExactly(LEAD, RESPONDER);
    assertThat(recipients.external()).containsExactly("alice@customer.test", "bob@customer.test");
    assertThat(output).contains("Skipping 'not-an-address': not a valid e-mail address");

    variables.put("customerImpact", false);
    assertThat(resolver.resolve(Audience.STAKEHOLDERS, variables).external()).isEmpty();
  }

  @Test
  void incidentCommandersAreTheGroup() {
    assertThat(resolver.resolve(Audience.INCIDENT_COMMANDERS, IncidentVariables.sev1()).all())
        .containsExactly(SECOND_COMMANDER, COMMANDER);
  }

  @Test
  void theIncidentCommanderIsTheAssignedUserOrElseTheGroup(CapturedOutput output) {
    Map<String, Object> variables = IncidentVariables.sev1();
    assertThat(resolver.resolve(Audience.INCIDENT_COMMANDER, variables).all()).containsExactly(COMMANDER);

    variables.remove("incidentCommander");
    assertThat(resolver.resolve(Audience.INCIDENT_COMMANDER, variables).all())
        .containsExactly(SECOND_COMMANDER, COMMANDER);

    variables.put("incidentCommander", "nomail");
    assertThat(resolver.resolve(Audience.INCIDENT_COMMANDER, variables).all())
        .containsExactly(SECOND_COMMANDER, COMMANDER);
    assertThat(output).contains("Incident commander 'nomail' cannot be reached by e-mail; notifying group incident-commanders instead");
  }

  @Test
  void everyoneNotifiedAddsEarlierRecipientsKeepingCustomersExternal() {
    Map<String, Object> variables = IncidentVariables.sev3();
    variables.put(IncidentVariable.NOTIFIED_RECIPIENTS.id(), String.valueOf(
        NotifiedRecipients.union(null, List.of(OWNER, "alice@customer.test", RESPONDER)).getValue()));

    Recipients recipients = resolver.resolve(Audience.EVERYONE_NOTIFIED, variables);

    assertThat(recipients.internal()).containsExactly(LEAD, OWNER, RESPONDER);
    assertThat(recipients.external()).containsExactly("alice@customer.test");
  }

  @Test
  void notifiedRecipientsIsAJsonArrayThatOutgrowsTheStringColumnSafely() {
    List<String> many = java.util.stream.IntStream.range(0, 300).mapToObj(i -> "person" + i + "@example.org").toList();

    var small = NotifiedRecipients.union("[\"b@example.org\"]", List.of("A@example.org", "a@example.org"));
    var large = NotifiedRecipients.union(null, many);

    assertThat(small.getValue()).isEqualTo("[\"A@example.org\",\"b@example.org\"]");
    assertThat(small.getType().getName()).isEqualTo("string");
    assertThat(large.getType().getName()).isEqualTo("json");
    assertThat(NotifiedRecipients.read(large.getValue())).containsExactlyInAnyOrderElementsOf(many);
    assertThat(NotifiedRecipients.read("a@example.org, b@example.org")).containsExactly("a@example.org", "b@example.org");
  }
}
