package org.incidentresponse.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.net.http.HttpResponse;
import org.incidentresponse.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** With the database gone, intake answers 503 (Alertmanager retries) with a JSON error, and commits nothing. */
@AppTest
// A context of its own (the property makes it one), closed after this class: its database is gone.
@TestPropertySource(properties = "spring.datasource.hikari.pool-name=intake-db-down")
@DirtiesContext
class IntakeDatabaseDownTest {

  @LocalServerPort int port;
  @Autowired HikariDataSource dataSource;

  @Test
  void databaseUnavailableIs503() throws Exception {
    dataSource.close();
    IntakeClient client = new IntakeClient("http://127.0.0.1:" + port, "demo-intake-token");
    for (HttpResponse<String> response : new HttpResponse[] {
        client.postJson(IntakeApiTest.AM, IntakeApiTest.firing("db-down")),
        client.postJson("/api/incidents", "{\"title\":\"db down\"}")}) {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
      JsonNode error = new ObjectMapper().readTree(response.body());
      assertThat(error.get("status").asInt()).isEqualTo(503);
      assertThat(error.get("message").asText()).contains("database unavailable");
    }
  }
}
