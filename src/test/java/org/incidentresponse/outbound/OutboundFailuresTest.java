package org.incidentresponse.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.incidentresponse.notification.NotificationIssued;
import org.incidentresponse.outbound.Receivers.Answer;
import org.incidentresponse.outbound.Receivers.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * What a delivery does when the receiver fails: the engine retries it on the back-off (the clock is
 * moved, never slept on), a 429 waits for its Retry-After, another 4xx is a Cockpit incident at
 * once, a receiver that hangs is cut off by the timeout; and the channel's URL and secret appear in
 * no log line and no recorded variable.
 */
@OutboundTest
@ExtendWith(OutputCaptureExtension.class)
class OutboundFailuresTest {

  private static final AtomicInteger NUMBERS = new AtomicInteger();

  @Autowired OutboundDispatch dispatch;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired MeterRegistry meters;

  OutboundDriver driver;
  String number;

  @BeforeEach
  void setUp() {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-01T09:00:00Z")));
    Receivers.get().reset();
    driver = new OutboundDriver(runtimeService, taskService, managementService, historyService);
    number = "INC-FAIL-" + NUMBERS.incrementAndGet();
    driver.ownDeliveries(number + "/");
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  /** The review-overdue reminder of a SEV4 incident: the only notification the flaky channels take. */
  private void reviewOverdue() {
    Map<String, Object> incident = new HashMap<>();
    incident.put("incidentNumber", number);
    incident.put("title", "Nightly export late");
    incident.put("severity", "SEV4");
    incident.put("service", "exports");
    incident.put("reviewDueAt", "2026-11-30T09:00:00Z");
    dispatch.issued(new NotificationIssued("review-overdue", "no-such-process-instance", incident,
        ClockUtil.getCurrentTime().toInstant()));
    driver.runDueJobs();
  }

  private Job deliveryJob(String channel) {
    ProcessInstance delivery = runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(number + "/review-overdue/" + channel).singleResult();
    assertThat(delivery).as("delivery to %s still open", channel).isNotNull();
    return managementService.createJobQuery().processInstanceId(delivery.getId()).singleResult();
  }

  private double count(String name, String channel) {
    var counter = meters.find(name).tag("kind", channel.split("/")[0]).tag("channel", channel.split("/")[1]).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void aReceiverThatFailsTwiceEndsWithExactlyOneDeliveryOfTheSameEvent() {
    double sentBefore = count("incident.response.outbound.sent", "webhook/flaky");
    double failedBefore = count("incident.response.outbound.failed", "webhook/flaky");
    Receivers.get().script("/webhook/flaky", Answer.of(500, "boom"), Answer.of(503, "busy"));

    reviewOverdue();
    assertThat(Receivers.get().received("/webhook/flaky")).hasSize(1);
    // Back-off: 1 minute, then 5.
    assertThat(deliveryJob("webhook/flaky").getDuedate()).isEqualTo(Date.from(Instant.parse("2026-12-01T09:01:00Z")));
    assertThat(deliveryJob("webhook/flaky").getExceptionMessage()).isEqualTo("webhook/flaky answered 500: boom");
    driver.advance(Duration.ofSeconds(59));
    assertThat(Receivers.get().received("/webhook/flaky")).hasSize(1);
    driver.advance(Duration.ofSeconds(1));
    assertThat(Receivers.get().received("/webhook/flaky")).hasSize(2);
    assertThat(deliveryJob("webhook/flaky").getDuedate()).isEqualTo(Date.from(Instant.parse("2026-12-01T09:06:00Z")));
    driver.advance(Duration.ofMinutes(5));

    List<Received> requests = Receivers.get().received("/webhook/flaky");
    assertThat(requests).hasSize(3);
    assertThat(requests).extracting(r -> r.headers().get("webhook-id")).containsOnly(requests.get(0).headers().get("webhook-id"));
    // Each attempt is signed at its own time.
    assertThat(requests).extracting(r -> r.headers().get("webhook-timestamp")).doesNotHaveDuplicates();
    assertThat(driver.deliveries(number + "/review-overdue/webhook/flaky")).singleElement().satisfies(d -> {
      assertThat(d.attempts()).isEqualTo(3);
      assertThat(d.status()).isEqualTo(200);
      assertThat(d.eventId()).isEqualTo(requests.get(0).headers().get("webhook-id"));
    });
    assertThat(count("incident.response.outbound.sent", "webhook/flaky")).isEqualTo(sentBefore + 1);
    assertThat(count("incident.response.outbound.failed", "webhook/flaky")).isEqualTo(failedBefore + 2);
  }

  @Test
  void a429IsRetriedNoEarlierThanItsRetryAfter() {
    Receivers.get().script("/slack/flaky", new Answer(429, Map.of("Retry-After", "600"), "rate_limited", 0));

    reviewOverdue();
    Job job = deliveryJob("slack/flaky");
    assertThat(job.getDuedate()).isEqualTo(Date.from(Instant.parse("2026-12-01T09:10:00Z")));
    assertThat(job.getExceptionMessage()).startsWith("slack/flaky answered 429: rate_limited");
    driver.advance(Duration.ofMinutes(9));
    assertThat(Receivers.get().received("/slack/flaky")).hasSize(1);
    driver.advance(Duration.ofMinutes(1));
    assertThat(Receivers.get().received("/slack/flaky")).hasSize(2);
    assertThat(driver.deliveries(number + "/review-overdue/slack/flaky")).singleElement()
        .satisfies(d -> assertThat(d.attempts()).isEqualTo(2));
  }

  @Test
  void a404FailsAtOnceAsACockpitIncidentWithTheAnswer(CapturedOutput output) {
    Receivers.get().script("/slack/flaky", Answer.of(404, "no_service"));

    reviewOverdue();
    Job job = deliveryJob("slack/flaky");
    assertThat(job.getRetries()).isZero();
    Incident incident = runtimeService.createIncidentQuery().processInstanceId(job.getProcessInstanceId()).singleResult();
    assertThat(incident.getIncidentMessage()).isEqualTo("slack/flaky answered 404: no_service");
    driver.advance(Duration.ofHours(3));
    assertThat(Receivers.get().received("/slack/flaky")).hasSize(1);
    // The other channels of the same notification are not held up by it.
    assertThat(Receivers.get().received("/slack/ops")).hasSize(1);
    assertThat(driver.deliveries(number + "/review-overdue/slack/ops")).hasSize(1);

    // Nowhere the URL: not in the log, the job, or the recorded variables.
    String url = Receivers.get().baseUrl() + "/slack/flaky";
    // The receivers' address itself: no channel's URL, whole or in part, was logged since the start.
    assertThat(output.getAll()).contains("slack/flaky answered 404").doesNotContain(Receivers.get().baseUrl())
        .doesNotContain("127.0.0.1:" + Receivers.get().baseUrl().replaceAll(".*:", ""));
    historyService.createHistoricVariableInstanceQuery().processInstanceId(job.getProcessInstanceId()).list()
        .forEach(v -> assertThat(String.valueOf(v.getValue())).doesNotContain(url));
    assertThat(managementService.getJobExceptionStacktrace(job.getId())).doesNotContain(url);
  }

  @Test
  void aReceiverThatHangsIsCutOffByTheTimeoutAndRetried(CapturedOutput output) {
    Receivers.get().script("/webhook/flaky", new Answer(200, Map.of(), "late", 3000));

    reviewOverdue();
    Job job = deliveryJob("webhook/flaky");
    assertThat(job.getExceptionMessage()).isEqualTo("webhook/flaky did not answer within 1 s");
    assertThat(job.getRetries()).isPositive();
    driver.advance(Duration.ofMinutes(1));
    assertThat(driver.deliveries(number + "/review-overdue/webhook/flaky")).singleElement()
        .satisfies(d -> assertThat(d.attempts()).isEqualTo(2));
    assertThat(output.getAll()).contains("webhook/flaky did not answer").doesNotContain("a plain-text secret")
        .doesNotContain(OutboundTest.WEBHOOK_SECRET).doesNotContain(Receivers.get().baseUrl());
  }

  @Test
  void aChannelThatIsDownIsRetriedThenACockpitIncidentAndHoldsUpNoOtherChannel(CapturedOutput output) {
    reviewOverdue();

    Job job = deliveryJob("slack/down");
    assertThat(job.getExceptionMessage()).isEqualTo("slack/down is unreachable (ConnectException)");
    assertThat(job.getRetries()).isPositive();
    // The other channels of the notification got it at once.
    assertThat(Receivers.get().received("/slack/ops")).hasSize(1);
    assertThat(driver.deliveries(number + "/review-overdue/slack/ops")).hasSize(1);

    // The whole back-off, 1 + 5 + 15 + 30 + 60 minutes: then a Cockpit incident, retried no more.
    for (int minutes : new int[] {1, 5, 15, 30, 60}) {
      driver.advance(Duration.ofMinutes(minutes));
    }
    Job exhausted = deliveryJob("slack/down");
    assertThat(exhausted.getRetries()).isZero();
    assertThat(runtimeService.createIncidentQuery().processInstanceId(exhausted.getProcessInstanceId()).singleResult()
        .getIncidentMessage()).isEqualTo("slack/down is unreachable (ConnectException)");
    assertThat(historyService.createHistoricJobLogQuery().processInstanceId(exhausted.getProcessInstanceId())
        .failureLog().count()).isEqualTo(6);
    assertThat(output.getAll()).contains("slack/down is unreachable").doesNotContain("downSecretToken")
        .doesNotContain("127.0.0.1:1/");
  }
}
