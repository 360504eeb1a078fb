package org.incidentresponse.acknowledgement;

import static org.incidentresponse.acknowledgement.SopAcknowledgement.ACKNOWLEDGED;
import static org.incidentresponse.acknowledgement.SopAcknowledgement.ANSWER;
import static org.incidentresponse.acknowledgement.SopAcknowledgement.HINT;
import static org.incidentresponse.acknowledgement.SopAcknowledgement.QUESTION_INDEX;
import static org.incidentresponse.acknowledgement.SopAcknowledgement.SOP_VERSION;
import static org.incidentresponse.acknowledgement.SopAcknowledgement.USER_ID;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The step after "Read the SOP, version N" ({@code ${sopKnowledgeCheck}}): a right answer moves to
 * the next question, or records the acknowledgement after the last; a wrong one shows the relevant
 * step and asks the same question again.
 */
@Component("sopKnowledgeCheck")
public class CheckKnowledge implements JavaDelegate {

  private final AcknowledgementRequests requests;
  private final SopAcknowledgements acknowledgements;

  public CheckKnowledge(AcknowledgementRequests requests, SopAcknowledgements acknowledgements) {
    this.requests = requests;
    this.acknowledgements = acknowledgements;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<KnowledgeCheck.Question> questions = requests.knowledgeCheck().questions();
    Object stored = execution.getVariable(QUESTION_INDEX);
    int index = Math.min(stored instanceof Number n ? n.intValue() : 0, questions.size() - 1);
    KnowledgeCheck.Question question = questions.get(index);
    Object answer = execution.getVariable(ANSWER);
    execution.removeVariable(ANSWER);
    if (!question.answer().equals(answer)) {
      execution.setVariable(HINT, "Step " + question.step() + ": " + question.explanation());
      execution.setVariable(ACKNOWLEDGED, false);
      return;
    }
    execution.setVariable(HINT, "");
    if (index + 1 < questions.size()) {
      AcknowledgementRequests.ask(execution, index + 1, questions.get(index + 1));
      execution.setVariable(ACKNOWLEDGED, false);
      return;
    }
    acknowledgements.record(((Number) execution.getVariable(SOP_VERSION)).intValue(),
        (String) execution.getVariable(USER_ID), ClockUtil.getCurrentTime().toInstant());
    execution.setVariable(ACKNOWLEDGED, true);
  }
}
