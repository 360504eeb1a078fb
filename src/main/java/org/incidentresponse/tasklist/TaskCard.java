package org.incidentresponse.tasklist;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Names every SOP task after its incident, so a Tasklist card says what is burning without being
 * opened: "Triage incident · INC-2026-0042 · SEV1 · Checkout API down". The description carries the
 * summary and the links responders need first.
 */
@Component("taskCard")
public class TaskCard implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    String stepName = task.getBpmnModelElementInstance() != null
        ? task.getBpmnModelElementInstance().getName() : task.getName();
    task.setName(name(stepName, text(task, "incidentNumber"), text(task, "severity"), text(task, "title")));
    task.setDescription(description(task));
  }

  static String name(String step, String number, String severity, String title) {
    String name = Stream.of(step, number, severity, title).filter(Objects::nonNull).filter(s -> !s.isBlank())
        .collect(Collectors.joining(" · "));
    // Camunda stores task names in a 255-character column.
    return name.length() > 255 ? name.substring(0, 254) + "…" : name;
  }

  private static String description(DelegateTask task) {
    List<String> lines = new ArrayList<>();
    add(lines, "", text(task, "description"));
    add(lines, "Service: ", text(task, "service"));
    add(lines, "Severity: ", text(task, "severity"));
    add(lines, "Alert: ", text(task, "generatorUrl"));
    add(lines, "Dashboard: ", text(task, "dashboardUrl"));
    add(lines, "Runbook: ", text(task, "runbookUrl"));
    String description = String.join("\n", lines);
    return description.length() > 4000 ? description.substring(0, 3999) + "…" : description;
  }

  private static void add(List<String> lines, String label, String value) {
    if (value != null && !value.isBlank()) {
      lines.add(label + value);
    }
  }

  private static String text(DelegateTask task, String variable) {
    Object value = task.getVariable(variable);
    return value == null ? null : value.toString();
  }
}
