package org.incidentresponse.audit;

import static org.incidentresponse.audit.Wording.orDash;
import static org.incidentresponse.audit.Wording.span;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.incidentresponse.audit.IncidentHistory.Notification;
import org.incidentresponse.audit.IncidentReport.Breach;
import org.incidentresponse.sop.ActionItem;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.IncidentVariables;
import org.incidentresponse.sop.Severity;

/**
 * Where an incident missed the SOP's times: acknowledgement, stakeholder updates, target resolution
 * and post-incident review. An open incident is judged up to {@code now}, a closed one up to its end.
 */
public final class Breaches {

  /** The breach kinds, in the order a report lists them; the id is the name in lower case with dashes. */
  public enum Kind {
    ACKNOWLEDGEMENT_LATE, UPDATE_GAP, TARGET_RESOLUTION_MISSED, REVIEW_LATE, REVIEW_SKIPPED,
    /** From the review's follow-ups ({@link FollowUpFindings}): open past its due date, or done after it. */
    FOLLOW_UP_OVERDUE,
    /** A SEV1 or SEV2 review without an action item of type prevent ({@link FollowUpFindings}). */
    REVIEW_WITHOUT_ACTIONS;

    /**
     * The breaches judged from the incident's history: the read model keeps these. A follow-up's
     * lateness comes from the follow-ups' own table ({@link FollowUpFindings}).
     */
    public static final Set<Kind> FROM_HISTORY = EnumSet.complementOf(EnumSet.of(FOLLOW_UP_OVERDUE));

    public String id() {
      return Wording.id(this);
    }
  }

  /**
   * The breaches of an incident without the passage of time: those already settled by what happened,
   * and for an open incident the moment each pending one begins if nothing more happens. At any
   * {@code now}, {@link #of} finds the settled ones plus each pending one whose deadline lies before
   * {@code now} ({@link #at}); the read model stores this so its rows stay right as time passes.
   *
   * @param settled the number of breaches of each kind, whatever the time
   * @param deadlines for an open incident: the kinds that begin once {@code now} passes the instant
   */
  public record Judgement(Map<Kind, Integer> settled, Map<Kind, Instant> deadlines) {

    /** The kind of each breach at {@code now}, a kind once per breach. */
    public List<String> at(Instant now) {
      List<String> kinds = new ArrayList<>();
      for (Kind kind : Kind.values()) {
        int count = settled.getOrDefault(kind, 0);
        Instant deadline = deadlines.get(kind);
        if (deadline != null && now.isAfter(deadline)) {
          count++;
        }
        for (int i = 0; i < count; i++) {
          kinds.add(kind.id());
        }
      }
      return kinds;
    }
  }

  /** The action item type a SEV1 or SEV2 review must have at least one of. */
  static final String PREVENT = "prevent";

  /** Later than any incident's time: the end of an open incident when judging without the clock. */
  private static final Instant NEVER = Instant.parse("9999-01-01T00:00:00Z");

  private final Duration updateTolerance;

  /** @param updateTolerance slack on top of the update cadence before a silence is a breach */
  public Breaches(Duration updateTolerance) {
    this.updateTolerance = updateTolerance;
  }

  public List<Breach> of(IncidentHistory h, KeyTimes times, Instant now) {
    Instant end = h.closed() ? h.endTime() : now;
    List<Breach> breaches = new ArrayList<>();
    acknowledgement(h, times, end).ifPresent(breaches::add);
    breaches.addAll(updateGaps(h, times, end));
    targetResolution(h, times, end).ifPresent(breaches::add);
    review(h, times, now).ifPresent(breaches::add);
    reviewWithoutActions(h, times).ifPresent(breaches::add);
    return breaches;
  }

  /**
   * A SEV1 or SEV2 review that agreed no action item of type prevent. Only reviews that recorded their
   * action items ({@code actionItems}, even an empty list) as JSON, the way Tasklist submits them, are
   * judged: one made before the SOP asked for them (free text only) is not.
   */
  private static Optional<Breach> reviewWithoutActions(IncidentHistory h, KeyTimes times) {
    boolean severe = h.severity().map(s -> s == Severity.SEV1 || s == Severity.SEV2).orElse(false);
    boolean recorded = h.changes().stream().anyMatch(change -> IncidentVariable.ACTION_ITEMS.id().equals(change.name()));
    if (!severe || times.reviewDoneAt() == null || !recorded) {
      return Optional.empty();
    }
    List<ActionItem> items;
    try {
      items = ActionItem.listOf(h.variable(IncidentVariable.ACTION_ITEMS));
    } catch (IllegalArgumentException unreadable) {
      return Optional.empty(); // not JSON (a serialized Java value set through the Java API): not judged
    }
    if (items.stream().anyMatch(i -> PREVENT.equals(i.type()))) {
      return Optional.empty();
    }
    return Optional.of(new Breach(Kind.REVIEW_WITHOUT_ACTIONS.id(), "the " + h.severity().orElseThrow()
        + " review agreed no action item of type prevent", times.reviewDoneAt(), times.reviewDoneAt()));
  }

  /** What {@link #of} finds at any time, without the time: see {@link Judgement}. */
  public Judgement judge(IncidentHistory h, KeyTimes times) {
    Map<Kind, Integer> settled = new EnumMap<>(Kind.class);
    Map<Kind, Instant> deadlines = new EnumMap<>(Kind.class);
    for (Breach breach : of(h, times, h.closed() ? h.endTime() : NEVER)) {
      Kind kind = Kind.valueOf(breach.kind().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
      if (!h.closed() && breach.actual() == null && kind != Kind.REVIEW_SKIPPED) {
        // Still open and not yet happened: a breach only once the clock passes its start.
        deadlines.put(kind, kind == Kind.UPDATE_GAP ? breach.expectedBy().plus(updateTolerance) : breach.expectedBy());
      } else {
        settled.merge(kind, 1, Integer::sum);
      }
    }
    return new Judgement(settled, deadlines);
  }

  /** The timeout of the severity in force when the incident was (or should have been) acknowledged. */
  private static Optional<Breach> acknowledgement(IncidentHistory h, KeyTimes times, Instant end) {
    Instant reported = times.reportedAt();
    Instant acknowledged = times.acknowledgedAt();
    Duration timeout = IncidentVariables.duration(h.valueAt(IncidentVariable.ACK_TIMEOUT,
        acknowledged != null ? acknowledged : reported));
    if (timeout == null || reported == null) {
      return Optional.empty();
    }
    Instant due = reported.plus(timeout);
    if (!(acknowledged != null ? acknowledged : end).isAfter(due)) {
      return Optional.empty();
    }
    return Optional.of(breach(Kind.ACKNOWLEDGEMENT_LATE, acknowledged != null
        ? "acknowledged " + span(Duration.between(reported, acknowledged)) + " after report; timeout " + timeout
        : "not acknowledged; timeout " + timeout, due, acknowledged));
  }

  /**
   * From the first stakeholder update until resolution, no silence longer than the cadence in force
   * (plus the tolerance). Each gap is measured against the cadence at its start.
   */
  private List<Breach> updateGaps(IncidentHistory h, KeyTimes times, Instant end) {
    List<Instant> updates = h.notifications().stream().filter(Notification::stakeholderUpdate)
        .map(Notification::sentAt).filter(Objects::nonNull).sorted().toList();
    if (updates.isEmpty()) {
      return List.of();
    }
    Instant resolved = times.resolvedAt();
    Instant updatesEnd = resolved != null ? resolved : end;
    List<Instant> points = new ArrayList<>(updates.stream().filter(t -> !t.isAfter(updatesEnd)).toList());
    points.add(updatesEnd);
    List<Breach> gaps = new ArrayList<>();
    for (int i = 1; i < points.size(); i++) {
      Instant from = points.get(i - 1);
      Instant to = points.get(i);
      Duration cadence = IncidentVariables.duration(h.valueAt(IncidentVariable.UPDATE_CADENCE, from));
      if (cadence == null) {
        continue;
      }
      Duration gap = Duration.between(from, to);
      if (gap.compareTo(cadence.plus(updateTolerance)) > 0) {
        boolean last = i == points.size() - 1;
        gaps.add(breach(Kind.UPDATE_GAP, "no stakeholder update for " + span(gap) + " after " + from
            + (last ? (resolved != null ? " until resolution" : " until now") : "") + "; cadence " + cadence,
            from.plus(cadence), last ? null : to));
      }
    }
    return gaps;
  }

  private static Optional<Breach> targetResolution(IncidentHistory h, KeyTimes times, Instant end) {
    Instant target = h.instant(IncidentVariable.TARGET_RESOLUTION_AT);
    Instant resolved = times.resolvedAt();
    if (target == null || !(resolved != null ? resolved : end).isAfter(target)) {
      return Optional.empty();
    }
    return Optional.of(breach(Kind.TARGET_RESOLUTION_MISSED, resolved != null
        ? "resolved " + span(Duration.between(target, resolved)) + " after the target resolution time"
        : "not resolved by the target resolution time", target, resolved));
  }

  /** Late, or skipped although mandatory. A review is due only by its own date, not by the incident's end. */
  private static Optional<Breach> review(IncidentHistory h, KeyTimes times, Instant now) {
    Instant due = h.instant(IncidentVariable.REVIEW_DUE_AT);
    Instant done = times.reviewDoneAt();
    if (done != null) {
      return due != null && done.isAfter(due)
          ? Optional.of(breach(Kind.REVIEW_LATE, "review completed " + span(Duration.between(due, done))
              + " after its due date", due, done))
          : Optional.empty();
    }
    if (!h.reviewMandatory()) {
      return Optional.empty();
    }
    if (h.closed()) {
      return Optional.of(breach(Kind.REVIEW_SKIPPED, "the review is mandatory for "
          + orDash(h.string(IncidentVariable.SEVERITY)) + " but the incident was closed without one", due, null));
    }
    return due != null && now.isAfter(due)
        ? Optional.of(breach(Kind.REVIEW_LATE, "review not completed, due " + due, due, null))
        : Optional.empty();
  }

  private static Breach breach(Kind kind, String description, Instant expectedBy, Instant actual) {
    return new Breach(kind.id(), description, expectedBy, actual);
  }
}
