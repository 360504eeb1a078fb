package org.incidentresponse.postgres;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The PostgreSQL that the second test pass and the cluster tests use: 127.0.0.1:5432, user
 * postgres (trust auth, as .ci/run sets it up). Each caller gets a fresh database, dropped when the
 * JVM exits.
 */
public final class PostgresTestDatabase {

  /** System property that selects the PostgreSQL pass ({@code postgres}); unset means H2. */
  public static final String SELECTOR = "incident-response.test.database";

  public static final String HOST = System.getProperty("incident-response.test.postgres.host", "127.0.0.1");
  public static final int PORT = Integer.getInteger("incident-response.test.postgres.port", 5432);
  public static final String USER = System.getProperty("incident-response.test.postgres.user", "postgres");
  public static final String PASSWORD = System.getProperty("incident-response.test.postgres.password", "");

  private static final List<String> CREATED = new CopyOnWriteArrayList<>();
  private static Boolean available;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(PostgresTestDatabase::dropAll, "drop-test-databases"));
  }

  private PostgresTestDatabase() {}

  public static boolean selected() {
    return "postgres".equalsIgnoreCase(System.getProperty(SELECTOR, ""));
  }

  /** Whether something answers on the PostgreSQL port and lets the test user in. */
  public static synchronized boolean available() {
    if (available == null) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(HOST, PORT), 2000);
        try (Connection ignored = DriverManager.getConnection(url("postgres"), USER, PASSWORD)) {
          available = true;
        }
      } catch (Exception e) {
        available = false;
      }
    }
    return available;
  }

  public static String url(String database) {
    return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
  }

  /** Creates an empty database {@code <prefix>_<random>} and returns its JDBC URL. */
  public static String createDatabase(String prefix) {
    String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE DATABASE " + name);
    CREATED.add(name);
    return url(name);
  }

  public static void execute(String sql) {
    try (Connection connection = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL: " + sql + ": " + e.getMessage(), e);
    }
  }

  private static void dropAll() {
    for (String name : CREATED) {
      try {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      } catch (RuntimeException e) {
        System.err.println("Could not drop test database " + name + ": " + e.getMessage());
      }
    }
  }
}
