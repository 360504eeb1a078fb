package org.incidentresponse.sop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One row of the post-incident review's action items ({@link IncidentVariable#ACTION_ITEMS}): a row
 * group of {@code forms/conduct-post-incident-review.form}, whose field keys are these components'
 * names. The variable is a Camunda {@code Json} variable (an array of objects) once the review is
 * completed; {@link #listOf(Object)} reads it however it arrives.
 *
 * @param type one of {@link #TYPES}
 * @param owner a user id
 * @param dueDate an ISO date, {@code 2026-12-15}, as the form's date picker submits it
 * @param ticketUrl optional
 */
public record ActionItem(String title, String type, String owner, String dueDate, String ticketUrl) {

  /** The form's choices for {@code type}. */
  public static final List<String> TYPES = List.of("prevent", "mitigate", "detect", "process");

  /** The form's field keys of one row, in the form's order. */
  public static final List<String> KEYS = List.of("title", "type", "owner", "dueDate", "ticketUrl");

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The items of the variable's value: a JSON text (a Json variable read without deserialisation, or
   * a String), a Spin JSON node (its {@code toString} is the JSON), or a list of maps. Null or blank
   * gives an empty list; rows that are not objects are skipped. Throws {@link IllegalArgumentException}
   * on text that is not JSON.
   */
  public static List<ActionItem> listOf(Object value) {
    if (value == null) {
      return List.of();
    }
    JsonNode array;
    if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
      array = JSON.valueToTree(value);
    } else {
      String text = value.toString();
      if (text.isBlank()) {
        return List.of();
      }
      try {
        array = JSON.readTree(text);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("actionItems is not JSON: " + e.getOriginalMessage(), e);
      }
    }
    List<ActionItem> items = new ArrayList<>();
    if (array != null && array.isArray()) {
      for (JsonNode row : array) {
        if (row.isObject()) {
          items.add(new ActionItem(text(row, "title"), text(row, "type"), text(row, "owner"), text(row, "dueDate"),
              text(row, "ticketUrl")));
        }
      }
    }
    return List.copyOf(items);
  }

  private static String text(JsonNode row, String key) {
    JsonNode value = row.get(key);
    if (value == null || value.isNull()) {
      return null;
    }
    String text = value.asText().strip();
    return text.isEmpty() ? null : text;
  }
}
