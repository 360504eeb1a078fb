package org.incidentresponse.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.incidentresponse.AppTest;
import org.incidentresponse.api.ProblemDetailAssert;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** With the database gone, intake answers 503 (Alertmanager retries) with a problem detail, and commits nothing. */
@AppTest
// A context of its own (the property makes it one), closed after this class: its database is gone.
@TestPropertySource(properties = "spring.datasource.hikari.pool-name=intake-db-down")
@DirtiesContext
class IntakeDatabaseDownTest {

  @LocalServerPort int port;
  @Autowired HikariDataSource dataSource;
  @Autowired MeterRegistry meterRegistry;

  @Test
  void databaseUnavailableIs503() throws Exception {
    double received = meterRegistry.get("incident.response.alerts.received").tag("source", "alertmanager").counter().count();
    dataSource.close();
    IntakeClient client = new IntakeClient("http://127.0.0.1:" + port, "demo-intake-token");
    for (HttpResponse<String> response : new HttpResponse[] {
        client.postJson(IntakeApiTest.AM, IntakeApiTest.firing("db-down")),
        client.postJson("/api/incidents", "{\"title\":\"db down\"}")}) {
      ProblemDetailAssert.assertProblem(response, 503, "database unavailable, nothing was recorded");
    }
    // Nothing was decided, and Alertmanager retries: the failure is no received alert (OperationsMetrics).
    assertThat(meterRegistry.get("incident.response.alerts.received").tag("source", "alertmanager").counter().count())
        .isEqualTo(received);

    // The audit cannot even check the password: 503, not a misleading 401.
    HttpResponse<String> audit = IntakeClient.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/incidents"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("auditor:auditor".getBytes(StandardCharsets.UTF_8)))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    ProblemDetailAssert.assertProblem(audit, 503, "database is unavailable");
  }
}
