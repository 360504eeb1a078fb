package org.incidentresponse.audit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.incidentresponse.AppTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The app on a random port with the demo users, shared by the audit's REST and browser tests (one
 * Spring context): incidents are driven through the real SOP by executing its jobs here.
 */
@AppTest
abstract class AuditWebTestBase {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  String baseUrl() {
    return "http://localhost:" + port;
  }

  static Map<String, Object> incident(String title, String service, String impact, String urgency) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("title", title);
    vars.put("description", "Reported by the audit tests");
    vars.put("service", service);
    vars.put("impact", impact);
    vars.put("urgency", urgency);
    vars.put("customerImpact", false);
    vars.put("reporter", "responder");
    return vars;
  }

  IncidentDriver driver() {
    return new IncidentDriver(engine);
  }

  ProcessInstance start(Map<String, Object> vars) {
    return driver().start(vars);
  }

  String number(ProcessInstance instance) {
    return driver().number(instance);
  }

  String closeIncident(Map<String, Object> report) {
    return driver().closeIncident(report);
  }

  HttpResponse<String> get(String path, String accept, String user, String password) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
        .header("Accept", accept).GET();
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
