package org.incidentresponse.followup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.incidentresponse.sop.Sop;
import org.springframework.stereotype.Service;

/**
 * An incident's follow-ups as people read them: the stored rows with the status computed against the
 * engine clock ({@code overdue}: open and past its due time). Also read by the audit's report.
 */
@Service
public class FollowUps {

  public static final String DONE = FollowUp.OUTCOME_DONE;
  public static final String WONT_DO = FollowUp.OUTCOME_WONT_DO;
  public static final String OPEN = FollowUpStore.OPEN;
  public static final String OVERDUE = "overdue";

  /**
   * One action item. {@code status}: open, overdue, done or wont-do; {@code assignee}: who works it now
   * (the commander once the owner left); {@code closedOnTime}: done or won't do before its due time.
   */
  public record FollowUpItem(int index, String title, String type, String owner, String assignee, LocalDate dueDate,
      String status, String ticketUrl, String evidenceUrl, String note, String closedBy, Instant closedAt,
      Boolean closedOnTime) {

    public boolean isOpen() {
      return OPEN.equals(status) || OVERDUE.equals(status);
    }
  }

  private final FollowUpStore store;
  private final HistoryService historyService;

  FollowUps(FollowUpStore store, HistoryService historyService) {
    this.store = store;
    this.historyService = historyService;
  }

  /** The incident's follow-ups (none before its review), or empty when there is no incident of that number. */
  public Optional<List<FollowUpItem>> ofIncident(String number) {
    boolean known = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(Sop.PROCESS_KEY)
        .processInstanceBusinessKey(number).count() > 0;
    return known ? Optional.of(items(number)) : Optional.empty();
  }

  /** The follow-ups stored for the incident of that number, whether or not it exists. */
  public List<FollowUpItem> items(String number) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    return store.of(number).stream().map(row -> item(row, now)).toList();
  }

  static FollowUpItem item(FollowUpStore.Row row, Instant now) {
    return new FollowUpItem(row.index(), row.title(), row.type(), row.owner(), row.assignee(), row.dueDate(),
        status(row, now), row.ticketUrl(), row.evidenceUrl(), row.note(), row.closedBy(), row.closedAt(),
        row.closedAt() == null ? null : !row.closedAt().isAfter(row.dueAt()));
  }

  static String status(FollowUpStore.Row row, Instant now) {
    if (OPEN.equals(row.status())) {
      return now.isBefore(row.dueAt()) ? OPEN : OVERDUE;
    }
    return row.status();
  }
}
