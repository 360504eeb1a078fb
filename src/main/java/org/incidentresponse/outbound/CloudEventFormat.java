package org.incidentresponse.outbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.IncidentVariables;
import org.springframework.stereotype.Component;

/**
 * A webhook event: one CloudEvents 1.0 document in structured mode ({@code application/cloudevents+json})
 * with the {@code type} configured for the notification ({@code incident.resolved}), the incident
 * number as {@code subject}, and the incident in {@code data}. Its id is the delivery's, the same on
 * every retry, so that receivers can deduplicate.
 */
@Component
class CloudEventFormat implements OutboundFormat {

  private static final JsonFormat FORMAT = new JsonFormat();

  private final OutboundProperties properties;

  CloudEventFormat(OutboundProperties properties) {
    this.properties = properties;
  }

  @Override
  public ChannelKind kind() {
    return ChannelKind.WEBHOOK;
  }

  @Override
  public Payload payload(IncidentNotice notice, String eventId) {
    CloudEvent event = CloudEventBuilder.v1()
        .withId(eventId)
        .withSource(properties.source())
        .withType(properties.eventType(notice.template()))
        .withSubject(notice.incidentNumber())
        .withTime(notice.issuedAt().atOffset(ZoneOffset.UTC))
        .withDataContentType("application/json")
        .withData(SafeJson.write(data(notice)).getBytes(StandardCharsets.UTF_8))
        .build();
    return new Payload(JsonFormat.CONTENT_TYPE, new String(FORMAT.serialize(event), StandardCharsets.UTF_8));
  }

  /** The incident as receivers see it: its facts, not every process variable. */
  private static ObjectNode data(IncidentNotice notice) {
    IncidentVariables incident = IncidentVariables.of(notice.variables());
    ObjectNode data = SafeJson.object();
    data.put("notification", notice.template());
    ObjectNode json = data.putObject("incident");
    json.put("number", notice.incidentNumber());
    json.put("title", notice.title());
    json.put(IncidentVariable.SEVERITY.id(), notice.severity());
    json.put("status", notice.status());
    json.put(IncidentVariable.DRILL.id(), notice.drill());
    for (IncidentVariable variable : new IncidentVariable[] {IncidentVariable.SERVICE, IncidentVariable.DESCRIPTION,
        IncidentVariable.INCIDENT_COMMANDER, IncidentVariable.STATUS_NOTE}) {
      json.put(variable.id(), incident.string(variable));
    }
    for (IncidentVariable moment : new IncidentVariable[] {IncidentVariable.REPORTED_AT,
        IncidentVariable.ACKNOWLEDGED_AT, IncidentVariable.NEXT_UPDATE_AT, IncidentVariable.TARGET_RESOLUTION_AT}) {
      json.put(moment.id(), incident.instant(moment) == null ? null : incident.instant(moment).toString());
    }
    ObjectNode links = json.putObject("links");
    notice.links().forEach(links::put);
    return data;
  }
}
