package org.incidentresponse.audit;

import static org.incidentresponse.sop.IncidentVariable.DRILL;
import static org.incidentresponse.sop.IncidentVariable.SEVERITY;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.incidentresponse.audit.Breaches.Kind;
import org.incidentresponse.audit.IncidentReport.Summary;
import org.incidentresponse.sop.Severity;
import org.postgresql.PGStatement;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit's read model: table {@code incident_summary}, one row per incident ({@link IncidentRow}).
 * {@link IncidentReadModelPlugin} rewrites an incident's row in the transaction of every engine command
 * that touches its history; {@link IncidentReadModelBackfill} fills it once for older databases. The
 * incident list, its filters, counts and the metrics read only this table: never more than one page of
 * rows, or one streaming pass over a period.
 */
@Component
public class IncidentReadModel {

  /** The columns of a row, in the order {@link #values} gives them; severity and drill are named as their variables. */
  private static final List<String> COLUMNS = List.of("process_instance_id", "incident_number",
      "process_definition_id", "sop_version", "sop_version_tag", "sop_versions", "title", "service", SEVERITY.id(),
      "proposed_severity", "status", "state", DRILL.id(), "reporter", "source", "incident_commander", "acknowledged_by",
      "root_cause", "started_at", "reported_at", "acknowledged_at", "workaround_at", "resolved_at", "closed_at",
      "target_resolution_at", "review_due_at", "review_done_at", "review_mandatory", "checklist_done",
      "checklist_total", "acknowledgement_late_count", "acknowledgement_late_from", "update_gap_count",
      "update_gap_from", "target_resolution_missed_count", "target_resolution_missed_from", "review_late_count",
      "review_late_from", "review_skipped_count", "review_skipped_from", "review_without_actions_count",
      "review_without_actions_from", "updated_at");

  /** Each kind's columns: the breaches settled ({@code _count}) and the deadline of a pending one ({@code _from}). */
  private static final Map<Kind, String> COUNT_COLUMNS = breachColumns("count");
  private static final Map<Kind, String> FROM_COLUMNS = breachColumns("from");

  /** What {@link #measured(ResultSet, Instant)} reads: the row without its text columns. */
  private static final List<String> MEASURED_COLUMNS = measuredColumns();

  /** Rows the metrics fetch at a time while streaming over a period. */
  private static final int FETCH_SIZE = 500;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final CamundaIncidentHistory history;
  private final ComplianceRules rules;
  private final IdentityService identityService;
  private volatile Boolean postgres;

  public IncidentReadModel(JdbcTemplate jdbc, TransactionTemplate transactions, CamundaIncidentHistory history,
      IdentityService identityService, AuditProperties properties) {
    this.identityService = identityService;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.history = history;
    this.rules = new ComplianceRules(new Breaches(properties.updateTolerance()));
  }

  /**
   * Rewrites the rows of these process instances from their history, in the caller's transaction.
   * Process instances that are not incidents are skipped; an incident whose history is gone loses its row.
   */
  public void refresh(Collection<String> processInstanceIds) {
    // The row is the whole history, whoever's command wrote it: no authorization check of the user's.
    Authentication user = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      for (String id : processInstanceIds) {
        Optional<IncidentHistory> h = history.loadForSummary(id);
        if (h.isPresent()) {
          upsert(rules.row(h.get()));
        } else {
          // Its history was deleted in this transaction (a cascading deletion): no row either.
          jdbc.update("DELETE FROM incident_summary WHERE process_instance_id = ?", id);
        }
      }
    } finally {
      if (user != null) {
        identityService.setAuthentication(user);
      }
    }
  }

  /** Writes the row of this incident unless it has one: the backfill's write, which never overwrites. */
  boolean insertIfAbsent(String processInstanceId) {
    if (has(processInstanceId)) {
      return false;
    }
    Optional<IncidentHistory> h = history.loadForSummary(processInstanceId);
    if (h.isEmpty()) {
      return false;
    }
    Object[] values = values(rules.row(h.get()));
    String columns = String.join(", ", COLUMNS);
    String marks = COLUMNS.stream().map(c -> "?").collect(Collectors.joining(", "));
    if (postgres()) {
      return jdbc.update("INSERT INTO incident_summary (" + columns + ") VALUES (" + marks
          + ") ON CONFLICT (process_instance_id) DO NOTHING", values) > 0;
    }
    try {
      // H2: a failed statement leaves the transaction usable, so a concurrent insert is simply skipped.
      return jdbc.update("INSERT INTO incident_summary (" + columns + ") VALUES (" + marks + ")", values) > 0;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  void upsert(IncidentRow row) {
    Object[] values = values(row);
    String columns = String.join(", ", COLUMNS);
    String marks = COLUMNS.stream().map(c -> "?").collect(Collectors.joining(", "));
    if (postgres()) {
      String updates = COLUMNS.stream().skip(1).map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
      jdbc.update("INSERT INTO incident_summary (" + columns + ") VALUES (" + marks
          + ") ON CONFLICT (process_instance_id) DO UPDATE SET " + updates, values);
    } else {
      jdbc.update("MERGE INTO incident_summary (" + columns + ") KEY (process_instance_id) VALUES (" + marks + ")",
          values);
    }
  }

  /**
   * Drops the rows of incidents whose history Camunda's history cleanup removed (it writes no history
   * event): hourly, one statement; the rows of such incidents only stay listed until then.
   */
  @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
  public int forgetCleanedUp() {
    return jdbc.update("DELETE FROM incident_summary WHERE status = 'closed' AND NOT EXISTS"
        + " (SELECT 1 FROM ACT_HI_PROCINST p WHERE p.ID_ = incident_summary.process_instance_id)");
  }

  /** The row of one incident, if it has one. */
  public Optional<IncidentRow> find(String processInstanceId) {
    return jdbc.query("SELECT * FROM incident_summary WHERE process_instance_id = ?", IncidentReadModel::row,
        processInstanceId).stream().findFirst();
  }

  boolean has(String processInstanceId) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM incident_summary WHERE process_instance_id = ?",
        Integer.class, processInstanceId);
    return n != null && n > 0;
  }

  /** One page of incidents, newest first, as their summaries at {@code now}. */
  public List<Summary> page(IncidentFilter filter, int firstResult, int maxResults, Instant now) {
    Where where = where(filter);
    List<Object> args = new ArrayList<>(where.args());
    args.add(maxResults);
    args.add(firstResult);
    return jdbc.query("SELECT * FROM incident_summary" + where.sql()
            + " ORDER BY started_at DESC, process_instance_id DESC LIMIT ? OFFSET ?",
        IncidentReadModel::row, args.toArray()).stream().map(r -> r.at(now)).toList();
  }

  public long count(IncidentFilter filter) {
    Where where = where(filter);
    Long n = jdbc.queryForObject("SELECT COUNT(*) FROM incident_summary" + where.sql(), Long.class,
        where.args().toArray());
    return n == null ? 0 : n;
  }

  /** Every incident reported in the period, read in one streaming pass: no limit. */
  public AuditMetrics metrics(Instant from, Instant to, Instant now) {
    Where where = where(new IncidentFilter(null, null, null, from, to, null));
    List<ComplianceMetrics.Measured> measured = new ArrayList<>();
    transactions.executeWithoutResult(status -> {
      // In a transaction, so PostgreSQL's driver fetches with a cursor rather than the whole result at once.
      JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
      streaming.setFetchSize(FETCH_SIZE);
      String sql = "SELECT " + String.join(", ", MEASURED_COLUMNS) + " FROM incident_summary" + where.sql();
      streaming.query(connection -> {
        PreparedStatement statement = connection.prepareStatement(sql);
        if (statement.isWrapperFor(PGStatement.class)) {
          // Binary results: parsing PostgreSQL's text timestamps was half the time of reading 100,000 rows.
          statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
        }
        new ArgumentPreparedStatementSetter(where.args().toArray()).setValues(statement);
        return statement;
      }, (RowCallbackHandler) rs -> measured.add(measured(rs, now)));
    });
    return ComplianceMetrics.of(from, to, measured);
  }

  /** What the metrics read of one incident's row at {@code now}: the check that they read it right. */
  Optional<ComplianceMetrics.Measured> measured(String processInstanceId, Instant now) {
    return jdbc.query("SELECT " + String.join(", ", MEASURED_COLUMNS)
        + " FROM incident_summary WHERE process_instance_id = ?", (rs, n) -> measured(rs, now), processInstanceId)
        .stream().findFirst();
  }

  /**
   * The part of a row the metrics read ({@link #MEASURED_COLUMNS}, by position): the incident as
   * {@link ComplianceMetrics#measured} reads it from its history, without the text columns that a
   * period of 100,000 rows would drag along.
   */
  private static ComplianceMetrics.Measured measured(ResultSet rs, Instant now) throws SQLException {
    KeyTimes times = new KeyTimes(instant(rs, "reported_at"), instant(rs, "acknowledged_at"),
        instant(rs, "workaround_at"), instant(rs, "resolved_at"), instant(rs, "review_done_at"));
    return new ComplianceMetrics.Measured(
        Severity.parse(rs.getString(SEVERITY.id())).map(Severity::name).orElse(ComplianceMetrics.UNKNOWN_SEVERITY),
        rs.getBoolean(DRILL.id()), rs.getTimestamp("closed_at") != null, times, judgement(rs).at(now),
        instant(rs, "review_due_at"), rs.getBoolean("review_mandatory"));
  }

  private static Breaches.Judgement judgement(ResultSet rs) throws SQLException {
    Map<Kind, Integer> settled = new EnumMap<>(Kind.class);
    Map<Kind, Instant> deadlines = new EnumMap<>(Kind.class);
    for (Kind kind : Kind.FROM_HISTORY) {
      int count = rs.getInt(COUNT_COLUMNS.get(kind));
      if (count > 0) {
        settled.put(kind, count);
      }
      Instant from = instant(rs, FROM_COLUMNS.get(kind));
      if (from != null) {
        deadlines.put(kind, from);
      }
    }
    return new Breaches.Judgement(settled, deadlines);
  }

  private record Where(String sql, List<Object> args) {}

  private static Where where(IncidentFilter filter) {
    List<String> conditions = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    if (filter.severity() != null) {
      conditions.add("severity = ?");
      args.add(filter.severity());
    }
    if (filter.service() != null) {
      conditions.add("service = ?");
      args.add(filter.service());
    }
    if (filter.status() != null) {
      conditions.add("status = ?");
      args.add(filter.status());
    }
    if (filter.drill() != null) {
      conditions.add("drill = ?");
      args.add(filter.drill());
    }
    if (filter.from() != null) {
      conditions.add("started_at >= ?");
      args.add(Timestamp.from(filter.from()));
    }
    if (filter.to() != null) {
      conditions.add("started_at < ?");
      args.add(Timestamp.from(filter.to()));
    }
    return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), args);
  }

  /** The filter queries, for EXPLAIN in the tests: one per filter, as {@link #page} runs it. */
  static List<String> filterQueries() {
    return List.of(
        "SELECT * FROM incident_summary ORDER BY started_at DESC, process_instance_id DESC LIMIT 20 OFFSET 0",
        "SELECT * FROM incident_summary WHERE severity = 'SEV1' ORDER BY started_at DESC, process_instance_id DESC LIMIT 20",
        "SELECT * FROM incident_summary WHERE service = 'checkout-api' ORDER BY started_at DESC, process_instance_id DESC LIMIT 20",
        "SELECT * FROM incident_summary WHERE status = 'open' ORDER BY started_at DESC, process_instance_id DESC LIMIT 20",
        "SELECT * FROM incident_summary WHERE drill = true ORDER BY started_at DESC, process_instance_id DESC LIMIT 20",
        "SELECT * FROM incident_summary WHERE started_at >= TIMESTAMP '2026-01-01 00:00:00'"
            + " AND started_at < TIMESTAMP '2026-02-01 00:00:00'");
  }

  private static List<String> measuredColumns() {
    List<String> columns = new ArrayList<>(List.of(SEVERITY.id(), DRILL.id(), "closed_at", "reported_at",
        "acknowledged_at", "workaround_at", "resolved_at", "review_done_at", "review_due_at", "review_mandatory"));
    for (Kind kind : Kind.FROM_HISTORY) {
      columns.add(COUNT_COLUMNS.get(kind));
      columns.add(FROM_COLUMNS.get(kind));
    }
    return List.copyOf(columns);
  }

  private static Map<Kind, String> breachColumns(String suffix) {
    Map<Kind, String> columns = new EnumMap<>(Kind.class);
    Kind.FROM_HISTORY.forEach(kind -> columns.put(kind, kind.name().toLowerCase(Locale.ROOT) + "_" + suffix));
    return columns;
  }

  private static Object[] values(IncidentRow row) {
    Summary s = row.summary();
    List<Object> v = new ArrayList<>(List.of());
    v.addAll(Arrays.asList(s.processInstanceId(), s.number(), row.processDefinitionId(), s.sopVersion(),
        s.sopVersionTag(), s.sopVersions().stream().map(String::valueOf).collect(Collectors.joining(",")), s.title(),
        s.service(), s.severity(), s.proposedSeverity(), s.status(), s.state(), s.drill(), s.reporter(), s.source(),
        s.incidentCommander(), s.acknowledgedBy(), s.rootCause(), ts(row.startedAt()), ts(s.reportedAt()),
        ts(s.acknowledgedAt()), ts(s.mitigatedAt()), ts(s.resolvedAt()), ts(s.closedAt()),
        ts(row.targetResolutionAt()), ts(row.reviewDueAt()), ts(row.reviewDoneAt()), row.reviewMandatory(),
        s.checklistDone(), s.checklistTotal()));
    for (Kind kind : Kind.FROM_HISTORY) {
      v.add(row.judgement().settled().getOrDefault(kind, 0));
      v.add(ts(row.judgement().deadlines().get(kind)));
    }
    v.add(ts(Instant.now()));
    return v.toArray();
  }

  private static IncidentRow row(ResultSet rs, int rowNum) throws SQLException {
    String versions = rs.getString("sop_versions");
    List<Integer> sopVersions = versions == null || versions.isEmpty() ? List.of()
        : Arrays.stream(versions.split(",")).map(Integer::valueOf).toList();
    Summary summary = new Summary(rs.getString("incident_number"), rs.getString("title"), rs.getString("service"),
        rs.getString(SEVERITY.id()), rs.getString("proposed_severity"), rs.getString("status"), rs.getString("state"),
        rs.getBoolean(DRILL.id()), rs.getString("reporter"), rs.getString("source"), instant(rs, "reported_at"),
        instant(rs, "acknowledged_at"), rs.getString("acknowledged_by"), instant(rs, "workaround_at"),
        instant(rs, "resolved_at"), instant(rs, "closed_at"), rs.getString("incident_commander"),
        rs.getString("root_cause"), rs.getInt("sop_version"), rs.getString("sop_version_tag"),
        rs.getString("process_instance_id"), rs.getInt("checklist_done"), rs.getInt("checklist_total"), 0,
        sopVersions);
    return new IncidentRow(summary, instant(rs, "started_at"), rs.getString("process_definition_id"),
        instant(rs, "review_due_at"), instant(rs, "review_done_at"), instant(rs, "target_resolution_at"),
        rs.getBoolean("review_mandatory"), judgement(rs));
  }

  private boolean postgres() {
    if (postgres == null) {
      postgres = jdbc.execute((ConnectionCallback<Boolean>) c ->
          c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres"));
    }
    return postgres;
  }

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return instant(rs, rs.findColumn(column));
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
