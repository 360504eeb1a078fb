package org.incidentresponse.review;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.incidentresponse.followup.FollowUps;
import org.incidentresponse.followup.FollowUps.FollowUpItem;
import org.incidentresponse.sop.ActionItem;
import org.springframework.web.util.HtmlUtils;

/**
 * A post-incident review as Markdown (for a ticket or a wiki) and as an HTML page rendered from that
 * Markdown by commonmark-java. User text is Markdown-escaped, so it shows as typed and never makes a
 * link, a heading or HTML; the HTML renderer also escapes any raw HTML and sanitises URLs.
 */
public final class ReviewRendering {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);
  private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
  private static final HtmlRenderer HTML = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true)
      .sanitizeUrls(true).build();

  /** Characters that start Markdown or HTML anywhere in a line. */
  private static final String SPECIAL = "\\`*_{}[]()<>#!|~&";

  private ReviewRendering() {}

  /**
   * @param followUps the incident's follow-ups, one per action item (by its 1-based index): each row
   *     shows where its follow-up stands, so that the export answers "were the actions done?"
   */
  public static String markdown(PostIncidentReview r, List<FollowUpItem> followUps) {
    StringBuilder md = new StringBuilder();
    md.append("# Post-incident review: ").append(inline(r.number())).append(r.drill() ? " (DRILL)" : "").append(" — ")
        .append(inline(r.title())).append("\n\n");
    md.append("| | |\n| --- | --- |\n");
    row(md, "Service", r.service());
    row(md, "Severity", r.severity());
    row(md, "Incident commander", r.incidentCommander());
    row(md, "Reviewed", time(r.reviewedAt()) + " by " + orDash(r.reviewedBy())
        + (r.reviewDueAt() == null ? "" : " (due " + time(r.reviewDueAt()) + ")"));
    row(md, "Reported", time(r.times().reportedAt()));
    row(md, "Acknowledged", time(r.times().acknowledgedAt()) + " (" + ReviewDraft.span(r.times().reportedAt(),
        r.times().acknowledgedAt()) + " after the report)");
    row(md, "Mitigated", time(r.times().mitigatedAt()) + " (" + ReviewDraft.span(r.times().reportedAt(),
        r.times().mitigatedAt()) + ")");
    row(md, "Resolved", time(r.times().resolvedAt()) + " (" + ReviewDraft.span(r.times().reportedAt(),
        r.times().resolvedAt()) + ")");
    row(md, "Customer impact", r.impactDuration());
    md.append('\n');

    section(md, "Summary", r.summary());
    section(md, "Customer impact", join("Duration: " + orDash(r.impactDuration()), r.affected()));
    section(md, "Trigger", r.trigger());
    section(md, "Root causes", r.rootCause());
    section(md, "Detection", join("Detected by: " + orDash(r.detection()), r.detectionDetails()));
    section(md, "Resolution", r.resolution());

    md.append("## Timeline\n\n");
    List<String> moments = lines(r.timeline());
    if (moments.isEmpty()) {
      md.append("—\n\n");
    } else {
      moments.forEach(line -> md.append("- ").append(inline(line)).append('\n'));
      md.append('\n');
    }

    md.append("## Lessons learned\n\n");
    if (r.legacyLessonsLearned() != null && r.wentWell() == null) {
      md.append(paragraphs(r.legacyLessonsLearned())).append('\n');
    }
    md.append("### What went well\n\n").append(paragraphs(r.wentWell())).append('\n');
    md.append("### What went wrong\n\n").append(paragraphs(r.wentWrong())).append('\n');
    md.append("### Where we got lucky\n\n").append(paragraphs(r.lucky())).append('\n');

    md.append("## Action items\n\n");
    if (!r.actionItems().isEmpty()) {
      Map<Integer, FollowUpItem> byIndex = followUps.stream()
          .collect(Collectors.toMap(FollowUpItem::index, Function.identity(), (a, b) -> a));
      md.append("| # | Action | Type | Owner | Due | Ticket | Status | Evidence |\n"
          + "| --- | --- | --- | --- | --- | --- | --- | --- |\n");
      int n = 1;
      for (ActionItem item : r.actionItems()) {
        FollowUpItem followUp = byIndex.get(n);
        md.append("| ").append(n++).append(" | ").append(cell(item.title())).append(" | ").append(cell(item.type()))
            .append(" | ").append(cell(item.owner())).append(" | ").append(cell(item.dueDate())).append(" | ")
            .append(cell(item.ticketUrl())).append(" | ").append(cell(status(followUp))).append(" | ")
            .append(cell(evidence(followUp))).append(" |\n");
      }
    } else if (r.legacyActionItems() != null) {
      md.append(paragraphs(r.legacyActionItems())).append('\n');
    } else {
      md.append("None.\n");
    }
    return md.toString();
  }

  /** Where one action item's follow-up stands: open, overdue, or done / won't do, when and by whom. */
  static String status(FollowUpItem followUp) {
    if (followUp == null) {
      return "—";
    }
    if (followUp.isOpen()) {
      return followUp.status() + (followUp.assignee() == null || followUp.assignee().equals(followUp.owner())
          ? "" : ", with " + followUp.assignee());
    }
    String outcome = FollowUps.WONT_DO.equals(followUp.status()) ? "won't do" : followUp.status();
    return outcome + " " + time(followUp.closedAt()) + " by " + orDash(followUp.closedBy())
        + (Boolean.FALSE.equals(followUp.closedOnTime()) ? ", after its due date" : "");
  }

  /** The closing evidence: its link and the note. */
  static String evidence(FollowUpItem followUp) {
    if (followUp == null) {
      return "";
    }
    String link = followUp.evidenceUrl() == null ? "" : followUp.evidenceUrl().strip();
    String note = followUp.note() == null ? "" : followUp.note().strip().replaceAll("\\s+", " ");
    return link.isEmpty() ? note : note.isEmpty() ? link : link + " — " + note;
  }

  /** The Markdown rendered as a standalone HTML page. */
  public static String html(PostIncidentReview r, List<FollowUpItem> followUps) {
    String body = HTML.render(PARSER.parse(markdown(r, followUps)));
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Post-incident review "
        + HtmlUtils.htmlEscape(orDash(r.number())) + "</title><style>body{font-family:sans-serif;margin:2em;"
        + "max-width:60em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;"
        + "vertical-align:top}</style></head><body>\n" + body + "</body></html>\n";
  }

  private static void row(StringBuilder md, String label, String value) {
    md.append("| ").append(label).append(" | ").append(cell(value)).append(" |\n");
  }

  private static void section(StringBuilder md, String heading, String text) {
    md.append("## ").append(heading).append("\n\n").append(paragraphs(text)).append('\n');
  }

  /** User text as paragraphs: lines kept (hard breaks), blank lines separate paragraphs, all escaped. */
  static String paragraphs(String text) {
    if (text == null || text.isBlank()) {
      return "—\n";
    }
    List<String> lines = text.strip().lines().map(String::strip).toList();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isEmpty()) {
        out.append('\n');
        continue;
      }
      out.append(inline(line));
      boolean more = i + 1 < lines.size() && !lines.get(i + 1).isEmpty();
      out.append(more ? "\\\n" : "\n");
    }
    return out.toString();
  }

  /**
   * One line of user text, Markdown-escaped: every character that could start inline markup or HTML,
   * and at the start of the line whatever would make a list, a heading or a quote.
   */
  static String inline(String text) {
    if (text == null || text.isBlank()) {
      return "—";
    }
    String line = text.replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
    StringBuilder out = new StringBuilder();
    int leading = 0;
    while (leading < line.length() && line.charAt(leading) == ' ') {
      leading++;
    }
    line = line.substring(leading);
    int digits = 0;
    while (digits < line.length() && Character.isDigit(line.charAt(digits))) {
      digits++;
    }
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      boolean atStart = i == 0 && "-+=".indexOf(c) >= 0;
      boolean listNumber = i == digits && digits > 0 && (c == '.' || c == ')');
      if (SPECIAL.indexOf(c) >= 0 || atStart || listNumber) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /** A table cell: one line, escaped (a pipe cannot end the cell). */
  static String cell(String text) {
    return text == null || text.isBlank() ? "" : inline(text);
  }

  private static List<String> lines(String text) {
    return text == null ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  private static String join(String first, String second) {
    return second == null || second.isBlank() ? first : first + "\n" + second;
  }

  static String time(Instant instant) {
    return instant == null ? "—" : TIME.format(instant);
  }

  private static String orDash(String text) {
    return text == null || text.isBlank() ? "—" : text;
  }
}
