package org.incidentresponse.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.incidentresponse.audit.IncidentReport.Breach;
import org.incidentresponse.audit.IncidentReport.ChecklistItem;
import org.incidentresponse.audit.IncidentReport.Summary;
import org.incidentresponse.audit.IncidentReport.TimelineEntry;
import org.incidentresponse.followup.FollowUps;
import org.springframework.web.util.HtmlUtils;

/** An incident report as Markdown (for a ticket) or HTML (for a browser): all user text escaped. */
public final class ReportRendering {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  private ReportRendering() {}

  public static String markdown(IncidentReport report) {
    Summary s = report.incident();
    StringBuilder md = new StringBuilder();
    md.append("# Incident ").append(md(s.number())).append(s.drill() ? " (DRILL)" : "").append(": ")
        .append(md(s.title())).append("\n\n");
    md.append("| | |\n| --- | --- |\n");
    row(md, "Status", report.statusText() + " (" + s.state() + ")");
    row(md, "Drill", s.drill() ? "yes: excluded from metrics" : "no");
    row(md, "Service", s.service());
    row(md, "Severity", s.severity() + (s.proposedSeverity() != null ? " (proposed " + s.proposedSeverity() + ")" : ""));
    row(md, "Reported", time(s.reportedAt()) + " by " + orDash(s.reporter()) + " via " + orDash(s.source()));
    row(md, "Acknowledged", time(s.acknowledgedAt()) + (s.acknowledgedBy() != null ? " by " + s.acknowledgedBy() : ""));
    row(md, "Mitigated", time(s.mitigatedAt()));
    row(md, "Resolved", time(s.resolvedAt()));
    row(md, "Closed", time(s.closedAt()));
    row(md, "Incident commander", s.incidentCommander());
    row(md, "Root cause", s.rootCause());
    row(md, "SOP version", s.sopVersion() + (s.sopVersionTag() == null || s.sopVersionTag().isBlank() ? ""
        : " (" + s.sopVersionTag() + ")"));
    row(md, "SOP versions run on", versions(s));
    row(md, "Checklist", s.checklistDone() + " of " + s.checklistTotal() + " done");
    row(md, "Breaches", String.valueOf(s.breachCount()));

    md.append("\n## SOP checklist\n\n| # | Item | Status | By | When | Evidence |\n| --- | --- | --- | --- | --- | --- |\n");
    for (ChecklistItem item : report.checklist()) {
      md.append("| ").append(item.number()).append(" | ").append(cell(item.label())).append(" | ")
          .append(item.satisfied() ? "✅ " : "❌ ").append(cell(item.status())).append(" | ").append(cell(item.by()))
          .append(" | ").append(time(item.at())).append(" | ").append(cell(item.evidence())).append(" |\n");
    }

    md.append("\n## Breaches\n\n");
    if (report.breaches().isEmpty()) {
      md.append("None.\n");
    } else {
      md.append("| Breach | Expected by | Actual | Detail |\n| --- | --- | --- | --- |\n");
      for (Breach b : report.breaches()) {
        md.append("| ").append(cell(b.kind())).append(" | ").append(time(b.expectedBy())).append(" | ")
            .append(time(b.actual())).append(" | ").append(cell(b.description())).append(" |\n");
      }
    }

    md.append("\n## Follow-ups\n\n");
    if (report.followUps().isEmpty()) {
      md.append("None.\n");
    } else {
      md.append("| # | Action item | Type | Owner | Due | Status | Evidence | Closed by | When |\n"
          + "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
      for (FollowUps.FollowUpItem f : report.followUps()) {
        md.append("| ").append(f.index()).append(" | ").append(cell(f.title())).append(" | ").append(cell(f.type()))
            .append(" | ").append(cell(f.owner())).append(" | ").append(f.dueDate()).append(" | ").append(cell(f.status()))
            .append(" | ").append(cell(join(f.evidenceUrl(), f.note()))).append(" | ").append(cell(f.closedBy()))
            .append(" | ").append(f.closedAt() == null ? "" : time(f.closedAt())).append(" |\n");
      }
    }

    md.append("\n## SOP acknowledgements\n\n");
    if (report.acknowledgements().isEmpty()) {
      md.append("Nobody worked on a task yet.\n");
    } else {
      md.append("| Who | SOP version | Acknowledged | When |\n| --- | --- | --- | --- |\n");
      for (IncidentReport.SopAcknowledgement a : report.acknowledgements()) {
        md.append("| ").append(cell(a.userId())).append(" | ").append(a.version()).append(" | ").append(cell(a.status()))
            .append(" | ").append(a.acknowledgedAt() == null ? "" : time(a.acknowledgedAt())).append(" |\n");
      }
    }

    md.append("\n## Timeline\n\n| Time | Ended | What | Detail | Who |\n| --- | --- | --- | --- | --- |\n");
    for (TimelineEntry e : report.timeline()) {
      md.append("| ").append(time(e.time())).append(" | ").append(e.end() == null ? "" : time(e.end())).append(" | ")
          .append(cell(e.kind())).append(": ").append(cell(e.title())).append(" | ").append(cell(e.detail()))
          .append(" | ").append(cell(e.actor())).append(" |\n");
    }
    return md.toString();
  }

  public static String html(IncidentReport report) {
    Summary s = report.incident();
    StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(h(s.number())).append("</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
            + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}.missing{color:#b00}"
            + ".breach{color:#b00}</style></head><body>\n");
    html.append("<h1>Incident ").append(h(s.number())).append(s.drill() ? " (DRILL)" : "").append(": ")
        .append(h(s.title())).append("</h1>\n<table>");
    hrow(html, "Status", report.statusText() + " (" + s.state() + ")");
    hrow(html, "Service", s.service());
    hrow(html, "Severity", s.severity());
    hrow(html, "Reported", time(s.reportedAt()) + " by " + orDash(s.reporter()));
    hrow(html, "Acknowledged", time(s.acknowledgedAt()));
    hrow(html, "Resolved", time(s.resolvedAt()));
    hrow(html, "Closed", time(s.closedAt()));
    hrow(html, "Root cause", s.rootCause());
    hrow(html, "SOP version", String.valueOf(s.sopVersion()));
    hrow(html, "SOP versions run on", versions(s));
    html.append("</table>\n<h2>SOP checklist</h2>\n<table><tr><th>#</th><th>Item</th><th>Status</th><th>By</th>"
        + "<th>When</th><th>Evidence</th></tr>\n");
    for (ChecklistItem item : report.checklist()) {
      html.append("<tr class=\"").append(item.satisfied() ? "done" : "missing").append("\"><td>").append(item.number())
          .append("</td><td>").append(h(item.label())).append("</td><td>").append(h(item.status())).append("</td><td>")
          .append(h(item.by())).append("</td><td>").append(h(time(item.at()))).append("</td><td>")
          .append(h(item.evidence())).append("</td></tr>\n");
    }
    html.append("</table>\n<h2>Breaches</h2>\n");
    if (report.breaches().isEmpty()) {
      html.append("<p>None.</p>\n");
    } else {
      html.append("<ul>");
      report.breaches().forEach(b -> html.append("<li class=\"breach\"><b>").append(h(b.kind())).append("</b>: ")
          .append(h(b.description())).append("</li>"));
      html.append("</ul>\n");
    }
    html.append("<h2>Follow-ups</h2>\n");
    if (report.followUps().isEmpty()) {
      html.append("<p>None.</p>\n");
    } else {
      html.append("<table><tr><th>#</th><th>Action item</th><th>Type</th><th>Owner</th><th>Due</th><th>Status</th>"
          + "<th>Evidence</th><th>Closed by</th><th>When</th></tr>\n");
      for (FollowUps.FollowUpItem f : report.followUps()) {
        html.append("<tr><td>").append(f.index()).append("</td><td>").append(h(f.title())).append("</td><td>")
            .append(h(f.type())).append("</td><td>").append(h(f.owner())).append("</td><td>").append(f.dueDate())
            .append("</td><td").append(FollowUps.OVERDUE.equals(f.status()) ? " class=\"missing\">" : ">")
            .append(h(f.status())).append("</td><td>").append(h(join(f.evidenceUrl(), f.note()))).append("</td><td>")
            .append(h(f.closedBy())).append("</td><td>").append(f.closedAt() == null ? "" : h(time(f.closedAt())))
            .append("</td></tr>\n");
      }
      html.append("</table>\n");
    }
    html.append("<h2>SOP acknowledgements</h2>\n<table><tr><th>Who</th><th>SOP version</th><th>Acknowledged</th>"
        + "<th>When</th></tr>\n");
    for (IncidentReport.SopAcknowledgement a : report.acknowledgements()) {
      html.append("<tr><td>").append(h(a.userId())).append("</td><td>").append(a.version()).append("</td><td>")
          .append(h(a.status())).append("</td><td>").append(a.acknowledgedAt() == null ? "" : h(time(a.acknowledgedAt())))
          .append("</td></tr>\n");
    }
    html.append("</table>\n");
    html.append("<h2>Timeline</h2>\n<table><tr><th>Time</th><th>What</th><th>Detail</th><th>Who</th></tr>\n");
    for (TimelineEntry e : report.timeline()) {
      html.append("<tr><td>").append(h(time(e.time()))).append("</td><td>").append(h(e.kind())).append(": ")
          .append(h(e.title())).append("</td><td>").append(h(e.detail())).append("</td><td>").append(h(e.actor()))
          .append("</td></tr>\n");
    }
    return html.append("</table></body></html>\n").toString();
  }

  /** The evidence link and the note (or the won't do reason), either may be missing. */
  private static String join(String link, String note) {
    return java.util.stream.Stream.of(link, note).filter(t -> t != null && !t.isBlank())
        .collect(java.util.stream.Collectors.joining(" — "));
  }

  /** {@code 3 → 4 (migrated)}, or {@code 4} for an incident that stayed on its version. */
  private static String versions(Summary s) {
    List<Integer> versions = s.sopVersions() == null || s.sopVersions().isEmpty() ? List.of(s.sopVersion()) : s.sopVersions();
    return String.join(" → ", versions.stream().map(String::valueOf).toList()) + (versions.size() > 1 ? " (migrated)" : "");
  }

  private static void row(StringBuilder md, String label, String value) {
    md.append("| ").append(label).append(" | ").append(cell(value)).append(" |\n");
  }

  private static void hrow(StringBuilder html, String label, String value) {
    html.append("<tr><th>").append(h(label)).append("</th><td>").append(h(value)).append("</td></tr>");
  }

  static String time(Instant instant) {
    return instant == null ? "—" : TIME.format(instant);
  }

  /** Markdown text: every character that could start markup or HTML is backslash-escaped. */
  static String md(String text) {
    if (text == null) {
      return "—";
    }
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      if ("\\`*_{}[]()<>#+!|~&".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /** A Markdown table cell: escaped, on one line. */
  static String cell(String text) {
    return text == null ? "" : md(text).replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>");
  }

  private static String h(String text) {
    return text == null ? "" : HtmlUtils.htmlEscape(text);
  }

  private static String orDash(String text) {
    return text == null ? "—" : text;
  }
}
