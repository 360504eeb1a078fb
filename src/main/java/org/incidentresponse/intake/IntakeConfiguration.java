package org.incidentresponse.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the intake filter on the intake endpoints only; other /api paths keep their own security. */
@Configuration
public class IntakeConfiguration {

  @Bean
  FilterRegistrationBean<IntakeFilter> intakeFilter(IntakeProperties properties, ObjectMapper json) {
    if (properties.tokens().isEmpty()) {
      LoggerFactory.getLogger(IntakeConfiguration.class).warn(
          "No intake token configured (INCIDENT_INTAKE_TOKENS): POST /api/alerts/* and /api/incidents answer 503");
    }
    FilterRegistrationBean<IntakeFilter> registration = new FilterRegistrationBean<>(new IntakeFilter(properties, json));
    registration.addUrlPatterns("/api/alerts/*", "/api/incidents");
    registration.setName("intakeFilter");
    return registration;
  }
}
