package org.incidentresponse.intake;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * On an H2 file database, writes every commit to the file before the commit returns
 * ({@code SET WRITE_DELAY 0}). H2 otherwise flushes commits up to 500 ms later, and a killed
 * process loses incidents it already answered 2xx for (IntakeKillTest shows it). PostgreSQL and
 * in-memory H2 are left alone.
 */
@Component
public class H2CommitDurability {

  private static final Logger log = LoggerFactory.getLogger(H2CommitDurability.class);

  public H2CommitDurability(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      var meta = connection.getMetaData();
      if ("H2".equals(meta.getDatabaseProductName()) && meta.getURL().startsWith("jdbc:h2:file:")) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("SET WRITE_DELAY 0");
        }
        log.info("H2 file database: commits are written before they return (WRITE_DELAY 0)");
      }
    }
  }
}
