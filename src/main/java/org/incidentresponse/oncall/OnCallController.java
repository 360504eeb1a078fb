package org.incidentresponse.oncall;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.incidentresponse.api.ApiDocumentation;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Who is on call, the iCalendar and CSV exports, and overrides. Any logged-in user may read
 * ({@code apiFilterChain}); overrides and reloads need one of {@code incident-response.oncall.override-groups}.
 * Writes take JSON only, which a cross-site HTML form cannot send.
 */
@RestController
@RequestMapping("/api/oncall")
@Tag(name = "On call", description = "Who is on call, schedules as iCalendar and CSV, overrides")
@SecurityRequirement(name = ApiDocumentation.CAMUNDA_LOGIN)
@SecurityRequirement(name = ApiDocumentation.CAMUNDA_SESSION)
public class OnCallController {

  public static final String TEXT_CALENDAR = "text/calendar";
  public static final String TEXT_CSV = "text/csv";

  private final OnCall onCall;
  private final OnCallOverrides overrides;
  private final OnCallProperties properties;
  private final IdentityService identity;
  private final CalendarLinks calendarLinks;

  public OnCallController(OnCall onCall, OnCallOverrides overrides, OnCallProperties properties,
      IdentityService identity, CalendarLinks calendarLinks) {
    this.calendarLinks = calendarLinks;
    this.onCall = onCall;
    this.overrides = overrides;
    this.properties = properties;
    this.identity = identity;
  }

  /** One shift as the API shows it. */
  public record ShiftView(String user, Instant start, Instant end) {
    static ShiftView of(Shift shift) {
      return shift == null ? null : new ShiftView(shift.user(), shift.start(), shift.end());
    }
  }

  /** A team's primary and secondary at one moment; null where nobody is on call. */
  public record TeamOnCall(String team, String name, String timeZone, Instant at, ShiftView primary,
      ShiftView secondary) {}

  /** {@code start} and {@code end}: ISO-8601 with an offset, or local date-times in the team's time zone. */
  public record OverrideRequest(String team, String layer, String user, String start, String end) {}

  /** How many teams and services the catalog in force has. */
  public record CatalogSummary(int teams, int services) {}

  public record OverrideView(String id, String team, String layer, String user, Instant start, Instant end,
      String createdBy, Instant createdAt) {}

  @Operation(summary = "Who is on call for one team, now or at a given time")
  @ApiResponse(responseCode = "200", description = "The team's primary and secondary and their shifts", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "400", description = "at is not an ISO-8601 time")
  @ApiResponse(responseCode = "404", description = "No such team")
  @GetMapping(params = "team", produces = MediaType.APPLICATION_JSON_VALUE)
  public TeamOnCall team(@RequestParam String team, @RequestParam(required = false) String at) {
    Team known = team(team);
    return now(known, at == null || at.isBlank() ? ClockUtil.now().toInstant() : instant("at", at, known.schedule().zone()));
  }

  @Operation(summary = "Who is on call for every team, now or at a given time")
  @ApiResponse(responseCode = "200", description = "Each team's primary and secondary", useReturnTypeSchema = true)
  @GetMapping(params = "!team", produces = MediaType.APPLICATION_JSON_VALUE)
  public List<TeamOnCall> teams(@RequestParam(required = false) String at) {
    Instant moment = at == null || at.isBlank() ? ClockUtil.now().toInstant() : instant("at", at, ZoneId.of("UTC"));
    return onCall.catalog().teams().values().stream().sorted(Comparator.comparing(Team::id))
        .map(team -> now(team, moment)).toList();
  }

  private TeamOnCall now(Team team, Instant at) {
    return new TeamOnCall(team.id(), team.name(), team.schedule().zone().getId(), at,
        ShiftView.of(onCall.at(team, OnCallRole.PRIMARY, at).orElse(null)),
        ShiftView.of(onCall.at(team, OnCallRole.SECONDARY, at).orElse(null)));
  }

  @Operation(summary = "A team's shifts as an iCalendar feed (each event's summary is the user on call)")
  @ApiResponse(responseCode = "200", description = "text/calendar")
  @ApiResponse(responseCode = "404", description = "No such team")
  @GetMapping(value = "/{team}.ics", produces = TEXT_CALENDAR)
  public ResponseEntity<String> teamCalendar(@PathVariable String team) {
    Team known = team(team);
    List<CalendarExport.Entry> entries = new ArrayList<>();
    for (OnCallRole role : OnCallRole.values()) {
      onCall.shifts(known, role, calendarFrom(), calendarTo())
          .forEach(shift -> entries.add(new CalendarExport.Entry(known.id(), role, shift)));
    }
    return calendar(CalendarExport.write("On call: " + known.name(), entries, true));
  }

  @Operation(summary = "One user's shifts in every team as an iCalendar feed")
  @ApiResponse(responseCode = "200", description = "text/calendar")
  @GetMapping(value = "/users/{user}.ics", produces = TEXT_CALENDAR)
  public ResponseEntity<String> userCalendar(@PathVariable String user) {
    return calendar(CalendarExport.write("On call: " + user, onCall.userShifts(user, properties), false));
  }

  /** The caller's secret calendar link: subscribe to it in a calendar app, which cannot log in. */
  public record CalendarLink(String user, String url) {}

  @Operation(summary = "Your secret calendar link (your shifts as iCalendar, opened without a login)")
  @ApiResponse(responseCode = "200", description = "The link in force", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "404", description = "You have no link: POST makes one")
  @GetMapping(value = "/calendar-link", produces = MediaType.APPLICATION_JSON_VALUE)
  public CalendarLink calendarLink(Authentication caller) {
    return calendarLinks.url(caller.getName()).map(url -> new CalendarLink(caller.getName(), url))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
            "you have no calendar link; POST /api/oncall/calendar-link makes one"));
  }

  @Operation(summary = "Make a new secret calendar link for yourself; the one before stops working at once")
  @ApiResponse(responseCode = "201", description = "The new link", useReturnTypeSchema = true)
  @PostMapping(value = "/calendar-link", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<CalendarLink> rotateCalendarLink(Authentication caller) {
    String url = calendarLinks.rotate(caller.getName(), ClockUtil.now().toInstant());
    return ResponseEntity.status(HttpStatus.CREATED).body(new CalendarLink(caller.getName(), url));
  }

  @Operation(summary = "Revoke your secret calendar link")
  @ApiResponse(responseCode = "204", description = "The link no longer works")
  @ApiResponse(responseCode = "404", description = "You had no link")
  @org.springframework.web.bind.annotation.DeleteMapping("/calendar-link")
  public ResponseEntity<Void> revokeCalendarLink(Authentication caller) {
    if (!calendarLinks.revoke(caller.getName())) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "you have no calendar link");
    }
    return ResponseEntity.noContent().build();
  }

  @Operation(summary = "Hours on call per team, layer and user in one month (in each team's time zone), for on-call pay")
  @ApiResponse(responseCode = "200", description = "text/csv: team,layer,user,hours")
  @ApiResponse(responseCode = "400", description = "month is not YYYY-MM")
  @GetMapping(value = "/hours.csv", produces = TEXT_CSV)
  public ResponseEntity<String> hours(@RequestParam String month) {
    YearMonth yearMonth;
    try {
      yearMonth = YearMonth.parse(month);
    } catch (DateTimeException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "month must be a month such as 2026-11");
    }
    StringBuilder csv = new StringBuilder("team,layer,user,hours\r\n");
    for (Team team : onCall.catalog().teams().values().stream().sorted(Comparator.comparing(Team::id)).toList()) {
      ZoneId zone = team.schedule().zone();
      Instant from = yearMonth.atDay(1).atStartOfDay(zone).toInstant();
      Instant to = yearMonth.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
      for (OnCallRole role : OnCallRole.values()) {
        Map<String, Duration> perUser = new TreeMap<>();
        onCall.shifts(team, role, from, to).forEach(shift ->
            perUser.merge(shift.user(), Duration.between(shift.start(), shift.end()), Duration::plus));
        perUser.forEach((user, time) -> csv.append(csv(team.id())).append(',').append(role.id()).append(',')
            .append(csv(user)).append(',').append(String.format(java.util.Locale.ROOT, "%.2f", time.toMinutes() / 60.0))
            .append("\r\n"));
      }
    }
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(TEXT_CSV + ";charset=UTF-8"))
        .header("Content-Disposition", "attachment; filename=\"oncall-hours-" + yearMonth + ".csv\"").body(csv.toString());
  }

  @Operation(summary = "Let a user cover part of a team's primary or secondary duty")
  @ApiResponse(responseCode = "201", description = "The override, in force at once", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "400", description = "A field missing or not valid; nothing is created")
  @ApiResponse(responseCode = "403", description = "Not in one of the groups allowed to override")
  @PostMapping(value = "/overrides", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<OverrideView> override(@RequestBody OverrideRequest request, Authentication caller) {
    allowed(caller);
    if (request == null) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "send team, layer, user, start and end");
    }
    Team team = onCall.catalog().team(required("team", request.team()))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown team '" + request.team() + "'"));
    OnCallRole role = OnCallRole.of(required("layer", request.layer()))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "layer must be primary or secondary"));
    String user = required("user", request.user());
    if (identity.createUserQuery().userId(user).count() == 0) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown user '" + user + "'");
    }
    Instant start = instant("start", required("start", request.start()), team.schedule().zone());
    Instant end = instant("end", required("end", request.end()), team.schedule().zone());
    if (!end.isAfter(start)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "end must be after start");
    }
    if (Duration.between(start, end).compareTo(Duration.ofDays(366)) > 0) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "an override may last a year at most");
    }
    ShiftOverride created = overrides.add(team.id(), role, user, start, end, caller.getName(), ClockUtil.now().toInstant());
    return ResponseEntity.status(HttpStatus.CREATED).body(new OverrideView(created.id(), created.team(),
        created.role().id(), created.user(), created.start(), created.end(), created.createdBy(), created.createdAt()));
  }

  @Operation(summary = "Read the catalog again; an invalid catalog is refused and the one in force stays")
  @ApiResponse(responseCode = "200", description = "The number of teams and services now in force")
  @ApiResponse(responseCode = "422", description = "The catalog is invalid: every problem is listed")
  @PostMapping(value = "/catalog/reload", produces = MediaType.APPLICATION_JSON_VALUE)
  public CatalogSummary reload(Authentication caller) {
    allowed(caller);
    try {
      Catalog catalog = onCall.reload();
      return new CatalogSummary(catalog.teams().size(), catalog.services().size());
    } catch (InvalidCatalogException e) {
      throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY,
          "the catalog is invalid and was not applied: " + String.join("; ", e.problems()));
    }
  }

  private void allowed(Authentication caller) {
    boolean member = caller != null && caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .anyMatch(properties.overrideGroups()::contains);
    if (!member) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN,
          "changing the on-call plan needs membership of one of the groups " + properties.overrideGroups());
    }
  }

  private Team team(String id) {
    return onCall.catalog().team(id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no team '" + id + "' in the catalog"));
  }

  private static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, field + " is required");
    }
    return value.strip();
  }

  private static Instant instant(String field, String value, ZoneId zone) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeException withoutOffset) {
      try {
        return LocalDateTime.parse(value).atZone(zone).toInstant();
      } catch (DateTimeException e) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
            field + " must be an ISO-8601 time such as 2026-11-30T18:00:00+01:00 or 2026-11-30T18:00");
      }
    }
  }

  private Instant calendarFrom() {
    return ClockUtil.now().toInstant().minus(Duration.ofDays(properties.calendarPastDays()));
  }

  private Instant calendarTo() {
    return ClockUtil.now().toInstant().plus(Duration.ofDays(properties.calendarFutureDays()));
  }

  private static ResponseEntity<String> calendar(String body) {
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(TEXT_CALENDAR + ";charset=UTF-8")).body(body);
  }

  private static String csv(String value) {
    return "\"" + value.replace("\"", "\"\"") + "\"";
  }
}
