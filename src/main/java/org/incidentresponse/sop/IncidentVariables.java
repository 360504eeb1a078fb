package org.incidentresponse.sop;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Typed reads and writes of an incident's variables ({@link IncidentVariable}), over whatever holds
 * them: a running execution or task ({@link VariableScope}), or a map (start variables, the audit's
 * copy of history). Values come back as the SOP writes them in any of its forms: a moment is a
 * {@link Date} when Java or the engine set it and an ISO string when a form or an expression did.
 */
public final class IncidentVariables {

  private static final DateTimeFormatter ENGINE_JSON_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  private final Function<String, Object> reader;
  private final Predicate<String> present;
  private final BiConsumer<String, Object> writer;

  private IncidentVariables(Function<String, Object> reader, Predicate<String> present,
      BiConsumer<String, Object> writer) {
    this.reader = reader;
    this.present = present;
    this.writer = writer;
  }

  /** An execution's or task's variables; writes go where the engine puts them (the process instance, usually). */
  public static IncidentVariables of(VariableScope scope) {
    return new IncidentVariables(scope::getVariable, scope::hasVariable, scope::setVariable);
  }

  /** A map of variables; writes go into the map (which must then be mutable). */
  public static IncidentVariables of(Map<String, Object> variables) {
    return new IncidentVariables(variables::get, variables::containsKey, variables::put);
  }

  // ---- generic ---------------------------------------------------------------------------------

  public Object get(IncidentVariable variable) {
    return reader.apply(variable.id());
  }

  /** Whether the variable exists, even with a null value. */
  public boolean has(IncidentVariable variable) {
    return present.test(variable.id());
  }

  public IncidentVariables set(IncidentVariable variable, Object value) {
    writer.accept(variable.id(), value);
    return this;
  }

  /** Sets the value only where the variable is absent or null. */
  public IncidentVariables setIfAbsent(IncidentVariable variable, Object value) {
    if (get(variable) == null) {
      set(variable, value);
    }
    return this;
  }

  /** The value as text, or null. */
  public String string(IncidentVariable variable) {
    Object value = get(variable);
    return value == null ? null : value.toString();
  }

  /** True for {@code Boolean.TRUE} and for the text {@code true} (a Json or String variable). */
  public boolean isTrue(IncidentVariable variable) {
    Object value = get(variable);
    return Boolean.TRUE.equals(value) || "true".equals(value);
  }

  /** A moment written as a {@link Date}, an {@link Instant} or an ISO-8601 string; null when absent or unreadable. */
  public Instant instant(IncidentVariable variable) {
    return instant(get(variable));
  }

  /** An ISO-8601 duration such as {@code PT4H}; null when absent or unreadable. */
  public Duration duration(IncidentVariable variable) {
    return duration(get(variable));
  }

  // ---- the ones every feature reads ------------------------------------------------------------

  public String incidentNumber() {
    return string(IncidentVariable.INCIDENT_NUMBER);
  }

  public IncidentVariables incidentNumber(String number) {
    return set(IncidentVariable.INCIDENT_NUMBER, number);
  }

  /** The severity in force (proposed until the commander classifies), if it is one of the SOP's. */
  public Optional<Severity> severity() {
    return Severity.parse(string(IncidentVariable.SEVERITY));
  }

  public Optional<Severity> proposedSeverity() {
    return Severity.parse(string(IncidentVariable.PROPOSED_SEVERITY));
  }

  /** A drill exercises the SOP without a real outage; metrics leave drills out. */
  public boolean drill() {
    return isTrue(IncidentVariable.DRILL);
  }

  public String title() {
    return string(IncidentVariable.TITLE);
  }

  public Instant reportedAt() {
    return instant(IncidentVariable.REPORTED_AT);
  }

  // ---- value conversions, shared with the audit ------------------------------------------------

  /** A moment in any form the SOP stores one; null when absent or unreadable. */
  public static Instant instant(Object value) {
    if (value instanceof Date date) {
      return date.toInstant();
    }
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    String text = value.toString().strip();
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notIso) {
      try {
        // Camunda's JSON form of a Date variable: 2026-11-30T10:00:00.000+0000
        return OffsetDateTime.parse(text, ENGINE_JSON_DATE).toInstant();
      } catch (DateTimeParseException unreadable) {
        return null;
      }
    }
  }

  /** An ISO-8601 duration; null when absent or unreadable. */
  public static Duration duration(Object value) {
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    try {
      return Duration.parse(value.toString().strip());
    } catch (DateTimeParseException unreadable) {
      return null;
    }
  }
}
