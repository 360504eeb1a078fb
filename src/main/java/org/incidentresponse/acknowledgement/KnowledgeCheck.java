package org.incidentresponse.acknowledgement;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.core.io.Resource;

/**
 * The knowledge check of each new SOP version, kept by process owners as data beside the SOP
 * ({@code bpmn/knowledge-check.yaml}): questions, their options, the right answer, and the step
 * shown again after a wrong one.
 */
public record KnowledgeCheck(List<Question> questions) {

  /** An option as form-js's radio shows it. */
  public record Option(String value, String label) {}

  /**
   * @param answer the value of the right option
   * @param step the BPMN id of the step the question is about
   * @param explanation what that step says, shown after a wrong answer
   */
  public record Question(String question, List<Option> options, String answer, String step, String explanation) {

    public Question {
      options = options == null ? List.of() : List.copyOf(options);
      if (question == null || question.isBlank() || options.isEmpty()
          || options.stream().noneMatch(o -> o.value().equals(answer))) {
        throw new IllegalArgumentException("a knowledge check question needs its text, options and an answer that is "
            + "one of the options: " + question);
      }
    }
  }

  public KnowledgeCheck {
    questions = questions == null ? List.of() : List.copyOf(questions);
    if (questions.isEmpty()) {
      throw new IllegalArgumentException("the knowledge check has no question");
    }
  }

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  public static KnowledgeCheck read(Resource resource) {
    try (InputStream in = resource.getInputStream()) {
      return YAML.readValue(in, KnowledgeCheck.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the knowledge check " + resource, e);
    }
  }
}
