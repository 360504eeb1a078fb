package org.incidentresponse.statuspage;

import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The page as JSON in the shape of Statuspage's public API v2, at the same paths under
 * {@code /status/api/v2}. Public and readable from any origin, as Statuspage's is: widgets embed it.
 */
@RestController
@RequestMapping(path = "/status/api/v2", produces = MediaType.APPLICATION_JSON_VALUE)
@CrossOrigin(origins = "*", methods = org.springframework.web.bind.annotation.RequestMethod.GET)
class StatusPageApi {

  private final StatusPage statusPage;

  StatusPageApi(StatusPage statusPage) {
    this.statusPage = statusPage;
  }

  @GetMapping("/summary.json")
  ResponseEntity<Map<String, Object>> summary() {
    return fresh(StatusPageJson.summary(statusPage.snapshot()));
  }

  @GetMapping("/status.json")
  ResponseEntity<Map<String, Object>> status() {
    return fresh(StatusPageJson.statusOnly(statusPage.snapshot()));
  }

  @GetMapping("/components.json")
  ResponseEntity<Map<String, Object>> components() {
    return fresh(StatusPageJson.componentsOnly(statusPage.snapshot()));
  }

  @GetMapping("/incidents.json")
  ResponseEntity<Map<String, Object>> incidents() {
    return fresh(StatusPageJson.incidents(statusPage.snapshot(), false));
  }

  @GetMapping("/incidents/unresolved.json")
  ResponseEntity<Map<String, Object>> unresolved() {
    return fresh(StatusPageJson.incidents(statusPage.snapshot(), true));
  }

  @GetMapping("/scheduled-maintenances.json")
  ResponseEntity<Map<String, Object>> maintenances() {
    StatusSnapshot snapshot = statusPage.snapshot();
    return fresh(StatusPageJson.maintenances(snapshot, snapshot.maintenances()));
  }

  @GetMapping("/scheduled-maintenances/upcoming.json")
  ResponseEntity<Map<String, Object>> upcomingMaintenances() {
    StatusSnapshot snapshot = statusPage.snapshot();
    return fresh(StatusPageJson.maintenances(snapshot, snapshot.upcomingMaintenances()));
  }

  @GetMapping("/scheduled-maintenances/active.json")
  ResponseEntity<Map<String, Object>> activeMaintenances() {
    StatusSnapshot snapshot = statusPage.snapshot();
    return fresh(StatusPageJson.maintenances(snapshot, snapshot.activeMaintenances()));
  }

  /** Monitors poll: a short cache keeps a burst of them off the database without hiding news for long. */
  private static ResponseEntity<Map<String, Object>> fresh(Map<String, Object> body) {
    return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofSeconds(30)).cachePublic())
        .body(body);
  }
}
