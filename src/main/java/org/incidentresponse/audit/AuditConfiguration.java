package org.incidentresponse.audit;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers the access check on the audit endpoints only. */
@Configuration
public class AuditConfiguration {

  @Bean
  FilterRegistrationBean<AuditAccessFilter> auditAccessFilter(ProcessEngine engine, AuditProperties properties) {
    FilterRegistrationBean<AuditAccessFilter> registration =
        new FilterRegistrationBean<>(new AuditAccessFilter(engine, properties.readerGroups()));
    registration.addUrlPatterns("/api/incidents", "/api/incidents/*");
    registration.setName("auditAccessFilter");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
    return registration;
  }
}
