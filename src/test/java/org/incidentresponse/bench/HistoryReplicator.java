package org.incidentresponse.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * History replicator (a benchmark tool, not a test; see BENCHMARKS.md, "A year of history", run G).
 * On a database that already holds closed incidents made by the real engine ({@link HistoryGenerator}),
 * it adds {@code bench.replicate} more closed incidents by copying the rows of a randomly chosen
 * template incident, with the app stopped, over plain JDBC (batch inserts, one transaction per
 * {@code bench.batch} incidents):
 * <ul>
 *   <li>every Camunda history table with rows of the process instance (act_hi_*), the decision
 *       instances of its business rule tasks with their inputs and outputs, and the act_ge_bytearray
 *       rows those rows refer to; columns are discovered from JDBC metadata;</li>
 *   <li>every id owned by the instance (its process instance, executions, activity instances, tasks,
 *       variables, details, byte arrays, decision instances, jobs, operations, ...) is replaced by a
 *       fresh one, the same throughout the copy; definition, activity, user, group, deployment and
 *       tenant ids are kept;</li>
 *   <li>every timestamp (REMOVAL_TIME_ included) and every date variable (LONG_ of VAR_TYPE_ 'date')
 *       is shifted by one offset per copy, so the copies start uniformly over the last 365 days and
 *       end before now;</li>
 *   <li>the incident number (business key, {@code incidentNumber} variable, and wherever the number
 *       appears in a text column or a UTF-8 byte array) becomes a new one of the copy's year, and
 *       {@code incident_number_counter} is kept ahead of it;</li>
 *   <li>the app's own rows of the incident: {@code incident_summary} (its read model row, so the
 *       backfill at start sees it as present) and, if the template has any, {@code incident_follow_up},
 *       {@code oncall_acknowledgement}, {@code intake_open_incident}.</li>
 * </ul>
 * After the copy it checks a sample of copies: rows per table equal to their template's.
 *
 * <p>Options: {@code -Dbench.replicate=1000 -Dbench.batch=20 -Dbench.seed=(a new one each run) -Dbench.check=50}
 * ({@code -Dbench.workers=2 -Dbench.worker=0|1}: two processes on one database, each taking every second number), the
 * database as {@code -Dspring.datasource.url=... [-Dspring.datasource.username=...]}.
 */
public final class HistoryReplicator {

  static final String PROCESS_KEY = "incident-response";
  static final Duration YEAR = Duration.ofDays(365);

  /** Tables with rows of a process instance, selected by its root process instance (or process instance). */
  static final List<String> INSTANCE_TABLES = List.of("ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_TASKINST",
      "ACT_HI_VARINST", "ACT_HI_DETAIL", "ACT_HI_IDENTITYLINK", "ACT_HI_OP_LOG", "ACT_HI_COMMENT", "ACT_HI_INCIDENT",
      "ACT_HI_JOB_LOG", "ACT_HI_EXT_TASK_LOG", "ACT_HI_DECINST", "ACT_HI_ATTACHMENT");
  /** Columns whose values name rows owned by the instance (the ids to rewrite are collected from these). */
  static final Set<String> OWNED_ID_COLUMNS = Set.of("ID_", "PROC_INST_ID_", "ROOT_PROC_INST_ID_", "EXECUTION_ID_",
      "ACT_INST_ID_", "PARENT_ACT_INST_ID_", "TASK_ID_", "PARENT_TASK_ID_", "VAR_INST_ID_", "BYTEARRAY_ID_",
      "DEC_INST_ID_", "ROOT_DEC_INST_ID_", "JOB_ID_", "OPERATION_ID_", "CALL_PROC_INST_ID_", "CALL_CASE_INST_ID_",
      "SUPER_PROCESS_INSTANCE_ID_", "JOB_EXCEPTION_STACK_ID_", "ERROR_DETAILS_ID_", "EXT_TASK_ID_",
      "CAUSE_INCIDENT_ID_", "ROOT_CAUSE_INCIDENT_ID_", "CONTENT_ID_", "EXCEPTION_STACK_ID_", "HISTORY_CONFIGURATION_");
  /** Never rewritten, even if a value happened to equal an owned id. */
  static final Set<String> KEPT_COLUMNS = Set.of("PROC_DEF_ID_", "PROC_DEF_KEY_", "ACT_ID_", "TASK_DEF_KEY_",
      "USER_ID_", "GROUP_ID_", "TENANT_ID_", "DEPLOYMENT_ID_", "DEC_DEF_ID_", "DEC_DEF_KEY_", "DEC_REQ_ID_",
      "DEC_REQ_KEY_", "JOB_DEF_ID_", "JOB_DEF_TYPE_", "JOB_DEF_CONFIGURATION_", "ASSIGNEE_", "OWNER_",
      "START_USER_ID_", "CLAUSE_ID_", "RULE_ID_", "CASE_DEF_ID_", "CASE_DEF_KEY_", "ACT_TYPE_", "ACT_NAME_",
      "START_ACT_ID_", "END_ACT_ID_", "ACTIVITY_ID_", "FAILED_ACTIVITY_ID_", "TOPIC_NAME_", "WORKER_ID_",
      "VAR_TYPE_", "NAME_", "TYPE_", "ENTITY_TYPE_", "OPERATION_TYPE_", "PROPERTY_", "CATEGORY_", "STATE_",
      "process_definition_id");

  final Connection db;
  final boolean postgres;
  final SplittableRandom random;
  final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  /** Table name as the database spells it → its columns (as spelled) and SQL types. */
  final Map<String, Table> tables = new LinkedHashMap<>();
  final List<Template> templates = new ArrayList<>();
  final Map<Integer, Integer> counters = new TreeMap<>();
  /** Several replicators on one database: bench.workers processes, this one number bench.worker. */
  final int workers = Integer.getInteger("bench.workers", 1);
  final int worker = Integer.getInteger("bench.worker", 0);
  long rowsWritten;

  record Table(String name, List<String> columns, int[] types, String insert) {
  }

  /** One engine-made incident: its rows per table, values as read. */
  record Template(String processInstanceId, String number, Instant start, Instant end, Map<String, List<Object[]>> rows,
      Set<String> ownedIds) {
  }

  /** One copy's rows ready to insert. */
  record Copy(String processInstanceId, String number, Template template) {
  }

  HistoryReplicator(Connection db, long seed) throws SQLException {
    this.db = db;
    this.postgres = db.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    this.random = new SplittableRandom(seed);
  }

  public static void main(String[] args) throws Exception {
    int n = Integer.getInteger("bench.replicate", 1000);
    int batch = Integer.getInteger("bench.batch", 20);
    int check = Integer.getInteger("bench.check", 50);
    String url = System.getProperty("spring.datasource.url", BenchApp.DEFAULT_H2);
    String user = System.getProperty("spring.datasource.username", "sa");
    String password = System.getProperty("spring.datasource.password", "");
    try (Connection db = DriverManager.getConnection(url, user, password)) {
      // a new seed each run by default: the fresh ids of two runs on one database must not repeat
      HistoryReplicator replicator = new HistoryReplicator(db, Long.getLong("bench.seed", System.nanoTime()));
      long t0 = System.nanoTime();
      replicator.load();
      System.out.printf("Loaded %d templates (%s rows) in %.1f s; replicating %d incidents, %d per transaction (load %s)%n",
          replicator.templates.size(), replicator.templates.stream().mapToLong(t -> t.rows.values().stream()
              .mapToLong(List::size).sum()).sum(), (System.nanoTime() - t0) / 1e9, n, batch, IntakeBenchmark.load());
      long t1 = System.nanoTime();
      long cpu1 = HistoryGenerator.processCpu();
      List<Copy> copies = replicator.replicate(n, batch);
      double seconds = (System.nanoTime() - t1) / 1e9;
      double cpu = (HistoryGenerator.processCpu() - cpu1) / 1e9;
      System.out.printf("%n==== REPLICATED ====%n%d incidents, %d rows in %.1f s: %.1f incidents/s, %.0f rows/s;"
          + " %.1f CPU-s in this JVM (the embedded database included); load at end %s%n", copies.size(),
          replicator.rowsWritten, seconds, copies.size() / seconds, replicator.rowsWritten / seconds, cpu,
          IntakeBenchmark.load());
      int bad = replicator.check(copies, check);
      System.out.printf("Self-check: %d of %d sampled copies differ from their template%n", bad,
          Math.min(check, copies.size()));
      if (bad > 0) {
        System.exit(1);
      }
    }
  }

  // ---- reading ---------------------------------------------------------------------------------------

  String name(String upper) throws SQLException {
    String wanted = postgres ? upper.toLowerCase(Locale.ROOT) : upper.toUpperCase(Locale.ROOT);
    try (ResultSet rs = db.getMetaData().getTables(null, null, wanted, new String[] {"TABLE"})) {
      while (rs.next()) {
        String schema = rs.getString("TABLE_SCHEM");
        if (schema == null || schema.equalsIgnoreCase("public")) {
          return rs.getString("TABLE_NAME");
        }
      }
    }
    return null;
  }

  Table table(String upper) throws SQLException {
    String key = upper.toUpperCase(Locale.ROOT);
    if (tables.containsKey(key)) {
      return tables.get(key);
    }
    String name = name(upper);
    Table table = null;
    if (name != null) {
      try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + name + " WHERE 1 = 0")) {
        ResultSetMetaData md = rs.getMetaData();
        List<String> columns = new ArrayList<>();
        int[] types = new int[md.getColumnCount()];
        for (int i = 1; i <= md.getColumnCount(); i++) {
          columns.add(md.getColumnName(i));
          types[i - 1] = md.getColumnType(i);
        }
        // identity columns (e.g. seq) are left to the database
        String insert = "INSERT INTO " + name + " (" + String.join(", ", columns) + ") VALUES ("
            + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
        table = new Table(name, columns, types, insert);
      }
    }
    tables.put(key, table);
    return table;
  }

  static boolean binary(int type) {
    return type == Types.BLOB || type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY;
  }

  static boolean timestamp(int type) {
    return type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE;
  }

  List<Object[]> select(Table table, String where, Object... args) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    try (PreparedStatement ps = db.prepareStatement("SELECT * FROM " + table.name + " WHERE " + where)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Object[] row = new Object[table.columns.size()];
          for (int c = 0; c < row.length; c++) {
            int type = table.types[c];
            row[c] = binary(type) ? rs.getBytes(c + 1) : timestamp(type) ? rs.getTimestamp(c + 1)
                : type == Types.CLOB ? rs.getString(c + 1) : rs.getObject(c + 1);
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  static int col(Table t, String column) {
    for (int i = 0; i < t.columns.size(); i++) {
      if (t.columns.get(i).equalsIgnoreCase(column)) {
        return i;
      }
    }
    return -1;
  }

  /** Reads every closed incident of the SOP as a template, with all its rows. */
  void load() throws SQLException {
    Table procinst = table("ACT_HI_PROCINST");
    // the engine-made incidents only: Camunda's ids are time-based UUIDs (version 1), the copies' random ones (version 4)
    List<Object[]> instances = select(procinst, "PROC_DEF_KEY_ = ? AND END_TIME_ IS NOT NULL"
        + " AND SUBSTRING(ID_, 15, 1) <> '4' ORDER BY START_TIME_", PROCESS_KEY);
    int idCol = col(procinst, "ID_");
    int keyCol = col(procinst, "BUSINESS_KEY_");
    int startCol = col(procinst, "START_TIME_");
    int endCol = col(procinst, "END_TIME_");
    for (Object[] instance : instances) {
      String id = (String) instance[idCol];
      Map<String, List<Object[]>> rows = new LinkedHashMap<>();
      for (String t : INSTANCE_TABLES) {
        Table table = table(t);
        if (table == null) {
          continue;
        }
        rows.put(t, select(table, instanceWhere(table), instanceArgs(table, id)));
      }
      // decision inputs and outputs of its decision instances
      Table decinst = table("ACT_HI_DECINST");
      if (decinst != null) {
        for (String t : List.of("ACT_HI_DEC_IN", "ACT_HI_DEC_OUT")) {
          List<Object[]> list = new ArrayList<>();
          for (String dec : column(decinst, rows.get("ACT_HI_DECINST"), "ID_")) {
            list.addAll(select(table(t), "DEC_INST_ID_ = ?", dec));
          }
          rows.put(t, list);
        }
      }
      // byte arrays referred to by those rows (serialized variables, decision values, stack traces)
      Set<String> bytes = new HashSet<>();
      for (var e : rows.entrySet()) {
        Table table = table(e.getKey());
        for (int c = 0; c < table.columns.size(); c++) {
          String column = table.columns.get(c).toUpperCase(Locale.ROOT);
          if (column.equals("BYTEARRAY_ID_") || column.equals("JOB_EXCEPTION_STACK_ID_")
              || column.equals("ERROR_DETAILS_ID_") || column.equals("CONTENT_ID_")) {
            for (Object[] row : e.getValue()) {
              if (row[c] != null) {
                bytes.add((String) row[c]);
              }
            }
          }
        }
      }
      Table bytearray = table("ACT_GE_BYTEARRAY");
      List<Object[]> byteRows = new ArrayList<>();
      for (String b : bytes) {
        byteRows.addAll(select(bytearray, "ID_ = ?", b));
      }
      rows.put("ACT_GE_BYTEARRAY", byteRows);
      // the app's own rows of the incident
      String number = (String) instance[keyCol];
      putIfAny(rows, "incident_summary", "process_instance_id = ?", id);
      putIfAny(rows, "incident_follow_up", "incident_number = ?", number);
      putIfAny(rows, "oncall_acknowledgement", "process_instance_id = ?", id);
      putIfAny(rows, "intake_open_incident", "incident_number = ?", number);
      putIfAny(rows, "status_incident", "process_instance_id = ?", id);
      // the ids owned by the instance: every value of an owned-id column of its rows
      Set<String> owned = new HashSet<>();
      for (var e : rows.entrySet()) {
        Table table = table(e.getKey());
        for (int c = 0; c < table.columns.size(); c++) {
          String column = table.columns.get(c).toUpperCase(Locale.ROOT);
          if (OWNED_ID_COLUMNS.contains(column) || column.equals("PROCESS_INSTANCE_ID") || column.equals("ID")) {
            for (Object[] row : e.getValue()) {
              if (row[c] instanceof String s && !s.isEmpty()) {
                owned.add(s);
              }
            }
          }
        }
      }
      if (rows.containsKey("status_incident")) {
        throw new IllegalStateException("template " + number + " has a status page incident: not replicated");
      }
      templates.add(new Template(id, number, ((Timestamp) instance[startCol]).toInstant(),
          ((Timestamp) instance[endCol]).toInstant(), rows, owned));
    }
    if (templates.isEmpty()) {
      throw new IllegalStateException("no closed incident to use as a template: run HistoryGenerator first");
    }
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT counter_year, last_value FROM incident_number_counter")) {
      while (rs.next()) {
        counters.put(rs.getInt(1), rs.getInt(2));
      }
    }
  }

  /** The rows of one process instance: by its root process instance and/or process instance, as the table has them. */
  static String instanceWhere(Table table) {
    // Camunda 7.10+ writes the root process instance into every history row of an instance (indexed)
    return col(table, "ROOT_PROC_INST_ID_") >= 0 ? "ROOT_PROC_INST_ID_ = ?" : "PROC_INST_ID_ = ?";
  }

  static Object[] instanceArgs(Table table, String id) {
    return new Object[] {id};
  }

  void putIfAny(Map<String, List<Object[]>> rows, String table, String where, Object arg) throws SQLException {
    Table t = table(table);
    if (t != null && arg != null) {
      List<Object[]> list = select(t, where, arg);
      if (!list.isEmpty()) {
        rows.put(table.toUpperCase(Locale.ROOT), list);
      }
    }
  }

  Set<String> ids(Table t, List<Object[]> rows) {
    return new HashSet<>(column(t, rows, "ID_"));
  }

  static List<String> column(Table t, List<Object[]> rows, String column) {
    int c = col(t, column);
    List<String> values = new ArrayList<>();
    for (Object[] row : rows) {
      if (row[c] != null) {
        values.add(row[c].toString());
      }
    }
    return values;
  }

  // ---- writing ---------------------------------------------------------------------------------------

  List<Copy> replicate(int n, int batch) throws SQLException {
    db.setAutoCommit(false);
    List<Copy> copies = new ArrayList<>();
    Map<String, PreparedStatement> inserts = new HashMap<>();
    long start = System.nanoTime();
    try {
      for (int i = 0; i < n; i++) {
        Template template = templates.get(random.nextInt(templates.size()));
        copies.add(copy(template, inserts));
        if ((i + 1) % batch == 0 || i == n - 1) {
          for (PreparedStatement ps : inserts.values()) {
            ps.executeBatch();
          }
          writeCounters();
          db.commit();
        }
        if ((i + 1) % 1000 == 0) {
          double s = (System.nanoTime() - start) / 1e9;
          System.out.printf("  %d/%d incidents, %.1f/s, %.0f rows/s%n", i + 1, n, (i + 1) / s, rowsWritten / s);
        }
      }
    } catch (SQLException e) {
      db.rollback();
      throw e;
    } finally {
      for (PreparedStatement ps : inserts.values()) {
        ps.close();
      }
      db.setAutoCommit(true);
    }
    return copies;
  }

  void writeCounters() throws SQLException {
    for (var c : counters.entrySet()) {
      try (PreparedStatement up = db.prepareStatement(
          "UPDATE incident_number_counter SET last_value = ? WHERE counter_year = ? AND last_value < ?")) {
        up.setInt(1, c.getValue());
        up.setInt(2, c.getKey());
        up.setInt(3, c.getValue());
        if (up.executeUpdate() == 0) {
          try (PreparedStatement in = db.prepareStatement("INSERT INTO incident_number_counter (counter_year, last_value)"
              + " SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM incident_number_counter WHERE counter_year = ?)")) {
            in.setInt(1, c.getKey());
            in.setInt(2, c.getValue());
            in.setInt(3, c.getKey());
            in.executeUpdate();
          }
        }
      }
    }
  }

  String freshId(String old) {
    String uuid = new java.util.UUID((random.nextLong() & ~0xF000L) | 0x4000L,
        (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
    int colon = old.lastIndexOf(':');
    // activity instance ids are "<activity id>:<uuid>"; keep the activity id
    return colon > 0 && colon + 37 == old.length() ? old.substring(0, colon + 1) + uuid : uuid;
  }

  Copy copy(Template template, Map<String, PreparedStatement> inserts) throws SQLException {
    long durationMs = Duration.between(template.start, template.end).toMillis();
    long windowMs = YEAR.toMillis() - durationMs - 60_000;
    Instant newStart = now.minus(YEAR).plusMillis((long) (random.nextDouble() * Math.max(1, windowMs)));
    // whole minutes, so times written at minute precision (e.g. "2025-12-11T07:53Z") keep their shape
    long shift = Duration.between(template.start, newStart).toMinutes() * 60_000;
    int year = newStart.atZone(ZoneOffset.UTC).getYear();
    // with bench.workers=W processes on one database, worker w takes the numbers n with n % W == w, so none repeat
    int value = counters.getOrDefault(year, 0) + 1;
    while (Math.floorMod(value, workers) != worker) {
      value++;
    }
    counters.put(year, value);
    String number = "INC-%d-%04d".formatted(year, value);
    Map<String, String> ids = new HashMap<>();
    for (String id : template.ownedIds) {
      ids.put(id, freshId(id));
    }
    byte[] oldNumber = template.number == null ? null : template.number.getBytes(StandardCharsets.UTF_8);
    byte[] newNumber = number.getBytes(StandardCharsets.UTF_8);
    for (var e : template.rows.entrySet()) {
      Table table = table(e.getKey());
      PreparedStatement ps = inserts.get(e.getKey());
      if (ps == null) {
        ps = db.prepareStatement(table.insert);
        inserts.put(e.getKey(), ps);
      }
      int varType = col(table, "VAR_TYPE_");
      int longCol = col(table, "LONG_");
      for (Object[] template_row : e.getValue()) {
        for (int c = 0; c < template_row.length; c++) {
          Object v = template_row[c];
          int type = table.types[c];
          String column = table.columns.get(c).toUpperCase(Locale.ROOT);
          if (v instanceof Timestamp t) {
            v = new Timestamp(t.getTime() + shift);
          } else if (v instanceof String s) {
            String mapped = KEPT_COLUMNS.contains(column) ? null : ids.get(s);
            if (mapped != null) {
              v = mapped;
            } else {
              boolean times = hasTime(s);
              if (template.number != null && s.contains(template.number)) {
                s = s.replace(template.number, number);
              }
              v = times ? shiftText(s, shift) : s;
            }
          } else if (v instanceof byte[] b && oldNumber != null) {
            v = replace(b, oldNumber, newNumber);
          } else if (c == longCol && varType >= 0 && "date".equals(template_row[varType]) && v instanceof Number l) {
            v = l.longValue() + shift;
          } else if (v instanceof java.sql.Date d) {
            v = java.sql.Date.valueOf(d.toLocalDate().plusDays(Math.round(shift / 86_400_000.0)));
          }
          if (v == null) {
            ps.setNull(c + 1, type);
          } else if (binary(type)) {
            ps.setBytes(c + 1, (byte[]) v);
          } else {
            ps.setObject(c + 1, v);
          }
        }
        ps.addBatch();
        rowsWritten++;
      }
    }
    return new Copy(ids.get(template.processInstanceId), number, template);
  }

  /** Instants written as text: ISO ("2025-12-11T07:53Z", "...:00.123Z") and "2025-12-10 15:38 UTC". */
  static final java.util.regex.Pattern TEXT_TIME = java.util.regex.Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?Z| \\d{2}:\\d{2} UTC)");
  static final java.time.format.DateTimeFormatter UTC_MINUTES = java.time.format.DateTimeFormatter
      .ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  /** Template texts known to hold no time (most), so the pattern runs once per distinct text. */
  final Map<String, Boolean> timeless = new HashMap<>();

  /** Shifts the instants written in a text by {@code shift} ms (variables such as targetResolutionAt, notifications' sentAt). */
  boolean hasTime(String templateText) {
    return templateText.length() >= 16 && !timeless.computeIfAbsent(templateText, t -> !TEXT_TIME.matcher(t).find());
  }

  String shiftText(String s, long shift) {
    return TEXT_TIME.matcher(s).replaceAll(m -> {
      String t = m.group();
      if (t.endsWith(" UTC")) {
        return UTC_MINUTES.format(java.time.LocalDateTime.parse(t.substring(0, 16).replace(' ', 'T'))
            .toInstant(ZoneOffset.UTC).plusMillis(shift));
      }
      return java.time.OffsetDateTime.parse(t).toInstant().plusMillis(shift).toString();
    });
  }

  static byte[] replace(byte[] b, byte[] from, byte[] to) {
    int at = indexOf(b, from, 0);
    if (at < 0) {
      return b;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(b.length + 16);
    int last = 0;
    while (at >= 0) {
      out.write(b, last, at - last);
      out.write(to, 0, to.length);
      last = at + from.length;
      at = indexOf(b, from, last);
    }
    out.write(b, last, b.length - last);
    return out.toByteArray();
  }

  static int indexOf(byte[] b, byte[] p, int from) {
    outer:
    for (int i = from; i <= b.length - p.length; i++) {
      for (int j = 0; j < p.length; j++) {
        if (b[i + j] != p[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  // ---- checking ----------------------------------------------------------------------------------------

  /** Rows per table of a sample of copies against their templates; returns how many differ. */
  int check(List<Copy> copies, int sample) throws SQLException {
    int bad = 0;
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < Math.min(sample, copies.size()); i++) {
      Copy copy = copies.get(r.nextInt(copies.size()));
      Map<String, Long> mine = counts(copy.processInstanceId, copy.number);
      Map<String, Long> theirs = counts(copy.template.processInstanceId, copy.template.number);
      if (!mine.equals(theirs)) {
        bad++;
        System.out.printf("  copy %s (%s) of %s: %s, template %s%n", copy.number, copy.processInstanceId,
            copy.template.number, mine, theirs);
      } else if (i == 0) {
        System.out.printf("  e.g. copy %s (%s) of %s: %s%n", copy.number, copy.processInstanceId, copy.template.number,
            mine);
      }
    }
    return bad;
  }

  Map<String, Long> counts(String id, String number) throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    for (String t : INSTANCE_TABLES) {
      Table table = table(t);
      if (table == null) {
        continue;
      }
      counts.put(t, count("SELECT COUNT(*) FROM " + table.name + " WHERE " + instanceWhere(table),
          instanceArgs(table, id)));
    }
    counts.put("ACT_HI_DEC_IN", count("SELECT COUNT(*) FROM " + table("ACT_HI_DEC_IN").name + " WHERE DEC_INST_ID_ IN"
        + " (SELECT ID_ FROM " + table("ACT_HI_DECINST").name + " WHERE PROC_INST_ID_ = ?)", id));
    counts.put("ACT_HI_DEC_OUT", count("SELECT COUNT(*) FROM " + table("ACT_HI_DEC_OUT").name + " WHERE DEC_INST_ID_ IN"
        + " (SELECT ID_ FROM " + table("ACT_HI_DECINST").name + " WHERE PROC_INST_ID_ = ?)", id));
    counts.put("ACT_GE_BYTEARRAY(variables)", count("SELECT COUNT(*) FROM " + table("ACT_GE_BYTEARRAY").name
        + " b WHERE b.ID_ IN (SELECT BYTEARRAY_ID_ FROM " + table("ACT_HI_VARINST").name + " WHERE PROC_INST_ID_ = ?)", id));
    counts.put("incident_summary", count("SELECT COUNT(*) FROM " + table("incident_summary").name
        + " WHERE process_instance_id = ? AND incident_number = ?", id, number));
    counts.put("business key", count("SELECT COUNT(*) FROM " + table("ACT_HI_PROCINST").name
        + " WHERE ID_ = ? AND BUSINESS_KEY_ = ?", id, number));
    counts.put("incidentNumber variable", count("SELECT COUNT(*) FROM " + table("ACT_HI_VARINST").name
        + " WHERE PROC_INST_ID_ = ? AND NAME_ = 'incidentNumber' AND TEXT_ = ?", id, number));
    return counts;
  }

  long count(String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
