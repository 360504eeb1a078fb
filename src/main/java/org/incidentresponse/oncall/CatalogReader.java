package org.incidentresponse.oncall;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.incidentresponse.oncall.CatalogFiles.LayerEntry;
import org.incidentresponse.oncall.CatalogFiles.RestrictionEntry;
import org.incidentresponse.oncall.CatalogFiles.ServiceEntry;
import org.incidentresponse.oncall.CatalogFiles.StepEntry;
import org.incidentresponse.oncall.CatalogFiles.TeamEntry;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Reads {@code teams.yaml}, {@code services.yaml} and Backstage's {@code catalog-info.yaml} from a
 * location, checks them as a whole, and compiles them into a {@link Catalog}. Any problem rejects the
 * whole catalog, with every problem found listed: a catalog is never applied in part.
 */
final class CatalogReader {

  static final String TEAMS = "teams.yaml";
  static final String SERVICES = "services.yaml";
  static final String BACKSTAGE = "catalog-info.yaml";

  private final ResourceLoader resources;
  private final Predicate<String> knownUser;
  private final Predicate<String> knownGroup;
  private final ObjectMapper strict = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private final ObjectMapper lenient = YAMLMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  CatalogReader(ResourceLoader resources, Predicate<String> knownUser, Predicate<String> knownGroup) {
    this.resources = resources;
    this.knownUser = knownUser;
    this.knownGroup = knownGroup;
  }

  Catalog read(String location, String defaultTeam) {
    List<String> problems = new ArrayList<>();
    CatalogFiles.Teams teamsFile = parse(location, TEAMS, CatalogFiles.Teams.class, problems);
    CatalogFiles.Services servicesFile = parse(location, SERVICES, CatalogFiles.Services.class, problems);
    Map<String, Team> teams = new LinkedHashMap<>();
    for (TeamEntry entry : teamsFile == null || teamsFile.teams() == null ? List.<TeamEntry>of() : teamsFile.teams()) {
      Team team = team(location, entry, problems);
      if (team != null && teams.putIfAbsent(team.id(), team) != null) {
        problems.add(TEAMS + ": team '" + team.id() + "' is declared twice");
      }
    }
    List<ServiceEntry> serviceEntries = new ArrayList<>(
        servicesFile == null || servicesFile.services() == null ? List.of() : servicesFile.services());
    serviceEntries.addAll(backstage(location, problems));
    Map<String, Service> services = new LinkedHashMap<>();
    for (ServiceEntry entry : serviceEntries) {
      Service service = service(entry, teams, problems);
      if (service != null && services.putIfAbsent(service.id(), service) != null) {
        problems.add(SERVICES + ": service '" + service.id() + "' is declared twice");
      }
    }
    if (defaultTeam != null && !teams.containsKey(defaultTeam)) {
      problems.add("incident-response.catalog.default-team: unknown team '" + defaultTeam + "'");
    }
    if (!problems.isEmpty()) {
      throw new InvalidCatalogException(location, problems);
    }
    return new Catalog(teams, services);
  }

  private <T> T parse(String location, String file, Class<T> type, List<String> problems) {
    Resource resource = resources.getResource(location + file);
    if (!resource.exists()) {
      return null;
    }
    try (InputStream in = resource.getInputStream()) {
      return strict.readValue(in, type);
    } catch (JsonProcessingException e) {
      // Jackson names its Java classes; a process owner needs the field and the line.
      problems.add(file + ": " + e.getOriginalMessage().replaceAll(" \\(class [^)]*\\)", "")
          .replace(", not marked as ignorable", "") + locationOf(e));
    } catch (IOException e) {
      problems.add(file + ": cannot be read: " + e.getMessage());
    }
    return null;
  }

  private static String locationOf(JsonProcessingException e) {
    return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
  }

  private Team team(String location, TeamEntry entry, List<String> problems) {
    if (blank(entry.id())) {
      problems.add(TEAMS + ": a team has no id");
      return null;
    }
    String where = TEAMS + ": team '" + entry.id() + "'";
    int before = problems.size();
    if (blank(entry.group())) {
      problems.add(where + ": no group (the Camunda group of the team's members)");
    } else if (!knownGroup.test(entry.group())) {
      problems.add(where + ": unknown group '" + entry.group() + "'");
    }
    OnCallSchedule schedule = schedule(location, where, entry.schedule(), problems);
    List<EscalationStep> escalation = escalation(where, entry, schedule, problems);
    int repeat = entry.repeat() == null ? 0 : entry.repeat();
    if (repeat < 0) {
      problems.add(where + ": repeat must not be negative");
    }
    List<String> stakeholders = entry.stakeholders() == null ? List.of() : List.copyOf(entry.stakeholders());
    if (problems.size() > before) {
      return null;
    }
    return new Team(entry.id(), entry.name() == null ? entry.id() : entry.name(), entry.group(), schedule, escalation,
        repeat, stakeholders);
  }

  private OnCallSchedule schedule(String location, String where, CatalogFiles.ScheduleEntry entry, List<String> problems) {
    if (entry == null) {
      problems.add(where + ": no schedule");
      return null;
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(entry.timeZone() == null ? "" : entry.timeZone());
    } catch (DateTimeException e) {
      problems.add(where + ": schedule.timeZone '" + entry.timeZone() + "' is not a time zone (e.g. Europe/Berlin)");
      return null;
    }
    if (entry.primary() == null || entry.primary().isEmpty()) {
      problems.add(where + ": schedule.primary has no layers");
    }
    Map<OnCallRole, List<ShiftSource>> layers = new EnumMap<>(OnCallRole.class);
    layers.put(OnCallRole.PRIMARY, layers(location, where + ": schedule.primary", entry.primary(), zone, problems));
    layers.put(OnCallRole.SECONDARY, layers(location, where + ": schedule.secondary", entry.secondary(), zone, problems));
    return new OnCallSchedule(zone, layers);
  }

  /** The layers in ascending priority: explicit priorities first sorted, list position otherwise. */
  private List<ShiftSource> layers(String location, String where, List<LayerEntry> entries, ZoneId zone,
      List<String> problems) {
    if (entries == null) {
      return List.of();
    }
    record Ranked(int priority, int position, ShiftSource source) {}
    List<Ranked> ranked = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      LayerEntry entry = entries.get(i);
      String layer = where + " layer " + (i + 1) + (entry.name() == null ? "" : " '" + entry.name() + "'");
      ShiftSource source = entry.ical() != null ? feed(location, layer, entry.ical(), zone, problems)
          : rotation(layer, entry, zone, problems);
      if (source != null) {
        ranked.add(new Ranked(entry.priority() == null ? i : entry.priority(), i, source));
      }
    }
    for (int a = 0; a < ranked.size(); a++) {
      for (int b = a + 1; b < ranked.size(); b++) {
        if (ranked.get(a).priority() == ranked.get(b).priority() && overlap(ranked.get(a).source(), ranked.get(b).source())) {
          problems.add(where + ": layers " + (ranked.get(a).position() + 1) + " and " + (ranked.get(b).position() + 1)
              + " overlap and have the same priority; give one a higher priority, or restrictions that do not overlap");
        }
      }
    }
    ranked.sort(java.util.Comparator.comparingInt(Ranked::priority).thenComparingInt(Ranked::position));
    return ranked.stream().map(Ranked::source).toList();
  }

  private static boolean overlap(ShiftSource a, ShiftSource b) {
    if (a instanceof Rotation ra && b instanceof Rotation rb && !ra.restrictions().isEmpty() && !rb.restrictions().isEmpty()) {
      return ra.restrictions().stream().anyMatch(x -> rb.restrictions().stream().anyMatch(x::overlaps));
    }
    return true;
  }

  private ShiftSource rotation(String where, LayerEntry entry, ZoneId zone, List<String> problems) {
    int before = problems.size();
    if (entry.users() == null || entry.users().isEmpty()) {
      problems.add(where + ": no users (or an ical feed)");
    } else {
      entry.users().stream().filter(user -> blank(user) || !knownUser.test(user)).distinct()
          .forEach(user -> problems.add(where + ": unknown user '" + user + "'"));
    }
    TemporalAmount length = null;
    try {
      length = Rotation.parseLength(entry.rotation() == null ? "" : entry.rotation());
      if (length instanceof Duration d ? d.isNegative() || d.isZero() : ((java.time.Period) length).isNegative()
          || ((java.time.Period) length).isZero()) {
        problems.add(where + ": rotation '" + entry.rotation() + "' must be longer than zero");
      }
    } catch (DateTimeException e) {
      problems.add(where + ": rotation '" + entry.rotation() + "' is not daily, weekly or an ISO-8601 length (P3D, PT12H)");
    }
    LocalDateTime start = null;
    try {
      start = LocalDateTime.parse(entry.start() == null ? "" : entry.start());
    } catch (DateTimeException e) {
      problems.add(where + ": start '" + entry.start() + "' is not a local date and time such as 2026-01-05T09:00");
    }
    List<Restriction> restrictions = new ArrayList<>();
    for (RestrictionEntry restriction : entry.restrictions() == null ? List.<RestrictionEntry>of() : entry.restrictions()) {
      Restriction parsed = restriction(where, restriction, problems);
      if (parsed != null) {
        restrictions.add(parsed);
      }
    }
    if (problems.size() > before) {
      return null;
    }
    return new Rotation(entry.users(), zone, start, length, restrictions);
  }

  private static Restriction restriction(String where, RestrictionEntry entry, List<String> problems) {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String day : entry.days() == null ? List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN") : entry.days()) {
      DayOfWeek parsed = dayOfWeek(day);
      if (parsed == null) {
        problems.add(where + ": restriction day '" + day + "' is not a day of the week (MON ... SUN)");
        return null;
      }
      days.add(parsed);
    }
    try {
      LocalTime from = LocalTime.parse(Objects.requireNonNullElse(entry.from(), ""));
      LocalTime to = LocalTime.parse(Objects.requireNonNullElse(entry.to(), ""));
      if (from.equals(to)) {
        problems.add(where + ": restriction from " + from + " to " + to + " is empty");
        return null;
      }
      return new Restriction(days, from, to);
    } catch (DateTimeException e) {
      problems.add(where + ": restriction needs from and to as local times such as \"09:00\"");
      return null;
    }
  }

  private static DayOfWeek dayOfWeek(String day) {
    if (day == null) {
      return null;
    }
    String upper = day.strip().toUpperCase(Locale.ROOT);
    for (DayOfWeek candidate : DayOfWeek.values()) {
      if (candidate.name().equals(upper) || candidate.name().startsWith(upper) && upper.length() >= 2) {
        return candidate;
      }
    }
    return null;
  }

  private ShiftSource feed(String location, String where, String ical, ZoneId zone, List<String> problems) {
    String url = ical.contains(":") ? ical : location + ical;
    Resource resource = resources.getResource(url);
    try (InputStream in = resource.getInputStream()) {
      CalendarFeed feed = CalendarFeed.read(in, zone, url);
      feed.users().stream().filter(user -> !knownUser.test(user))
          .forEach(user -> problems.add(where + ": the calendar " + url + " names unknown user '" + user + "'"));
      return feed;
    } catch (IOException | RuntimeException e) {
      problems.add(where + ": the calendar " + url + " cannot be read: " + e.getMessage());
      return null;
    }
  }

  private List<EscalationStep> escalation(String where, TeamEntry entry, OnCallSchedule schedule, List<String> problems) {
    List<StepEntry> steps = entry.escalation();
    if (steps == null || steps.isEmpty()) {
      problems.add(where + ": no escalation policy (escalation: a list of steps, each with notify and wait)");
      return List.of();
    }
    List<EscalationStep> policy = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      StepEntry step = steps.get(i);
      String at = where + ": escalation step " + (i + 1);
      if (!EscalationStep.validTarget(step.target())) {
        problems.add(at + ": notify '" + step.target() + "' is not on-call-primary, on-call-secondary, team, group:ID or user:ID");
      } else if (step.target().startsWith(EscalationStep.GROUP) && !knownGroup.test(step.target().substring(6))) {
        problems.add(at + ": unknown group '" + step.target().substring(6) + "'");
      } else if (step.target().startsWith(EscalationStep.USER) && !knownUser.test(step.target().substring(5))) {
        problems.add(at + ": unknown user '" + step.target().substring(5) + "'");
      } else if (step.target().equals(EscalationStep.SECONDARY) && schedule != null
          && schedule.layers(OnCallRole.SECONDARY).isEmpty()) {
        problems.add(at + ": notifies on-call-secondary, but the schedule has no secondary layers");
      }
      Duration wait = null;
      if (step.waitFor() == null) {
        if (i < steps.size() - 1) {
          problems.add(at + ": no wait (an ISO-8601 duration such as PT5M); only the last step may leave it out");
        }
      } else {
        try {
          wait = Duration.parse(step.waitFor());
          if (wait.isNegative() || wait.isZero()) {
            problems.add(at + ": wait " + step.waitFor() + " must be longer than zero");
          }
        } catch (DateTimeException e) {
          problems.add(at + ": wait '" + step.waitFor() + "' is not an ISO-8601 duration such as PT5M");
        }
      }
      policy.add(new EscalationStep(step.target(), wait));
    }
    return policy;
  }

  private Service service(ServiceEntry entry, Map<String, Team> teams, List<String> problems) {
    if (blank(entry.id())) {
      problems.add(SERVICES + ": a service has no id");
      return null;
    }
    String where = SERVICES + ": service '" + entry.id() + "'";
    if (blank(entry.team())) {
      problems.add(where + " is owned by nobody: set its team");
      return null;
    }
    if (!teams.containsKey(entry.team())) {
      problems.add(where + ": unknown team '" + entry.team() + "'");
      return null;
    }
    return new Service(entry.id(), entry.name() == null ? entry.id() : entry.name(), entry.team(), entry.tier(),
        entry.runbook(), entry.dashboard(), entry.stakeholders() == null ? List.of() : List.copyOf(entry.stakeholders()));
  }

  /**
   * Backstage's descriptor format: every {@code kind: Component} document is a service, its
   * {@code metadata.name} the id and {@code spec.owner} ({@code payments}, {@code group:payments} or
   * {@code group:default/payments}) the team. Other kinds are Backstage's own business and ignored.
   */
  private List<ServiceEntry> backstage(String location, List<String> problems) {
    Resource resource = resources.getResource(location + BACKSTAGE);
    if (!resource.exists()) {
      return List.of();
    }
    List<ServiceEntry> services = new ArrayList<>();
    try (InputStream in = resource.getInputStream();
        MappingIterator<JsonNode> documents = lenient.readerFor(JsonNode.class).readValues(in)) {
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (document == null || !"Component".equals(document.path("kind").asText())) {
          continue;
        }
        JsonNode metadata = document.path("metadata");
        String owner = document.path("spec").path("owner").asText(null);
        if (owner != null) {
          owner = owner.substring(owner.lastIndexOf(owner.contains("/") ? '/' : ':') + 1);
        }
        String runbook = null;
        String dashboard = null;
        for (JsonNode link : metadata.path("links")) {
          String title = (link.path("title").asText("") + " " + link.path("type").asText("")).toLowerCase(Locale.ROOT);
          if (title.contains("runbook")) {
            runbook = link.path("url").asText(null);
          } else if (title.contains("dashboard")) {
            dashboard = link.path("url").asText(null);
          }
        }
        services.add(new ServiceEntry(metadata.path("name").asText(null), metadata.path("title").asText(null), owner,
            metadata.path("labels").path("tier").asText(null), runbook, dashboard, null));
      }
    } catch (IOException | RuntimeException e) {
      problems.add(BACKSTAGE + ": cannot be read: " + e.getMessage());
    }
    return services;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
