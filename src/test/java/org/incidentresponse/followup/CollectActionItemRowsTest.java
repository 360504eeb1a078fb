package org.incidentresponse.followup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The review form's rows ({@code {item1: {...}, ...}}) become the contract's array; anything else is left alone. */
class CollectActionItemRowsTest {

  static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void filledRowsInRowOrderWithoutBlankOnes() throws Exception {
    JsonNode rows = json("""
        {"item10": {"title": "Tenth"},
         "item2": {"title": "Second", "type": "detect", "owner": "alice", "dueDate": "2027-01-04"},
         "item3": {"title": " ", "type": null, "owner": "", "ticketUrl": ""},
         "item1": {"title": "", "owner": "bob"}}""");
    assertThat(CollectActionItemRows.isFormRows(rows)).isTrue();
    assertThat(CollectActionItemRows.list(rows)).extracting(row -> row.path("title").asText())
        .as("a row with only an owner is kept, so that the check names its missing title")
        .containsExactly("", "Second", "Tenth");
  }

  @Test
  void theApisArrayAndOtherShapesAreNotTheForms() throws Exception {
    assertThat(CollectActionItemRows.isFormRows(json("[{\"title\": \"x\"}]"))).isFalse();
    assertThat(CollectActionItemRows.isFormRows(json("{\"title\": \"not a list\"}"))).isFalse();
    assertThat(CollectActionItemRows.isFormRows(json("{\"item1\": {}, \"note\": \"x\"}"))).isFalse();
    assertThat(CollectActionItemRows.isFormRows(json("{}"))).isFalse();
  }
}
