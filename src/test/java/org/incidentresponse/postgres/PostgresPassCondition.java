package org.incidentresponse.postgres;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Global JUnit condition (registered through META-INF/services, autodetected) for the PostgreSQL
 * pass: it skips the pass with a clear message when PostgreSQL does not answer, so that
 * {@code ./mvnw verify} passes on a machine without it.
 *
 * <p>Which tests the pass runs is chosen by their tag, {@code @Tag("postgres")} on the test class
 * (the {@code postgres-tests} surefire execution in pom.xml runs {@code <groups>postgres</groups>}).
 * Tag a test that depends on the database: the intake (deduplication, idempotency, concurrent
 * deliveries), incident numbering, the audit's history queries, timers and jobs, deployments, and
 * anything with SQL of its own. Everything runs on H2 in the first pass, tagged or not.
 */
public class PostgresPassCondition implements ExecutionCondition {

  private static volatile boolean warned;

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (!PostgresTestDatabase.selected()) {
      return ConditionEvaluationResult.enabled("H2 pass");
    }
    if (!PostgresTestDatabase.available()) {
      if (!warned) {
        warned = true;
        System.err.println("*** PostgreSQL does not answer on " + PostgresTestDatabase.HOST + ":"
            + PostgresTestDatabase.PORT + ": SKIPPING the PostgreSQL pass of the test suite ***");
      }
      return ConditionEvaluationResult.disabled("PostgreSQL not reachable on " + PostgresTestDatabase.HOST
          + ":" + PostgresTestDatabase.PORT + ": PostgreSQL pass skipped");
    }
    return ConditionEvaluationResult.enabled("PostgreSQL pass");
  }
}
