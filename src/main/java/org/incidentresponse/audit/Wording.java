package org.incidentresponse.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.incidentresponse.audit.IncidentHistory.Notification;

/** How the audit words what it found, the same in the checklist's evidence, the breaches and the timeline. */
public final class Wording {

  private Wording() {}

  /** The output word of an enum constant: {@code NOT_NEEDED} → {@code not-needed}. */
  static String id(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** A notification as evidence: {@code template initial; to a@x, b@x; via smtp; "subject"}. */
  static String notification(Notification n) {
    return join("template " + orDash(n.template()), n.recipients().isEmpty() ? null : "to " + String.join(", ", n.recipients()),
        n.channel() == null ? null : "via " + n.channel(), n.subject() == null ? null : quoted(n.subject()));
  }

  /** {@code 7 min}, {@code 2 h 7 min}, {@code 3 d 2 h}: as precise as a reader needs. */
  public static String span(Duration d) {
    long minutes = d.toMinutes();
    if (minutes < 120) {
      return minutes + " min";
    }
    long hours = d.toHours();
    return hours < 48 ? hours + " h " + (minutes - hours * 60) + " min" : d.toDays() + " d " + (hours - d.toDays() * 24) + " h";
  }

  /** The parts that are there, separated by "; ". */
  static String join(String... parts) {
    List<String> present = new ArrayList<>();
    for (String part : parts) {
      if (part != null && !part.isBlank()) {
        present.add(part);
      }
    }
    return String.join("; ", present);
  }

  static String quoted(String text) {
    return text == null ? null : "\"" + text + "\"";
  }

  public static String orDash(String text) {
    return text == null || text.isBlank() ? "—" : text;
  }
}
