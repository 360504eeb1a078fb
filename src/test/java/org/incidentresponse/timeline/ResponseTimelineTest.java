package org.incidentresponse.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResponseTimelineTest {

  private final ResponseTimeline timeline = new ResponseTimeline();

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void targetsAreCountedFromTheReportAndRoundedUpToTheMinute() {
    Date reported = Date.from(Instant.parse("2026-11-30T10:00:30Z"));
    assertThat(timeline.after(reported, "PT4H")).isEqualTo("2026-11-30T14:01Z");
    assertThat(timeline.after(reported, "P3D")).isEqualTo("2026-12-03T10:01Z");
    assertThat(timeline.after(reported, null)).isNull();
  }

  @Test
  void noScheduledUpdateWithoutACadence() {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-30T10:00:00Z")));
    assertThat(timeline.nextUpdateAt("PT30M")).isEqualTo("2026-11-30T10:30Z");
    assertThat(timeline.nextUpdateAt(null)).isNull();
    assertThat(timeline.nextUpdateAt("")).isNull();
  }

  @Test
  void reviewDueDateSkipsWeekendsForBusinessDays() {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-04T16:00:00Z"))); // a Friday
    assertThat(timeline.reviewDueAt(5, true)).isEqualTo("2026-12-11T16:00Z");
    assertThat(timeline.reviewDueAt(1, true)).isEqualTo("2026-12-07T16:00Z");
    assertThat(timeline.reviewDueAt(3, false)).isEqualTo("2026-12-07T16:00Z");
  }

  @Test
  void neverPromisesExactlyMidnightWhichTasklistsDatePickerShifts() {
    assertThat(timeline.after(Date.from(Instant.parse("2026-11-30T20:00:00Z")), "PT4H")).isEqualTo("2026-12-01T00:01Z");
  }
}
