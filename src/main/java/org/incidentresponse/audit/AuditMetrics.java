package org.incidentresponse.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Response times per severity over a period, drills excluded. Times are in minutes from the report.
 *
 * @param incidents real incidents reported in the period
 * @param drillsExcluded drills reported in the period, left out of every number here
 * @param covered every incident reported in the period, drills included: all of them were read, none
 *     left out by a limit ({@code incidents + drillsExcluded})
 * @param breaches breaches by kind
 */
public record AuditMetrics(Instant from, Instant to, int incidents, int drillsExcluded, int covered,
    int incidentsWithBreaches,
    Map<String, Integer> breaches, Reviews reviews, List<SeverityMetrics> bySeverity) {

  public record SeverityMetrics(String severity, int incidents, int closed, Stat acknowledge, Stat mitigate,
      Stat resolve, int incidentsWithBreaches, int breaches, Reviews reviews) {}

  /** Mean and percentiles (nearest rank) in minutes; null when there is nothing to measure. */
  public record Stat(int count, Double meanMinutes, Double p50Minutes, Double p90Minutes, Double p95Minutes) {}

  /**
   * @param done reviews completed
   * @param onTime completed by their due date
   * @param late completed after their due date
   * @param skipped mandatory reviews missing from a closed incident
   */
  public record Reviews(int done, int onTime, int late, int skipped) {}
}
