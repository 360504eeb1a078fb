package org.incidentresponse.statuspage;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.incidentresponse.api.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Subscribing from the page's form, confirming through the mailed link, and unsubscribing in one
 * click. Links only show a button: the change is a POST, so that a mail scanner that opens links
 * confirms or unsubscribes nobody; the unsubscribe POST is also RFC 8058's one-click target. A
 * client that asks for JSON gets problem details instead of pages.
 */
@Controller
class SubscriptionController {

  private final Subscriptions subscriptions;
  private final StatusPage statusPage;
  private final StatusPageViews views;

  SubscriptionController(Subscriptions subscriptions, StatusPage statusPage, StatusPageViews views) {
    this.subscriptions = subscriptions;
    this.statusPage = statusPage;
    this.views = views;
  }

  @PostMapping(path = "/status/subscriptions", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> subscribe(@RequestParam(required = false) String email,
      @RequestParam(name = "component", required = false) List<String> components, HttpServletRequest request) {
    try {
      subscriptions.subscribe(email, components, request.getRemoteAddr());
      return message(HttpStatus.OK, "Check your inbox",
          "If the address can receive mail, a message with a confirmation link is on its way. Nothing is sent to you before you confirm.");
    } catch (SubscriptionRejected rejected) {
      return message(rejected.status(), "Not subscribed", rejected.getMessage());
    }
  }

  @PostMapping(path = "/status/subscriptions",
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  ResponseEntity<Object> subscribeJson(@RequestParam(required = false) String email,
      @RequestParam(name = "component", required = false) List<String> components, HttpServletRequest request) {
    try {
      subscriptions.subscribe(email, components, request.getRemoteAddr());
      return ResponseEntity.accepted().body(Map.of("status", "confirmation sent if the address can receive mail"));
    } catch (SubscriptionRejected rejected) {
      ProblemDetail problem = Problems.of(rejected.status(), rejected.getMessage(), request);
      return ResponseEntity.status(rejected.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
  }

  @GetMapping("/status/subscriptions/confirm")
  ResponseEntity<String> confirmPage(@RequestParam(defaultValue = "") String token) {
    if (subscriptions.pending(token).isEmpty()) {
      return message(HttpStatus.NOT_FOUND, "Link not valid",
          "This confirmation link is unknown, already used or expired. Subscribe again from the status page.");
    }
    return views.render(HttpStatus.OK, "subscription", Map.of("page", statusPage.snapshot(), "heading",
        "Confirm your subscription", "action", "/status/subscriptions/confirm", "token", token, "button", "Confirm subscription"));
  }

  @PostMapping(path = "/status/subscriptions/confirm", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> confirm(@RequestParam(defaultValue = "") String token) {
    return subscriptions.confirm(token)
        .map(subscriber -> message(HttpStatus.OK, "You are subscribed",
            "You will receive an e-mail for every update about the components you chose. Every mail has a link to unsubscribe."))
        .orElseGet(() -> message(HttpStatus.NOT_FOUND, "Link not valid",
            "This confirmation link is unknown, already used or expired. Subscribe again from the status page."));
  }

  @GetMapping("/status/subscriptions/unsubscribe")
  ResponseEntity<String> unsubscribePage(@RequestParam(defaultValue = "") String token) {
    return views.render(HttpStatus.OK, "subscription", Map.of("page", statusPage.snapshot(), "heading",
        "Unsubscribe", "action", "/status/subscriptions/unsubscribe", "token", token, "button", "Unsubscribe"));
  }

  /** The page's button and mail clients' one-click unsubscribe (RFC 8058) both land here. */
  @PostMapping(path = "/status/subscriptions/unsubscribe")
  ResponseEntity<String> unsubscribe(@RequestParam(defaultValue = "") String token) {
    subscriptions.unsubscribe(token);
    return message(HttpStatus.OK, "Unsubscribed", "This address gets no more mail from this status page.");
  }

  private ResponseEntity<String> message(HttpStatus status, String heading, String text) {
    return views.render(status, "message", Map.of("page", statusPage.snapshot(), "heading", heading, "text", text));
  }
}
