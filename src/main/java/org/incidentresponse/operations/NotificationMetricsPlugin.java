package org.incidentresponse.operations;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricJobLogEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.history.JobState;
import org.springframework.stereotype.Component;

/**
 * Counts notifications without touching the notification code: every service task of the SOP that
 * calls {@code sendNotification} gets an end listener that counts one sent notification when its
 * transaction commits, and every failed attempt of such a task's job (SMTP down, say) is counted
 * from the engine's job log.
 */
@Component
public class NotificationMetricsPlugin extends AbstractProcessEnginePlugin {

  private static final String NOTIFICATION_BEAN = "sendNotification";

  private final OperationsMetrics metrics;
  /** activity id → template of every notification step parsed so far (ids are stable across versions). */
  private final Map<String, String> notificationSteps = new ConcurrentHashMap<>();

  public NotificationMetricsPlugin(OperationsMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new NotificationStepListener());
    if (configuration.getCustomHistoryEventHandlers() == null) {
      configuration.setCustomHistoryEventHandlers(new ArrayList<>());
    }
    configuration.getCustomHistoryEventHandlers().add(new FailedNotificationCounter());
  }

  private final class NotificationStepListener extends AbstractBpmnParseListener {
    @Override
    public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
      String expression = element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "expression");
      String delegate = element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "delegateExpression");
      boolean notification = (expression != null && expression.contains(NOTIFICATION_BEAN))
          || (delegate != null && delegate.contains(NOTIFICATION_BEAN));
      if (!notification) {
        return;
      }
      notificationSteps.put(activity.getId(), templateOf(element));
      activity.addListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) this::sent);
    }

    private void sent(DelegateExecution execution) {
      String template = notificationSteps.getOrDefault(execution.getCurrentActivityId(), "unknown");
      CommandContext context = Context.getCommandContext();
      if (context == null) {
        metrics.notificationSent(template);
        return;
      }
      context.getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
          committed -> metrics.notificationSent(template));
    }
  }

  /** The {@code template} input parameter of the step, e.g. {@code update}. */
  private static String templateOf(Element serviceTask) {
    Element extensions = serviceTask.element("extensionElements");
    if (extensions == null) {
      return "unknown";
    }
    for (Element io : extensions.elements()) {
      if (!"inputOutput".equals(io.getTagName())) {
        continue;
      }
      for (Element input : io.elements()) {
        if ("inputParameter".equals(input.getTagName()) && "template".equals(input.attribute("name"))) {
          String text = input.getText();
          return text == null || text.isBlank() ? "unknown" : text.trim();
        }
      }
    }
    return "unknown";
  }

  private final class FailedNotificationCounter implements HistoryEventHandler {
    @Override
    public void handleEvent(HistoryEvent event) {
      if (event instanceof HistoricJobLogEvent jobLog
          && jobLog.getState() == JobState.FAILED.getStateCode()
          && jobLog.getActivityId() != null
          && notificationSteps.containsKey(jobLog.getActivityId())) {
        metrics.notificationFailed(notificationSteps.get(jobLog.getActivityId()));
      }
    }

    @Override
    public void handleEvents(java.util.List<HistoryEvent> events) {
      events.forEach(this::handleEvent);
    }
  }
}
