package org.incidentresponse.outbound;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultFailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.stereotype.Component;

/**
 * Camunda's own failed-job handling (the retry time cycle of the step, then an incident), adjusted
 * for what a receiver said: after a 429 with Retry-After the next attempt is not due before that
 * time, and a refusal that will not change (any other 4xx) uses up the retries at once, so it is a
 * Cockpit incident with the receiver's answer right away. Every other failed job is left as it was.
 */
@Component
class OutboundRetries extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    FailedJobCommandFactory standard = configuration.getFailedJobCommandFactory() != null
        ? configuration.getFailedJobCommandFactory() : new DefaultFailedJobCommandFactory();
    configuration.setFailedJobCommandFactory((jobId, exception) -> {
      Command<Object> command = standard.getCommand(jobId, exception);
      DeliveryFailed failure = deliveryFailure(exception);
      if (failure == null) {
        return command;
      }
      return commandContext -> {
        Object result = command.execute(commandContext);
        JobEntity job = commandContext.getJobManager().findJobById(jobId);
        if (job != null && job.getRetries() > 0) {
          if (!failure.retryable()) {
            job.setRetries(0);
          } else if (failure.retryAt() != null && failure.retryAt().isAfter(dueOrNow(job))) {
            job.setDuedate(Date.from(failure.retryAt()));
          }
        }
        return result;
      };
    });
  }

  private static Instant dueOrNow(JobEntity job) {
    return job.getDuedate() == null ? Instant.EPOCH : job.getDuedate().toInstant();
  }

  private static DeliveryFailed deliveryFailure(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof DeliveryFailed failed) {
        return failed;
      }
    }
    return null;
  }
}
