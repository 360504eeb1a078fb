package org.incidentresponse.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.incidentresponse.sop.IncidentVariable;

/**
 * The process variable {@code notifiedRecipients}: every address notified so far in the incident,
 * as a JSON array, so that the closing notice reaches everyone who heard about the incident.
 */
final class NotifiedRecipients {

  private static final String VARIABLE = IncidentVariable.NOTIFIED_RECIPIENTS.id();

  private static final ObjectMapper JSON = new ObjectMapper();

  private NotifiedRecipients() {
  }

  /** The addresses in the variable's value; a comma-separated list (edited by hand in Cockpit) is read too. */
  static List<String> read(Object value) {
    if (value == null) {
      return List.of();
    }
    String text = String.valueOf(value).strip();
    if (text.startsWith("[")) {
      try {
        return JSON.readValue(text, new TypeReference<List<String>>() { });
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(VARIABLE + " is not a JSON array of addresses: " + text, e);
      }
    }
    return Arrays.stream(text.split("[,;\\s]+")).filter(address -> !address.isBlank()).toList();
  }

  /** The union of what the variable holds and the addresses just notified, sorted, unique ignoring case. */
  static TypedValue union(Object value, Collection<String> notified) {
    Map<String, String> byKey = new TreeMap<>();
    for (String address : read(value)) {
      byKey.putIfAbsent(address.toLowerCase(Locale.ROOT), address);
    }
    for (String address : notified) {
      byKey.putIfAbsent(address.toLowerCase(Locale.ROOT), address);
    }
    try {
      return JsonVariableValue.of(JSON.writeValueAsString(List.copyOf(byKey.values())));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
