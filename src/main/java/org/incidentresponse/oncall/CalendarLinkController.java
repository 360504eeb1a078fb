package org.incidentresponse.oncall;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /oncall/calendar/{user}/{token}.ics}: a user's shifts for a calendar app, without a login
 * (chain {@code ACKNOWLEDGE_LINKS}); the token is the credential. An unknown user, a wrong token and a
 * revoked link get the same 404, so the link tells nobody which users exist.
 */
@RestController
class CalendarLinkController {

  private final CalendarLinks links;
  private final OnCall onCall;
  private final OnCallProperties properties;

  CalendarLinkController(CalendarLinks links, OnCall onCall, OnCallProperties properties) {
    this.links = links;
    this.onCall = onCall;
    this.properties = properties;
  }

  @GetMapping(CalendarLinks.PATH + "{user}/{token}.ics")
  ResponseEntity<String> calendar(@PathVariable String user, @PathVariable String token) {
    if (!links.matches(user, token)) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
          .header(HttpHeaders.CACHE_CONTROL, "no-store").body("No such calendar.\n");
    }
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(OnCallController.TEXT_CALENDAR + ";charset=UTF-8"))
        .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
        .body(CalendarExport.write("On call: " + user, onCall.userShifts(user, properties), false));
  }
}
