package org.incidentresponse.outbound;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The JSON schemas in src/test/resources/outbound that each outbound format must satisfy. */
final class PayloadSchemas {

  private PayloadSchemas() {}

  static JsonSchema adaptiveCard() {
    return load("adaptive-card-1.5.schema.json", SpecVersion.VersionFlag.V6);
  }

  static JsonSchema slackMessage() {
    return load("slack-message.schema.json", SpecVersion.VersionFlag.V7);
  }

  static JsonSchema mattermostMessage() {
    return load("mattermost-message.schema.json", SpecVersion.VersionFlag.V7);
  }

  static JsonSchema cloudEvent() {
    return load("cloudevents-1.0.schema.json", SpecVersion.VersionFlag.V7);
  }

  private static JsonSchema load(String name, SpecVersion.VersionFlag version) {
    try (InputStream in = PayloadSchemas.class.getResourceAsStream("/outbound/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing schema " + name);
      }
      // Formats (uri, date-time) are asserted, not only annotated.
      SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
      return JsonSchemaFactory.getInstance(version).getSchema(in, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
