package org.incidentresponse.oncall;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * Shifts as an iCalendar (RFC 5545) file that calendar apps subscribe to, written by ical4j. Times are
 * in UTC, so no VTIMEZONE is needed and every app shows the shift in its own time zone. In a team's
 * export the summary is the user on call, so the file can itself serve as a schedule feed.
 */
final class CalendarExport {

  record Entry(String team, OnCallRole role, Shift shift) {}

  private CalendarExport() {}

  static String write(String name, List<Entry> entries, boolean summaryIsUser) {
    Calendar calendar = new Calendar();
    calendar.add(new ProdId("-//Incident Response//On call//EN"));
    calendar.add(ImmutableVersion.VERSION_2_0);
    calendar.add(ImmutableCalScale.GREGORIAN);
    calendar.add(new net.fortuna.ical4j.model.property.XProperty("X-WR-CALNAME", name));
    for (Entry entry : entries) {
      Shift shift = entry.shift();
      String summary = summaryIsUser ? shift.user() : "On call: " + entry.team() + " (" + entry.role().id() + ")";
      VEvent event = new VEvent(shift.start(), shift.end(), summary);
      event.add(new Uid(entry.team() + "-" + entry.role().id() + "-" + shift.start().getEpochSecond() + "-"
          + shift.user() + "@incident-response"));
      event.add(new Description(shift.user() + " is " + entry.role().id() + " on call for team " + entry.team()));
      calendar.add(event);
    }
    StringWriter out = new StringWriter();
    try {
      new CalendarOutputter(false).output(calendar, out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }
}
