package org.incidentresponse.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.incidentresponse.IncidentResponseApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

@ExtendWith(OutputCaptureExtension.class)
class AdminCredentialsCheckTest {

  private final AdminCredentialsCheck check = new AdminCredentialsCheck();

  @Test
  void refusesWithoutCredentials() {
    MockEnvironment environment = new MockEnvironment()
        .withProperty("camunda.bpm.admin-user.id", "")
        .withProperty("camunda.bpm.admin-user.password", " ");

    assertThatThrownBy(() -> check.postProcessEnvironment(environment, new SpringApplication()))
        .isInstanceOfSatisfying(MissingAdminCredentialsException.class, failure -> assertThat(
            failure.missingProperties()).containsExactly("camunda.bpm.admin-user.id", "camunda.bpm.admin-user.password"));
  }

  @Test
  void refusesWithoutPassword() {
    MockEnvironment environment = new MockEnvironment().withProperty("camunda.bpm.admin-user.id", "ops-admin");

    assertThatThrownBy(() -> check.postProcessEnvironment(environment, new SpringApplication()))
        .isInstanceOfSatisfying(MissingAdminCredentialsException.class, failure -> assertThat(
            failure.missingProperties()).containsExactly("camunda.bpm.admin-user.password"));
  }

  @Test
  void passesWithCredentials() {
    MockEnvironment environment = new MockEnvironment()
        .withProperty("camunda.bpm.admin-user.id", "ops-admin")
        .withProperty("camunda.bpm.admin-user.password", "Ops-Admin-Pa55");

    assertThatCode(() -> check.postProcessEnvironment(environment, new SpringApplication())).doesNotThrowAnyException();
  }

  @Test
  void passesInTheDemoProfileWithoutCredentials() {
    MockEnvironment environment = new MockEnvironment();
    environment.setActiveProfiles("demo");

    assertThatCode(() -> check.postProcessEnvironment(environment, new SpringApplication())).doesNotThrowAnyException();
  }

  @Test
  void analysisSaysWhatIsMissingAndWhatToDo() {
    FailureAnalysis analysis = new MissingAdminCredentialsFailureAnalyzer().analyze(
        new IllegalStateException(new MissingAdminCredentialsException(java.util.List.of("camunda.bpm.admin-user.password"))));

    assertThat(analysis.getDescription()).contains("camunda.bpm.admin-user.password is not set", "'demo' profile");
    assertThat(analysis.getAction()).contains("CAMUNDA_BPM_ADMIN_USER_ID", "CAMUNDA_BPM_ADMIN_USER_PASSWORD",
        "spring.profiles.active=demo");
  }

  @Test
  void applicationRefusesToStartWithoutCredentials(CapturedOutput output) {
    SpringApplication application = new SpringApplication(IncidentResponseApplication.class);
    application.setWebApplicationType(WebApplicationType.NONE);

    // Command-line arguments outrank any CAMUNDA_BPM_ADMIN_USER_* variables of the machine running the test.
    assertThatThrownBy(() -> application.run("--camunda.bpm.admin-user.id=", "--camunda.bpm.admin-user.password="))
        .isInstanceOf(MissingAdminCredentialsException.class);
    assertThat(output).contains("APPLICATION FAILED TO START", "Description:", "Action:",
        "CAMUNDA_BPM_ADMIN_USER_ID");
  }
}
