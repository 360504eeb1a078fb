package org.incidentresponse.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON writer of every outbound body: {@code <}, {@code >}, {@code &} and quotes are written
 * as {@code \u003C} and the like, so that a receiver pasting a value into HTML gets inert text.
 */
final class SafeJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectWriter WRITER = MAPPER.writer().with(new HtmlEscapes());

  private SafeJson() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static String write(Object json) {
    try {
      return WRITER.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write an outbound message", e);
    }
  }

  private static final class HtmlEscapes extends CharacterEscapes {

    private final int[] escapes;

    HtmlEscapes() {
      escapes = standardAsciiEscapesForJSON();
      for (char c : new char[] {'<', '>', '&', '\''}) {
        escapes[c] = ESCAPE_STANDARD;
      }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return escapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return null;
    }
  }
}
