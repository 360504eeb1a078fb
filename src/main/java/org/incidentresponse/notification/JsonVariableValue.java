package org.incidentresponse.notification;

import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * A JSON text as a process variable: a String while it fits, a Camunda Json variable beyond that.
 *
 * <p>Camunda keeps String variables in a varchar(4000) column; a notification to a large group
 * would otherwise fail on insert and be retried forever. Both types hold the same JSON text, so
 * readers take {@code String.valueOf(value)} (a Json variable's value prints as its JSON).
 */
final class JsonVariableValue {

  /** Characters that fit the String variable column (H2 and PostgreSQL: varchar(4000)). */
  static final int STRING_LIMIT = 4000;

  private JsonVariableValue() {
  }

  static TypedValue of(String json) {
    return json.length() <= STRING_LIMIT ? Variables.stringValue(json) : SpinValues.jsonValue(json).create();
  }
}
