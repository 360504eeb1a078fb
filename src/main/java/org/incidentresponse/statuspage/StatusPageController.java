package org.incidentresponse.statuspage;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The public pages: {@code /status}, one page per incident, and the paged history. */
@Controller
class StatusPageController {

  private final StatusPage statusPage;
  private final StatusPageViews views;

  StatusPageController(StatusPage statusPage, StatusPageViews views) {
    this.statusPage = statusPage;
    this.views = views;
  }

  @GetMapping({"/status", "/status/"})
  ResponseEntity<String> page() {
    StatusSnapshot snapshot = statusPage.snapshot();
    return views.render(HttpStatus.OK, "index", Map.of("page", snapshot));
  }

  @GetMapping("/status/incidents/{id}")
  ResponseEntity<String> incident(@PathVariable String id) {
    StatusSnapshot snapshot = statusPage.snapshot();
    return statusPage.incident(id)
        .map(incident -> views.render(HttpStatus.OK, "incident", Map.of("page", snapshot, "incident", incident)))
        .orElseGet(() -> views.render(HttpStatus.NOT_FOUND, "not-found", Map.of("page", snapshot)));
  }

  @GetMapping("/status/maintenances/{id}")
  ResponseEntity<String> maintenance(@PathVariable String id) {
    StatusSnapshot snapshot = statusPage.snapshot();
    return statusPage.maintenance(id)
        .map(maintenance -> views.render(HttpStatus.OK, "maintenance", Map.of("page", snapshot, "maintenance", maintenance)))
        .orElseGet(() -> views.render(HttpStatus.NOT_FOUND, "not-found", Map.of("page", snapshot)));
  }

  @GetMapping("/status/history")
  ResponseEntity<String> history(@RequestParam(defaultValue = "1") String page) {
    StatusSnapshot snapshot = statusPage.snapshot();
    int pages = statusPage.historyPages();
    int number;
    try {
      number = Integer.parseInt(page);
    } catch (NumberFormatException notANumber) {
      number = 0;
    }
    if (number < 1 || number > pages) {
      return views.render(HttpStatus.NOT_FOUND, "not-found", Map.of("page", snapshot));
    }
    return views.render(HttpStatus.OK, "history", Map.of("page", snapshot,
        "incidents", statusPage.history(number - 1), "number", number, "pages", pages));
  }
}
