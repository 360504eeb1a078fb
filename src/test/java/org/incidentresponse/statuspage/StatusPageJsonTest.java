package org.incidentresponse.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JSON against golden files in the shape of Atlassian Statuspage's public API v2, so that a
 * widget or monitor written for Statuspage reads it: {@code page}, {@code status.indicator} and
 * {@code description}, {@code components[]}, {@code incidents[]} with {@code incident_updates[]}.
 * No database: the snapshot is computed from fixed incidents on a fixed day.
 */
class StatusPageJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  static final Instant NOW = Instant.parse("2026-12-05T09:00:00Z");

  static StatusPageProperties properties() {
    return new StatusPageProperties("Example Corp status", URI.create("https://status.example.com/status"),
        List.of(new StatusPageProperties.Component("checkout", "Checkout", "Paying for orders", List.of("checkout-api")),
            new StatusPageProperties.Component("search", "Search", "", List.of("search"))),
        Map.of(), null, null);
  }

  static List<PublicIncident> incidents() {
    Instant opened = Instant.parse("2026-12-05T08:00:00Z");
    PublicIncident open = new PublicIncident("k4x9m2p7q1ab", "Payments are failing", IncidentState.IDENTIFIED,
        ComponentStatus.MAJOR_OUTAGE, List.of("checkout"), opened, Instant.parse("2026-12-05T08:30:00Z"), null, null,
        List.of(new PublicUpdate("u2", "k4x9m2p7q1ab", IncidentState.IDENTIFIED, "We found the cause.",
                Instant.parse("2026-12-05T08:30:00Z")),
            new PublicUpdate("u1", "k4x9m2p7q1ab", IncidentState.INVESTIGATING, "We are investigating.", opened)));
    Instant started = Instant.parse("2026-11-20T10:00:00Z");
    Instant resolvedAt = Instant.parse("2026-11-21T01:00:00Z");
    PublicIncident resolved = new PublicIncident("r7t2v8w3x5yz", "Slow search", IncidentState.RESOLVED,
        ComponentStatus.DEGRADED_PERFORMANCE, List.of("search"), started, resolvedAt,
        Instant.parse("2026-11-20T11:00:00Z"), resolvedAt,
        List.of(new PublicUpdate("u4", "r7t2v8w3x5yz", IncidentState.RESOLVED, "Resolved.", resolvedAt),
            new PublicUpdate("u3", "r7t2v8w3x5yz", IncidentState.MONITORING, "Fix applied.",
                Instant.parse("2026-11-20T11:00:00Z"))));
    return List.of(open, resolved);
  }

  static StatusSnapshot snapshot() {
    return StatusPage.snapshot(properties(), incidents(), LocalDate.of(2026, 12, 5), NOW);
  }

  @Test
  void summaryMatchesTheGoldenFileInStatuspagesShape() throws IOException {
    assertThat((JsonNode) JSON.valueToTree(StatusPageJson.summary(snapshot()))).isEqualTo(golden("summary.json"));
  }

  @Test
  void incidentsMatchTheGoldenFileInStatuspagesShape() throws IOException {
    assertThat((JsonNode) JSON.valueToTree(StatusPageJson.incidents(snapshot(), false))).isEqualTo(golden("incidents.json"));
  }

  @Test
  void theHistoryBarShowsEachDayTheWorstImpactOfThatDay() {
    StatusSnapshot.ComponentView search = snapshot().components().get(1);
    assertThat(search.days()).hasSize(90);
    assertThat(search.days().get(89).date()).isEqualTo(LocalDate.of(2026, 12, 5));
    // Open from 20 November 10:00 to 21 November 01:00 UTC: two days, nothing before or after.
    assertThat(search.days()).filteredOn(day -> day.worst() != ComponentStatus.OPERATIONAL)
        .extracting(StatusSnapshot.Day::date)
        .containsExactly(LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 21));
    assertThat(search.status()).isEqualTo(ComponentStatus.OPERATIONAL);
    assertThat(snapshot().components().get(0).status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
  }

  private static JsonNode golden(String name) throws IOException {
    try (InputStream in = StatusPageJsonTest.class.getResourceAsStream("/statuspage/" + name)) {
      assertThat(in).as("golden file %s", name).isNotNull();
      return JSON.readTree(in);
    }
  }

  /** Writes the golden files from the current output, for a reviewer to read: run by hand only. */
  public static void main(String[] args) throws IOException {
    JSON.writeValue(new java.io.File("src/test/resources/statuspage/summary.json"), StatusPageJson.summary(snapshot()));
    JSON.writeValue(new java.io.File("src/test/resources/statuspage/incidents.json"),
        StatusPageJson.incidents(snapshot(), false));
  }
}
