package org.incidentresponse.followup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.spin.plugin.variable.SpinValues;
import org.incidentresponse.sop.ActionItem;
import org.springframework.stereotype.Component;

/**
 * Task listener {@code ${collectActionItemRows}}, the first on the completion of
 * {@code Task_ConductPostIncidentReview}: turns the review form's rows into the contract's list.
 *
 * <p>The form gives its action items as fixed rows, groups {@code item1}…{@code itemN} inside the
 * group {@code actionItems}, so Tasklist submits {@code actionItems} as a JSON object
 * {@code {"item1": {title, type, owner, dueDate, ticketUrl}, …}}. (Tasklist 7.24 keeps Complete
 * disabled on a form with a form-js dynamic list: form-js 1.13 leaves an empty error entry for every
 * field of a list row, and Tasklist counts the entries.) This listener replaces that object with the
 * array that the rest of the SOP reads, in row order, without the rows left entirely blank. An array,
 * as the API gives it, is left as it is.
 */
@Component("collectActionItemRows")
class CollectActionItemRows implements TaskListener {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ROW = Pattern.compile("item(\\d+)");

  @Override
  public void notify(DelegateTask task) {
    Object value = task.getVariable(FollowUp.ACTION_ITEMS);
    if (value == null) {
      return;
    }
    JsonNode rows;
    try {
      rows = JSON.readTree(value.toString());
    } catch (JsonProcessingException notJson) {
      return; // checkActionItems, next, refuses it with its message
    }
    if (!isFormRows(rows)) {
      return; // the API's array, or something checkActionItems refuses with its message
    }
    task.setVariable(FollowUp.ACTION_ITEMS, SpinValues.jsonValue(list(rows).toString()).create());
  }

  /** The form's shape: an object with only row groups ({@code item1}, {@code item2}, …). */
  static boolean isFormRows(JsonNode rows) {
    if (rows == null || !rows.isObject() || rows.isEmpty()) {
      return false;
    }
    List<String> names = new ArrayList<>();
    rows.fieldNames().forEachRemaining(names::add);
    return names.stream().allMatch(name -> ROW.matcher(name).matches());
  }

  /** The filled rows of the form's object, ordered by their number. */
  static ArrayNode list(JsonNode rows) {
    List<Map.Entry<Integer, JsonNode>> numbered = new ArrayList<>();
    rows.fields().forEachRemaining(field -> {
      Matcher row = ROW.matcher(field.getKey());
      if (row.matches() && field.getValue().isObject() && !blank(field.getValue())) {
        numbered.add(Map.entry(Integer.parseInt(row.group(1)), field.getValue()));
      }
    });
    numbered.sort(Comparator.comparing(Map.Entry::getKey));
    ArrayNode list = JSON.createArrayNode();
    numbered.forEach(row -> list.add(row.getValue()));
    return list;
  }

  private static boolean blank(JsonNode row) {
    return ActionItem.KEYS.stream().map(row::get)
        .allMatch(v -> v == null || v.isNull() || v.asText().isBlank());
  }
}
