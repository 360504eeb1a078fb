package org.incidentresponse.oncall;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One layer of a schedule: a rotation, or an iCalendar feed. */
interface ShiftSource {

  /** The layer's shifts that overlap [from, to), clipped to it, in time order. */
  List<Shift> shifts(Instant from, Instant to);

  /** How far back and ahead one must look to see a whole shift of this layer. */
  Duration longestShift();

  /** The users this layer names, for validating them against the user directory. */
  List<String> users();
}
