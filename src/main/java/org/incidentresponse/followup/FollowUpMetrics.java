package org.incidentresponse.followup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;

/**
 * How reviews' action items are followed through, over the rows of {@code incident_follow_up} agreed in a
 * period: per severity and per service, how many are open, done on time, done late, overdue and won't do,
 * and the median days from the review to done.
 */
@Service
public class FollowUpMetrics {

  /** One group's figures; {@code medianDaysToDone} is null without any done follow-up. */
  public record Figures(int total, int open, int overdue, int doneOnTime, int doneLate, int wontDo,
      Double medianDaysToDone) {}

  /** The period, all follow-ups agreed in it, and the same split by severity and by service. */
  public record Answer(Instant from, Instant to, Figures all, Map<String, Figures> bySeverity,
      Map<String, Figures> byService) {}

  private final FollowUpStore store;

  FollowUpMetrics(FollowUpStore store) {
    this.store = store;
  }

  public Answer between(Instant from, Instant to) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    List<FollowUpStore.Row> rows = store.createdBetween(from, to);
    return new Answer(from, to, figures(rows, now), split(rows, FollowUpStore.Row::severity, now),
        split(rows, FollowUpStore.Row::service, now));
  }

  private static Map<String, Figures> split(List<FollowUpStore.Row> rows, Function<FollowUpStore.Row, String> key,
      Instant now) {
    Map<String, List<FollowUpStore.Row>> groups = new TreeMap<>();
    rows.forEach(row -> groups.computeIfAbsent(key.apply(row) == null ? "unknown" : key.apply(row),
        k -> new ArrayList<>()).add(row));
    Map<String, Figures> figures = new TreeMap<>();
    groups.forEach((name, group) -> figures.put(name, figures(group, now)));
    return figures;
  }

  static Figures figures(List<FollowUpStore.Row> rows, Instant now) {
    int open = 0;
    int overdue = 0;
    int onTime = 0;
    int late = 0;
    int wontDo = 0;
    List<Double> daysToDone = new ArrayList<>();
    for (FollowUpStore.Row row : rows) {
      switch (FollowUps.status(row, now)) {
        case FollowUps.OPEN -> open++;
        case FollowUps.OVERDUE -> overdue++;
        case FollowUps.WONT_DO -> wontDo++;
        default -> {
          if (row.closedAt().isAfter(row.dueAt())) {
            late++;
          } else {
            onTime++;
          }
          daysToDone.add(Duration.between(row.createdAt(), row.closedAt()).toMinutes() / (60.0 * 24));
        }
      }
    }
    return new Figures(rows.size(), open, overdue, onTime, late, wontDo, median(daysToDone));
  }

  static Double median(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    double median = sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    return Math.round(median * 10) / 10.0;
  }
}
