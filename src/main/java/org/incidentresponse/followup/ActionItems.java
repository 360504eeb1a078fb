package org.incidentresponse.followup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.camunda.spin.json.SpinJsonNode;

/**
 * Reads the review's {@code actionItems}: a JSON array of {@code {title, type, owner, dueDate, ticketUrl?}},
 * whether it arrives as a Camunda JSON (Spin) variable, a Java list of maps, or a JSON string. No variable,
 * or an empty text, is no action item. Strict, for the check at the review's completion: every row is
 * numbered and a malformed one refused; what is stored is read back leniently by
 * {@link org.incidentresponse.sop.ActionItem#listOf(Object)}.
 */
public final class ActionItems {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The kinds of action item, as the review's form offers them. */
  public static final List<String> TYPES = org.incidentresponse.sop.ActionItem.TYPES;

  /** One row as typed, trimmed; index counts from 1, as people count rows. Fields may be empty: see {@link CheckActionItems}. */
  public record ActionItem(int index, String title, String type, String owner, String dueDate, String ticketUrl) {}

  private ActionItems() {}

  /** @throws IllegalArgumentException when the value is not a JSON array of objects */
  public static List<ActionItem> read(Object value) {
    JsonNode array = tree(value);
    List<ActionItem> items = new ArrayList<>();
    if (array == null) {
      return items;
    }
    if (!array.isArray()) {
      throw new IllegalArgumentException(FollowUp.ACTION_ITEMS + " must be a list of action items");
    }
    int index = 0;
    for (JsonNode row : array) {
      index++;
      if (!row.isObject()) {
        throw new IllegalArgumentException("action item " + index + " is not an object with title, type, owner and dueDate");
      }
      items.add(new ActionItem(index, text(row, "title"), text(row, "type").toLowerCase(Locale.ROOT),
          text(row, "owner"), text(row, "dueDate"), text(row, "ticketUrl")));
    }
    return items;
  }

  private static JsonNode tree(Object value) {
    try {
      if (value == null) {
        return null;
      }
      if (value instanceof SpinJsonNode spin) {
        return JSON.readTree(spin.toString());
      }
      if (value instanceof CharSequence text) {
        return text.toString().isBlank() ? null : JSON.readTree(text.toString());
      }
      return JSON.valueToTree(value);
    } catch (JsonProcessingException | IllegalArgumentException notJson) {
      throw new IllegalArgumentException(FollowUp.ACTION_ITEMS + " is not a JSON list of action items");
    }
  }

  private static String text(JsonNode row, String field) {
    JsonNode value = row.get(field);
    return value == null || value.isNull() ? "" : value.asText().strip();
  }
}
