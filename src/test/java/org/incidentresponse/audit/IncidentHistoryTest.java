package org.incidentresponse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentresponse.audit.HistoryBuilder.T0;
import static org.incidentresponse.audit.HistoryBuilder.incident;
import static org.incidentresponse.audit.HistoryBuilder.minute;

import java.util.List;
import org.incidentresponse.audit.IncidentHistory.Notification;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.NotificationRecord;
import org.incidentresponse.sop.NotificationTemplate;
import org.incidentresponse.sop.Severity;
import org.incidentresponse.sop.SopActivity;
import org.junit.jupiter.api.Test;

/** The audit's copy of an incident's history: how it reads variables, steps and notification records. */
class IncidentHistoryTest {

  @Test
  void aNotificationIsReadWithTheRecordsOwnCodec() {
    NotificationRecord sent = new NotificationRecord("update", "[SEV1] Payments down", List.of("a@example.org",
        "ops@customer.example"), List.of("ops@customer.example"), "smtp", minute(32));
    Notification read = Notification.recorded(sent.encode(), minute(33), SopActivity.Task_SendStakeholderUpdate.id());
    assertThat(read).isEqualTo(new Notification("update", "[SEV1] Payments down",
        List.of("a@example.org", "ops@customer.example"), "smtp", minute(32), "Task_SendStakeholderUpdate"));
  }

  @Test
  void aRecordWithoutItsSendingTimeWasSentWhenRecorded() {
    NotificationRecord sent = new NotificationRecord("initial", "s", List.of(), List.of(), "log", null);
    assertThat(Notification.recorded(sent.encode(), minute(3), null).sentAt()).isEqualTo(minute(3));
  }

  @Test
  void textThatIsNotARecordIsKeptAsTheSubject() {
    assertThat(Notification.recorded("mail sent to ops", minute(3), "Task_NotifyClosed"))
        .isEqualTo(new Notification(null, "mail sent to ops", List.of(), null, minute(3), "Task_NotifyClosed"));
    assertThat(Notification.recorded(null, minute(3), null))
        .isEqualTo(new Notification(null, null, List.of(), null, minute(3), null));
  }

  @Test
  void onlyTheInitialNotificationAndUpdatesAreStakeholderUpdates() {
    for (NotificationTemplate template : NotificationTemplate.values()) {
      Notification n = new Notification(template.id(), null, List.of(), null, T0, null);
      assertThat(n.stakeholderUpdate()).as(template.id())
          .isEqualTo(template == NotificationTemplate.INITIAL || template == NotificationTemplate.UPDATE);
      assertThat(n.is(template)).isTrue();
    }
    assertThat(new Notification(null, null, List.of(), null, T0, null).stakeholderUpdate()).isFalse();
  }

  @Test
  void aVariableAtAMomentIsItsLastUpdateUpToThenElseItsCurrentValue() {
    IncidentHistory h = incident()
        .change(T0, IncidentVariable.UPDATE_CADENCE, "PT1H")
        .change(minute(10), IncidentVariable.UPDATE_CADENCE, "PT30M")
        .set(IncidentVariable.ACK_TIMEOUT, "PT5M").build();
    assertThat(h.valueAt(IncidentVariable.UPDATE_CADENCE, minute(9))).isEqualTo("PT1H");
    assertThat(h.valueAt(IncidentVariable.UPDATE_CADENCE, minute(10))).isEqualTo("PT30M");
    assertThat(h.valueAt(IncidentVariable.UPDATE_CADENCE, null)).isEqualTo("PT30M");
    // Before its first recorded update, or never updated: the current value.
    assertThat(h.valueAt(IncidentVariable.UPDATE_CADENCE, minute(-1))).isEqualTo("PT30M");
    assertThat(h.valueAt(IncidentVariable.ACK_TIMEOUT, T0)).isEqualTo("PT5M");
  }

  @Test
  void aCompletedStepIsItsLastInstanceThatWasNotCancelled() {
    IncidentHistory h = incident()
        .userTask(SopActivity.Task_ProvideStatusUpdate, minute(1), minute(10), "comms")
        .userTask(SopActivity.Task_ProvideStatusUpdate, minute(10), minute(20), "responder")
        .cancelledTask(SopActivity.Task_ProvideStatusUpdate, minute(20), minute(25), "comms")
        .openTask(SopActivity.Task_ProvideStatusUpdate, minute(25), null).build();
    assertThat(h.completed(SopActivity.Task_ProvideStatusUpdate)).hasValueSatisfying(s -> {
      assertThat(s.end()).isEqualTo(minute(20));
      assertThat(s.completedBy()).isEqualTo("responder");
    });
    assertThat(h.all(SopActivity.Task_ProvideStatusUpdate)).hasSize(4);
    assertThat(h.completed(SopActivity.Task_ResolveIncident)).isEmpty();
  }

  @Test
  void drillSeverityAndReviewPolicyAsTheSopWritesThem() {
    assertThat(incident().set(IncidentVariable.DRILL, true).build().drill()).isTrue();
    assertThat(incident().set(IncidentVariable.DRILL, "true").build().drill()).isTrue();
    assertThat(incident().set(IncidentVariable.DRILL, false).build().drill()).isFalse();
    assertThat(incident().build().drill()).isFalse();

    assertThat(incident().set(IncidentVariable.SEVERITY, "SEV2").build().severity()).contains(Severity.SEV2);
    assertThat(incident().set(IncidentVariable.SEVERITY, "SEV9").build().severity()).isEmpty();

    IncidentHistory mandatory = incident().set(IncidentVariable.REVIEW_POLICY, "mandatory").build();
    assertThat(mandatory.reviewMandatory()).isTrue();
    assertThat(mandatory.reviewOptional()).isFalse();
    IncidentHistory optional = incident().set(IncidentVariable.REVIEW_POLICY, "optional").build();
    assertThat(optional.reviewMandatory()).isFalse();
    assertThat(optional.reviewOptional()).isTrue();
  }
}
