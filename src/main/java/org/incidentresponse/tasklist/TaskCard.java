package org.incidentresponse.tasklist;

import static org.incidentresponse.sop.IncidentVariable.DASHBOARD_URL;
import static org.incidentresponse.sop.IncidentVariable.DESCRIPTION;
import static org.incidentresponse.sop.IncidentVariable.GENERATOR_URL;
import static org.incidentresponse.sop.IncidentVariable.RUNBOOK_URL;
import static org.incidentresponse.sop.IncidentVariable.SERVICE;
import static org.incidentresponse.sop.IncidentVariable.SEVERITY;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.incidentresponse.sop.IncidentVariables;
import org.incidentresponse.sop.Sop;
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
    // Only the SOP's tasks are about an incident; the app's other processes name their own tasks.
    if (task.getProcessDefinitionId() == null || !task.getProcessDefinitionId().startsWith(Sop.PROCESS_KEY + ":")) {
      return;
    }
    String stepName = task.getBpmnModelElementInstance() != null
        ? task.getBpmnModelElementInstance().getName() : task.getName();
    IncidentVariables incident = IncidentVariables.of(task);
    task.setName(name(stepName, incident.incidentNumber(), incident.string(SEVERITY), incident.title()));
    task.setDescription(description(incident));
  }

  static String name(String step, String number, String severity, String title) {
    String name = Stream.of(step, number, severity, title).filter(Objects::nonNull).filter(s -> !s.isBlank())
        .collect(Collectors.joining(" · "));
    // Camunda stores task names in a 255-character column.
    return name.length() > 255 ? name.substring(0, 254) + "…" : name;
  }

  private static String description(IncidentVariables incident) {
    List<String> lines = new ArrayList<>();
    add(lines, "", incident.string(DESCRIPTION));
    add(lines, "Service: ", incident.string(SERVICE));
    add(lines, "Severity: ", incident.string(SEVERITY));
    add(lines, "Alert: ", incident.string(GENERATOR_URL));
    add(lines, "Dashboard: ", incident.string(DASHBOARD_URL));
    add(lines, "Runbook: ", incident.string(RUNBOOK_URL));
    String description = String.join("\n", lines);
    return description.length() > 4000 ? description.substring(0, 3999) + "…" : description;
  }

  private static void add(List<String> lines, String label, String value) {
    if (value != null && !value.isBlank()) {
      lines.add(label + value);
    }
  }
}
