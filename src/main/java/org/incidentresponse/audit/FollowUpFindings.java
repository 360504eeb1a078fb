package org.incidentresponse.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.incidentresponse.audit.IncidentReport.Breach;
import org.incidentresponse.audit.IncidentReport.ChecklistItem;
import org.incidentresponse.followup.FollowUps;
import org.incidentresponse.followup.FollowUps.FollowUpItem;

/**
 * What the follow-ups of an incident's review add to its report (pure): the breach
 * {@code follow-up-overdue} (open past its due date, or closed after it), the follow-ups on the checklist's
 * post-incident analysis, and the status "closed, 2 follow-ups open". ({@code review-without-actions} is
 * judged from the history's action items, in {@link Breaches}.)
 */
final class FollowUpFindings {

  private FollowUpFindings() {}

  static List<Breach> breaches(IncidentHistory h, KeyTimes times, List<FollowUpItem> followUps) {
    List<Breach> breaches = new ArrayList<>();
    for (FollowUpItem item : followUps) {
      Instant due = item.dueDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      if (FollowUps.OVERDUE.equals(item.status())) {
        breaches.add(new Breach(Breaches.Kind.FOLLOW_UP_OVERDUE.id(), "follow-up " + item.index() + " \""
            + item.title() + "\" (" + item.owner() + ") is open past its due date " + item.dueDate(), due, null));
      } else if (item.closedAt() != null && item.closedAt().isAfter(due) && FollowUps.DONE.equals(item.status())) {
        breaches.add(new Breach(Breaches.Kind.FOLLOW_UP_OVERDUE.id(), "follow-up " + item.index() + " \""
            + item.title() + "\" was done " + Wording.span(Duration.between(due, item.closedAt()))
            + " after its due date " + item.dueDate(), due, item.closedAt()));
      }
    }
    return breaches;
  }

  /** The post-incident analysis item with its follow-ups as evidence. */
  static List<ChecklistItem> checklist(List<ChecklistItem> checklist, List<FollowUpItem> followUps) {
    if (followUps.isEmpty()) {
      return checklist;
    }
    String key = Checklist.Item.POST_INCIDENT_ANALYSIS.key();
    return checklist.stream().map(item -> !key.equals(item.key()) ? item
        : new ChecklistItem(item.number(), item.key(), item.label(), item.status(), item.by(), item.at(),
            (item.evidence() == null || item.evidence().isBlank() ? "" : item.evidence() + "; ")
                + "follow-ups: " + counts(followUps))).toList();
  }

  /** "closed, 2 follow-ups open", or the status alone when none is open. */
  static String status(String status, List<FollowUpItem> followUps) {
    long open = followUps.stream().filter(FollowUpItem::isOpen).count();
    return open == 0 ? status : status + ", " + open + (open == 1 ? " follow-up open" : " follow-ups open");
  }

  /** "3 (1 done, 1 won't do, 1 overdue)". */
  static String counts(List<FollowUpItem> followUps) {
    List<String> parts = new ArrayList<>();
    for (String status : List.of(FollowUps.DONE, FollowUps.WONT_DO, FollowUps.OPEN, FollowUps.OVERDUE)) {
      long n = followUps.stream().filter(i -> status.equals(i.status())).count();
      if (n > 0) {
        parts.add(n + " " + (FollowUps.WONT_DO.equals(status) ? "won't do" : status));
      }
    }
    return followUps.size() + " (" + String.join(", ", parts) + ")";
  }
}
