package org.incidentresponse.outbound;

import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.incidentresponse.sop.ClasspathDeployment;
import org.incidentresponse.sop.IncidentVariable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The delivery process {@code outbound/outbound-delivery.bpmn}: its contract (process key, step,
 * variables) and its deployment, under a stable name and resource name so that an unchanged
 * diagram never makes a new version.
 *
 * <p>One instance delivers one message to one channel; its business key is
 * {@code <incident number>/<notification>/<kind>/<channel>}, e.g. {@code INC-2026-0001/resolved/slack/ops}.
 */
@Component
public class OutboundDelivery implements SmartInitializingSingleton {

  public static final String PROCESS_KEY = "outbound-delivery";
  public static final String RESOURCE = "outbound/outbound-delivery.bpmn";
  public static final String DEPLOYMENT_NAME = "outbound-delivery";
  public static final String TASK_DELIVER = "Task_DeliverMessage";

  /** {@code slack/ops}: the {@link Destination#id()}. */
  public static final String CHANNEL = "channel";
  public static final String TEMPLATE = "template";
  public static final String INCIDENT_NUMBER = IncidentVariable.INCIDENT_NUMBER.id();
  public static final String INCIDENT_PROCESS_INSTANCE_ID = "incidentProcessInstanceId";
  /** The message's id: the CloudEvents id and {@code webhook-id} of a webhook, the same on every retry. */
  public static final String EVENT_ID = "eventId";
  public static final String CONTENT_TYPE = "contentType";
  public static final String PAYLOAD = "payload";
  /** Written by the delivery step when the channel accepted the message: a {@link DeliveryRecord}. */
  public static final String DELIVERY = "delivery";

  private static final Logger log = LoggerFactory.getLogger(OutboundDelivery.class);

  private final RepositoryService repositoryService;

  public OutboundDelivery(RepositoryService repositoryService) {
    this.repositoryService = repositoryService;
  }

  @Override
  public void afterSingletonsInstantiated() {
    Deployment deployment = ClasspathDeployment.deploy(repositoryService, DEPLOYMENT_NAME, PROCESS_KEY, List.of(RESOURCE));
    log.info("Outbound delivery deployment {}", deployment.getId());
  }
}
