package org.incidentresponse.sop;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The comment a migrated incident gets in Camunda's history, "SOP migrated from version 3 to
 * version 4", with the migrating user and the time as the comment's own. One wording, written by the
 * migration and read back by the audit, so that both sides agree.
 */
public record SopMigrationNote(int from, int to) {

  private static final Pattern TEXT = Pattern.compile("SOP migrated from version (\\d+) to version (\\d+)");

  public String text() {
    return "SOP migrated from version " + from + " to version " + to;
  }

  /** The note in a comment's text; empty for any other comment. */
  public static Optional<SopMigrationNote> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = TEXT.matcher(text.strip());
    return m.matches() ? Optional.of(new SopMigrationNote(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))))
        : Optional.empty();
  }
}
