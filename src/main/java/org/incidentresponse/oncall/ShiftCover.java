package org.incidentresponse.oncall;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.incidentresponse.sop.ClasspathDeployment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The process {@code oncall/cover-oncall-shift.bpmn} ("Cover an on-call shift") and its forms: its
 * contract (process key, steps, variables), its deployment under a stable name (an unchanged diagram
 * makes no new version), and the check of what the responder taking over typed in Tasklist's start form.
 */
@Component
public class ShiftCover implements SmartInitializingSingleton {

  public static final String PROCESS_KEY = "cover-oncall-shift";
  public static final String DEPLOYMENT_NAME = "cover-oncall-shift";
  static final List<String> RESOURCES = List.of("oncall/cover-oncall-shift.bpmn", "oncall/cover-oncall-shift.form");

  /** The steps, in order; each has one name: its BPMN id (and, for the service tasks, its bean and template). */
  public static final String START = "StartEvent_ShiftTakenOver";
  public static final String TASK_CREATE_OVERRIDE = "Task_CreateShiftOverride";
  public static final String TASK_TELL_COVERED_PERSON = "Task_TellCoveredPerson";
  public static final String END = "EndEvent_ShiftCovered";

  /** From the start form. */
  public static final String TEAM = "coverTeam";
  public static final String LAYER = "coverLayer";
  /** Local date-times in the team's time zone (form-js without time zone), or ISO 8601 with an offset. */
  public static final String START_AT = "coverStart";
  public static final String END_AT = "coverEnd";
  public static final String NOTE = "coverNote";
  /** The responder who takes over: the process initiator, in whose name the override is made. */
  public static final String COVER_BY = "coverBy";
  /** Set when the start form is checked: the person on call then, who is covered and told. */
  public static final String COVERED_USER = "coveredUser";
  public static final String STARTS_AT = "coverStartsAt";
  public static final String ENDS_AT = "coverEndsAt";
  public static final String START_TEXT = "coverStartText";
  public static final String END_TEXT = "coverEndText";
  /** The override made at once in the taker's name. */
  public static final String OVERRIDE_ID = "coverOverrideId";

  static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.ENGLISH);

  private static final Logger log = LoggerFactory.getLogger(ShiftCover.class);

  private final RepositoryService repositoryService;
  private final OnCall onCall;
  private final IdentityService identityService;

  ShiftCover(RepositoryService repositoryService, OnCall onCall, IdentityService identityService) {
    this.repositoryService = repositoryService;
    this.onCall = onCall;
    this.identityService = identityService;
  }

  @Override
  public void afterSingletonsInstantiated() {
    Deployment deployment = ClasspathDeployment.deploy(repositoryService, DEPLOYMENT_NAME, PROCESS_KEY, RESOURCES);
    log.info("Cover an on-call shift deployment {}", deployment.getId());
  }

  /** A checked cover: who takes over from whom, in which team and duty, when. */
  record Cover(Team team, OnCallRole role, String coverBy, String coveredUser, Instant start, Instant end) {
    Map<String, Object> variables() {
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put(TEAM, team.id());
      variables.put(LAYER, role.id());
      variables.put(COVERED_USER, coveredUser);
      variables.put(STARTS_AT, Date.from(start));
      variables.put(ENDS_AT, Date.from(end));
      variables.put(START_TEXT, readable(start, team.schedule().zone()));
      variables.put(END_TEXT, readable(end, team.schedule().zone()));
      return variables;
    }
  }

  static String readable(Instant instant, ZoneId zone) {
    return READABLE.format(instant.atZone(zone)) + " (" + zone.getId() + ")";
  }

  /** Checks a cover as the start form sends it; every problem is listed in the exception's message. */
  Cover check(Map<String, ?> input, String coverBy, Instant now) {
    List<String> problems = new ArrayList<>();
    if (coverBy == null || coverBy.isBlank()) {
      throw new IllegalArgumentException("log in to cover a shift: the override is made in your name");
    }
    String teamId = text(input.get(TEAM));
    Team team = onCall.catalog().team(teamId).orElse(null);
    if (team == null) {
      problems.add(TEAM + ": there is no team '" + teamId + "' in the catalog");
    } else if (identityService.createUserQuery().userId(coverBy).memberOfGroup(team.group()).count() == 0) {
      problems.add(TEAM + ": only members of team " + team.id() + " (group " + team.group() + ") can cover its shifts");
    }
    OnCallRole role = OnCallRole.of(text(input.get(LAYER))).orElse(null);
    if (role == null) {
      problems.add(LAYER + ": choose primary or secondary");
    }
    ZoneId zone = team == null ? ZoneId.of("UTC") : team.schedule().zone();
    Instant start = time(input.get(START_AT), START_AT, zone, problems);
    Instant end = time(input.get(END_AT), END_AT, zone, problems);
    if (start != null && end != null) {
      if (!end.isAfter(start)) {
        problems.add(END_AT + ": the cover must end after it starts");
      } else if (Duration.between(start, end).compareTo(Duration.ofDays(366)) > 0) {
        problems.add(END_AT + ": a cover may last a year at most");
      }
      if (!end.isAfter(now)) {
        problems.add(END_AT + ": the cover must end in the future");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    Instant from = start.isBefore(now) ? now : start;
    Set<String> onCallThen = new LinkedHashSet<>();
    onCall.shifts(team, role, from, end).forEach(shift -> onCallThen.add(shift.user()));
    if (onCallThen.isEmpty()) {
      throw new IllegalArgumentException("nobody is " + role.id() + " on call for team " + team.id()
          + " then: there is no shift to cover");
    }
    if (onCallThen.size() > 1) {
      throw new IllegalArgumentException("that time spans the " + role.id() + " shifts of " + String.join(", ", onCallThen)
          + ": cover one person's shift at a time");
    }
    String covered = onCallThen.iterator().next();
    if (covered.equals(coverBy)) {
      throw new IllegalArgumentException("you are " + role.id() + " on call for team " + team.id() + " then yourself");
    }
    return new Cover(team, role, coverBy, covered, start, end);
  }

  /** A time as form-js gives it without time zone (local to the team), as ISO 8601 with an offset, or a Date. */
  static Instant time(Object value, String name, ZoneId zone, List<String> problems) {
    if (value instanceof Date date) {
      return date.toInstant();
    }
    String text = text(value);
    if (text.isEmpty()) {
      problems.add(name + ": a time is required, e.g. 2026-12-06T18:00");
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException withoutOffset) {
      try {
        return LocalDateTime.parse(text).atZone(zone).toInstant();
      } catch (DateTimeException invalid) {
        problems.add(name + ": '" + text + "' is not a time such as 2026-12-06T18:00");
        return null;
      }
    }
  }

  static String text(Object value) {
    return value == null ? "" : value.toString().strip();
  }
}
