package org.incidentresponse.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.incidentresponse.api.ProblemDetailAssert.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.incidentresponse.AppTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * The on-call API on the quick start's catalog (team payments: alice, bob, carol weekly from Monday
 * 5 January 2026, 09:00 Berlin). Overrides made here lie in 2027, so that they change nothing for
 * the other tests of the shared context.
 */
@AppTest
class OnCallApiTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired OnCallOverrides overrides;
  @Autowired IdentityService identity;

  final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  HttpResponse<String> get(String path, String user) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    if (user != null) {
      request.header("Authorization", basic(user));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String user, String json) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", basic(user)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void namesThePrimaryAndTheSecondaryWithTheirShiftNow() throws Exception {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-01T10:00:00Z")));

    HttpResponse<String> response = get("/api/oncall?team=payments", "responder");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    // 47 weeks after 5 January: primary alice, bob, carol → carol; secondary bob, carol, alice → alice
    assertThat(body.path("primary").path("user").asText()).isEqualTo("carol");
    assertThat(body.path("primary").path("start").asText()).isEqualTo("2026-11-30T08:00:00Z");
    assertThat(body.path("primary").path("end").asText()).isEqualTo("2026-12-07T08:00:00Z");
    assertThat(body.path("secondary").path("user").asText()).isEqualTo("alice");
    assertThat(body.path("timeZone").asText()).isEqualTo("Europe/Berlin");
  }

  @Test
  void theApiAndTheCalendarExportAgreeAcrossTheDaylightSavingChange() throws Exception {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-10-20T10:00:00Z")));

    JsonNode api = JSON.readTree(get("/api/oncall?team=payments&at=2026-10-25T12:00:00%2B01:00", "responder").body());
    HttpResponse<String> ics = get("/api/oncall/payments.ics", "responder");

    assertThat(ics.headers().firstValue("Content-Type").orElse("")).startsWith("text/calendar");
    Shift fromCalendar = CalendarFeed.read(new ByteArrayInputStream(ics.body().getBytes(StandardCharsets.UTF_8)),
            OnCallScheduleTest.BERLIN, "export").shifts(Instant.parse("2026-10-25T11:00:00Z"), Instant.parse("2026-10-25T11:00:01Z"))
        .stream().filter(shift -> shift.user().equals(api.path("primary").path("user").asText())).findFirst().orElseThrow();
    assertThat(api.path("primary").path("start").asText()).isEqualTo("2026-10-19T07:00:00Z");
    assertThat(api.path("primary").path("end").asText()).isEqualTo("2026-10-26T08:00:00Z");
    assertThat(ics.body()).contains("DTSTART:20261019T070000Z\r\nDTEND:20261026T080000Z\r\nSUMMARY:"
        + api.path("primary").path("user").asText());
    assertThat(fromCalendar.user()).isEqualTo(api.path("primary").path("user").asText());
  }

  @Test
  void aUsersCalendarHoldsTheirShiftsOnly() throws Exception {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-01T10:00:00Z")));

    String ics = get("/api/oncall/users/carol.ics", "carol").body();

    assertThat(ics).contains("SUMMARY:On call: payments (primary)")
        .contains("DTSTART:20261130T080000Z\r\nDTEND:20261207T080000Z")
        .contains("DESCRIPTION:carol is primary on call").doesNotContain("DESCRIPTION:alice").doesNotContain("DESCRIPTION:bob");
  }

  @Test
  void anOverrideMakesTheCoveringUserOnCallForItsTimeOnly() throws Exception {
    HttpResponse<String> created = post("/api/oncall/overrides", "commander", """
        {"team": "payments", "layer": "primary", "user": "bob", "start": "2027-03-03T12:00", "end": "2027-03-03T18:00"}""");

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(JSON.readTree(created.body()).path("createdBy").asText()).isEqualTo("commander");
    JsonNode during = JSON.readTree(get("/api/oncall?team=payments&at=2027-03-03T13:00", "responder").body());
    assertThat(during.path("primary").path("user").asText()).isEqualTo("bob");
    assertThat(during.path("primary").path("start").asText()).isEqualTo("2027-03-03T11:00:00Z");
    assertThat(during.path("primary").path("end").asText()).isEqualTo("2027-03-03T17:00:00Z");
    JsonNode after = JSON.readTree(get("/api/oncall?team=payments&at=2027-03-03T18:00", "responder").body());
    assertThat(after.path("primary").path("user").asText()).isNotEqualTo("bob"); // week 60: 60 % 3 = 0, alice
    assertThat(after.path("primary").path("start").asText()).isEqualTo("2027-03-03T17:00:00Z");
  }

  @Test
  void aBadOverrideIsAProblemAndCreatesNothing() throws Exception {
    String override = """
        {"team": "payments", "layer": "primary", "user": "bob", "start": "2027-04-01T12:00", "end": "2027-04-01T18:00"}""";

    assertProblem(post("/api/oncall/overrides", "commander", override.replace("2027-04-01T18:00", "2027-04-01T11:00")),
        400, "end must be after start");
    assertProblem(post("/api/oncall/overrides", "commander", override.replace("\"payments\"", "\"billing\"")),
        400, "unknown team 'billing'");
    assertProblem(post("/api/oncall/overrides", "commander", override.replace("primary", "tertiary")),
        400, "layer must be primary or secondary");
    assertProblem(post("/api/oncall/overrides", "commander", override.replace("bob", "mallory")),
        400, "unknown user 'mallory'");
    assertProblem(post("/api/oncall/overrides", "commander", override.replace("2027-04-01T12:00", "tomorrow")),
        400, "start must be an ISO-8601 time");
    assertProblem(post("/api/oncall/overrides", "responder", override), 403,
        "changing the on-call plan needs membership of one of the groups [camunda-admin, incident-commanders]");

    assertThat(overrides.of("payments", OnCallRole.PRIMARY, Instant.parse("2027-04-01T00:00:00Z"),
        Instant.parse("2027-04-02T00:00:00Z"))).isEmpty();
  }

  @Test
  void unknownTeamsAndAnonymousCallersAreProblems() throws Exception {
    assertProblem(get("/api/oncall?team=billing", "responder"), 404, "no team 'billing' in the catalog");
    assertProblem(get("/api/oncall?team=payments&at=soon", "responder"), 400, "at must be an ISO-8601 time");
    assertProblem(get("/api/oncall?team=payments", null), 401, "log in");
    assertProblem(get("/api/oncall/hours.csv?month=November", "responder"), 400, "month must be a month");
  }

  @Test
  void hoursPerUserAddUpToTheMonth() throws Exception {
    HttpResponse<String> csv = get("/api/oncall/hours.csv?month=2026-11", "commander");

    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    String[] lines = csv.body().split("\r\n");
    assertThat(lines[0]).isEqualTo("team,layer,user,hours");
    double primaryHours = java.util.Arrays.stream(lines).filter(line -> line.startsWith("\"payments\",primary,"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(',') + 1))).sum();
    assertThat(primaryHours).isEqualTo(30 * 24.0); // November in Berlin: no clock change
    // 2 Nov to 30 Nov 09:00 are four whole weeks; each user has at least one.
    assertThat(csv.body()).contains("\"payments\",primary,\"alice\",").contains("\"payments\",primary,\"carol\",");
  }

  @Test
  void aBadReloadKeepsTheCatalogInForce(@TempDir Path folder) throws Exception {
    Files.writeString(folder.resolve("teams.yaml"), CatalogReaderTest.TEAMS.replace("[alice, bob, carol]", "[alice]"));
    OnCall onCall = new OnCall(new CatalogProperties(folder.toUri().toString(), null), new DefaultResourceLoader(),
        identity, overrides);
    onCall.reload();
    Files.writeString(folder.resolve("teams.yaml"), CatalogReaderTest.TEAMS.replace("[alice, bob, carol]", "[alice, nobody]"));

    assertThatThrownBy(onCall::reload).isInstanceOf(InvalidCatalogException.class).hasMessageContaining("unknown user 'nobody'");

    Team payments = onCall.catalog().team("payments").orElseThrow();
    assertThat(onCall.at(payments, OnCallRole.PRIMARY, Instant.parse("2026-12-01T10:00:00Z")).orElseThrow().user())
        .isEqualTo("alice");
  }

  @Test
  void onlyOverrideGroupsMayReload() throws Exception {
    assertProblem(post("/api/oncall/catalog/reload", "responder", "{}"), 403, "changing the on-call plan");
    HttpResponse<String> reloaded = post("/api/oncall/catalog/reload", "commander", "{}");
    assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
    assertThat(JSON.readTree(reloaded.body()).path("teams").asInt()).isEqualTo(1);
  }
}
