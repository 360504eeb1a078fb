package org.incidentresponse.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.incidentresponse.AppTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Secret calendar links on the quick start's catalog (team payments: alice, bob, carol weekly from
 * Monday 5 January 2026, 09:00 Berlin): a calendar app fetches a user's shifts over HTTP without a
 * login; the user makes, rotates and revokes the link over the authenticated API.
 */
@AppTest
class CalendarLinkTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;

  final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  HttpResponse<String> send(String method, String path, String user) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : "http://localhost:" + port + path))
        .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody())
        .header("Content-Type", "application/json");
    if (user != null) {
      request.header("Authorization", OnCallApiTest.basic(user));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The link as a calendar app on this machine would open it (the configured base URL is the demo's). */
  String local(String url) {
    return url.replace("http://localhost:8080", "http://localhost:" + port);
  }

  String newLink(String user) throws Exception {
    HttpResponse<String> created = send("POST", "/api/oncall/calendar-link", user);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String url = JSON.readTree(created.body()).path("url").asText();
    assertThat(url).startsWith("http://localhost:8080/oncall/calendar/" + user + "/").endsWith(".ics");
    return local(url);
  }

  @Test
  void aCalendarAppFetchesTheUsersShiftsWithoutALogin() throws Exception {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-01T10:00:00Z")));
    String url = newLink("carol");

    HttpResponse<String> fetched = send("GET", url, null);

    assertThat(fetched.statusCode()).isEqualTo(200);
    assertThat(fetched.headers().firstValue("Content-Type").orElse("")).startsWith("text/calendar");
    assertThat(fetched.headers().firstValue("Set-Cookie")).isEmpty();
    Calendar calendar = new CalendarBuilder().build(new StringReader(fetched.body()));
    List<VEvent> events = calendar.getComponents("VEVENT");
    assertThat(events).isNotEmpty();
    assertThat(events).allSatisfy(event -> assertThat(event.getProperty(Property.DESCRIPTION).orElseThrow().getValue())
        .startsWith("carol is "));
    // Week 47 of the rotation: carol is primary from Monday 30 November 09:00 Berlin to the next Monday.
    assertThat(events).anySatisfy(event -> {
      assertThat(event.getProperty(Property.SUMMARY).orElseThrow().getValue()).isEqualTo("On call: payments (primary)");
      assertThat(event.getProperty(Property.DTSTART).orElseThrow().getValue()).isEqualTo("20261130T080000Z");
      assertThat(event.getProperty(Property.DTEND).orElseThrow().getValue()).isEqualTo("20261207T080000Z");
    });
    // The authenticated API shows the same link again.
    HttpResponse<String> shown = send("GET", "/api/oncall/calendar-link", "carol");
    assertThat(local(JSON.readTree(shown.body()).path("url").asText())).isEqualTo(url);
  }

  @Test
  void aWrongTokenAndAnUnknownUserGetTheSame404() throws Exception {
    String url = newLink("alice");
    String token = url.substring(url.lastIndexOf('/') + 1, url.length() - ".ics".length());

    HttpResponse<String> wrongToken = send("GET", url.replace(token, token.substring(1) + "A"), null);
    HttpResponse<String> otherUser = send("GET", url.replace("/alice/", "/bob/"), null);
    HttpResponse<String> unknownUser = send("GET", url.replace("/alice/", "/nobody-here/"), null);

    for (HttpResponse<String> refused : List.of(wrongToken, otherUser, unknownUser)) {
      assertThat(refused.statusCode()).isEqualTo(404);
      assertThat(refused.body()).isEqualTo(wrongToken.body()).doesNotContain("BEGIN:VCALENDAR");
    }
  }

  @Test
  void rotatingOrRevokingTheLinkStopsTheOldOne() throws Exception {
    String first = newLink("bob");
    String second = newLink("bob");

    assertThat(second).isNotEqualTo(first);
    assertThat(send("GET", first, null).statusCode()).isEqualTo(404);
    assertThat(send("GET", second, null).statusCode()).isEqualTo(200);

    assertThat(send("DELETE", "/api/oncall/calendar-link", "bob").statusCode()).isEqualTo(204);

    assertThat(send("GET", second, null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/api/oncall/calendar-link", "bob").statusCode()).isEqualTo(404);
    assertThat(send("DELETE", "/api/oncall/calendar-link", "bob").statusCode()).isEqualTo(404);
  }

  @Test
  void managingALinkNeedsALogin() throws Exception {
    assertThat(send("POST", "/api/oncall/calendar-link", null).statusCode()).isEqualTo(401);
    assertThat(send("GET", "/api/oncall/calendar-link", null).statusCode()).isEqualTo(401);
  }
}
