package org.incidentresponse.postgres;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Global JUnit condition (registered through META-INF/services, autodetected): in the PostgreSQL
 * pass it runs the Spring tests only (plain unit tests do not touch a database and ran in the H2
 * pass), and skips everything with a clear message when PostgreSQL does not answer, so that
 * {@code ./mvnw verify} passes on a machine without it.
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
    boolean spring = context.getTestClass()
        .map(type -> {
          for (Class<?> outer = type; outer != null; outer = outer.getEnclosingClass()) {
            for (Class<?> c = outer; c != null; c = c.getSuperclass()) {
              if (AnnotationSupport.isAnnotated(c, SpringBootTest.class)) {
                return true;
              }
            }
          }
          return false;
        })
        .orElse(true);
    return spring
        ? ConditionEvaluationResult.enabled("PostgreSQL pass")
        : ConditionEvaluationResult.disabled("No database: ran in the H2 pass");
  }
}
