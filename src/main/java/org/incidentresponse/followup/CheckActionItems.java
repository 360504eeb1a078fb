package org.incidentresponse.followup;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.incidentresponse.followup.ActionItems.ActionItem;
import org.springframework.stereotype.Component;

/**
 * Task listener {@code ${checkActionItems}} on the completion of {@code Task_ConductPostIncidentReview}:
 * refuses a review whose action items cannot be followed up, naming each row and its problem. The
 * exception rolls the completion back, so nothing is created; Tasklist shows its message.
 */
@Component("checkActionItems")
class CheckActionItems implements TaskListener {

  static final int TITLE_LIMIT = 200;

  private final IdentityService identityService;

  CheckActionItems(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public void notify(DelegateTask task) {
    List<String> problems;
    try {
      problems = problems(ActionItems.read(task.getVariable(FollowUp.ACTION_ITEMS)));
    } catch (IllegalArgumentException unreadable) {
      problems = List.of(unreadable.getMessage());
    }
    if (!problems.isEmpty()) {
      throw new ProcessEngineException("The review cannot be completed: " + String.join("; ", problems));
    }
  }

  List<String> problems(List<ActionItem> items) {
    LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneOffset.UTC);
    List<String> problems = new ArrayList<>();
    for (ActionItem item : items) {
      String row = "action item " + item.index() + (item.title().isEmpty() ? "" : " (" + item.title() + ")") + ": ";
      if (item.title().isEmpty()) {
        problems.add(row + "the title is empty");
      } else if (item.title().length() > TITLE_LIMIT) {
        problems.add(row + "the title is longer than " + TITLE_LIMIT + " characters");
      }
      if (!ActionItems.TYPES.contains(item.type())) {
        String types = String.join(", ", ActionItems.TYPES);
        problems.add(row + (item.type().isEmpty() ? "the type is missing (one of " + types + ")"
            : "the type '" + item.type() + "' is not one of " + types));
      }
      if (item.owner().isEmpty()) {
        problems.add(row + "the owner is missing");
      } else if (identityService.createUserQuery().userId(item.owner()).count() == 0) {
        problems.add(row + "the owner '" + item.owner() + "' is not a user");
      }
      try {
        LocalDate due = LocalDate.parse(item.dueDate());
        if (due.isBefore(today)) {
          problems.add(row + "the due date " + due + " is in the past (today is " + today + ")");
        }
      } catch (DateTimeException notADate) {
        problems.add(row + (item.dueDate().isEmpty() ? "the due date is missing"
            : "the due date '" + item.dueDate() + "' is not a date such as " + today.plusDays(14)));
      }
      if (!item.ticketUrl().isEmpty() && !isHttpUrl(item.ticketUrl())) {
        problems.add(row + "the ticket link must be an http(s) URL");
      }
    }
    return problems;
  }

  /** An absolute http or https URL with a host: no javascript:, file: or relative links. */
  static boolean isHttpUrl(String text) {
    try {
      URI uri = new URI(text.strip());
      return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null && text.length() <= 2000;
    } catch (URISyntaxException notAUri) {
      return false;
    }
  }
}
