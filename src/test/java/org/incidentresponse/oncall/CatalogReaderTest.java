package org.incidentresponse.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;

/** The catalog's files read from a folder, as an operator points incident-response.catalog.location at one. */
class CatalogReaderTest {

  static final Set<String> USERS = Set.of("alice", "bob", "carol");
  static final Set<String> GROUPS = Set.of("payments", "incident-commanders");

  static final String TEAMS = """
      teams:
        - id: payments
          name: Payments
          group: payments
          schedule:
            timeZone: Europe/Berlin
            primary:
              - users: [alice, bob, carol]
                rotation: weekly
                start: "2026-01-05T09:00"
            secondary:
              - users: [carol, alice, bob]
                rotation: weekly
                start: "2026-01-05T09:00"
          escalation:
            - notify: on-call-primary
              wait: PT5M
            - notify: on-call-secondary
              wait: PT10M
            - notify: team
              wait: PT15M
            - notify: group:incident-commanders
          repeat: 2
      """;
  static final String SERVICES = """
      services:
        - id: checkout-api
          name: Checkout API
          team: payments
          runbook: https://runbooks.example.org/checkout
      """;

  @TempDir Path folder;

  Catalog read() {
    return new CatalogReader(new DefaultResourceLoader(), USERS::contains, GROUPS::contains)
        .read(folder.toUri().toString(), null);
  }

  void write(String file, String content) throws IOException {
    Files.writeString(folder.resolve(file), content);
  }

  List<String> problems() {
    try {
      read();
    } catch (InvalidCatalogException e) {
      return e.problems();
    }
    throw new AssertionError("the catalog was accepted");
  }

  @Test
  void theIssuesShapeIsReadIntoTeamsAndServices() throws IOException {
    write("teams.yaml", TEAMS);
    write("services.yaml", SERVICES);

    Catalog catalog = read();

    Team payments = catalog.team("payments").orElseThrow();
    assertThat(payments.group()).isEqualTo("payments");
    assertThat(payments.repeat()).isEqualTo(2);
    assertThat(payments.escalation()).containsExactly(
        new EscalationStep("on-call-primary", Duration.ofMinutes(5)),
        new EscalationStep("on-call-secondary", Duration.ofMinutes(10)),
        new EscalationStep("team", Duration.ofMinutes(15)),
        new EscalationStep("group:incident-commanders", null));
    assertThat(catalog.service("checkout-api").orElseThrow().team()).isEqualTo("payments");
    assertThat(payments.schedule().at(OnCallRole.SECONDARY, Instant.parse("2026-01-06T12:00:00Z"), List.of())
        .orElseThrow().user()).isEqualTo("carol");
  }

  @Test
  void backstageComponentsAreServicesOwnedByTheirTeam() throws IOException {
    write("teams.yaml", TEAMS);
    write("catalog-info.yaml", """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: checkout-api
          title: Checkout API
          links:
            - url: https://runbooks.example.org/checkout
              title: Runbook
        spec:
          type: service
          lifecycle: production
          owner: group:default/payments
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata:
          name: payments
        spec:
          type: team
        """);

    Service checkout = read().service("checkout-api").orElseThrow();

    assertThat(checkout.team()).isEqualTo("payments");
    assertThat(checkout.name()).isEqualTo("Checkout API");
    assertThat(checkout.runbook()).isEqualTo("https://runbooks.example.org/checkout");
  }

  @Test
  void anUnknownTeamIsRefused() throws IOException {
    write("teams.yaml", TEAMS);
    write("services.yaml", SERVICES.replace("team: payments", "team: billing"));

    assertThat(problems()).containsExactly("services.yaml: service 'checkout-api': unknown team 'billing'");
  }

  @Test
  void anUnknownUserIsRefused() throws IOException {
    write("teams.yaml", TEAMS.replace("[alice, bob, carol]", "[alice, dave, carol]"));

    assertThat(problems()).containsExactly("teams.yaml: team 'payments': schedule.primary layer 1: unknown user 'dave'");
  }

  static String layer(String users, String rotation, int priority, String restrictions) {
    return "    - users: " + users + "\n      rotation: " + rotation + "\n      start: \"2026-01-05T09:00\"\n"
        + "      priority: " + priority + "\n" + (restrictions == null ? "" : "      restrictions: " + restrictions + "\n");
  }

  static String primary(String... layers) {
    return TEAMS.replace("""
        primary:
          - users: [alice, bob, carol]
            rotation: weekly
            start: "2026-01-05T09:00"
      """.indent(4), "      primary:\n" + String.join("", layers).indent(4));
  }

  @Test
  void overlappingLayersWithoutPriorityAreRefused() throws IOException {
    write("teams.yaml", primary(layer("[alice, bob, carol]", "weekly", 1, null), layer("[bob]", "daily", 1, null)));

    assertThat(problems()).singleElement().asString()
        .contains("schedule.primary: layers 1 and 2 overlap and have the same priority");
  }

  @Test
  void layersOfTheSamePriorityWhoseRestrictionsDoNotOverlapAreAccepted() throws IOException {
    write("teams.yaml", primary(
        layer("[alice]", "weekly", 1, "[{days: [MON, TUE, WED, THU, FRI], from: \"09:00\", to: \"17:00\"}]"),
        layer("[bob]", "weekly", 1, "[{days: [MON, TUE, WED, THU], from: \"17:00\", to: \"09:00\"},"
            + " {days: [FRI], from: \"17:00\", to: \"23:59\"}, {days: [SAT, SUN], from: \"00:00\", to: \"23:59\"}]")));

    Team payments = read().team("payments").orElseThrow();
    assertThat(payments.schedule().at(OnCallRole.PRIMARY, Instant.parse("2026-12-01T10:00:00Z"), List.of())
        .orElseThrow().user()).isEqualTo("alice");
    assertThat(payments.schedule().at(OnCallRole.PRIMARY, Instant.parse("2026-12-01T20:00:00Z"), List.of())
        .orElseThrow().user()).isEqualTo("bob");
  }

  @Test
  void aServiceOwnedByNobodyIsRefused() throws IOException {
    write("teams.yaml", TEAMS);
    write("services.yaml", SERVICES.replace("    team: payments\n", ""));

    assertThat(problems()).containsExactly("services.yaml: service 'checkout-api' is owned by nobody: set its team");
  }

  @Test
  void everyProblemIsListedAtOnceAndNothingIsApplied() throws IOException {
    write("teams.yaml", TEAMS.replace("Europe/Berlin", "Europe/Atlantis").replace("wait: PT10M", "wait: ten minutes"));
    write("services.yaml", SERVICES.replace("team: payments", "team: billing"));

    assertThatThrownBy(this::read).isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("schedule.timeZone 'Europe/Atlantis' is not a time zone")
        .hasMessageContaining("escalation step 2: wait 'ten minutes' is not an ISO-8601 duration")
        .hasMessageContaining("unknown team 'billing'");
  }

  @Test
  void aMisspelledFieldIsNamedWithItsLine() throws IOException {
    write("teams.yaml", TEAMS.replace("rotation: weekly", "rotaton: weekly"));

    assertThat(problems()).singleElement().asString().startsWith("teams.yaml: Unrecognized field \"rotaton\"")
        .doesNotContain("class").containsPattern("\\(line \\d+\\)$");
  }

  @Test
  void noFilesIsAnEmptyCatalog() {
    assertThat(read()).isEqualTo(Catalog.EMPTY);
  }
}
