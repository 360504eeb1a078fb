package org.incidentresponse.operations;

import org.camunda.bpm.engine.ProcessEngine;
import org.incidentresponse.identity.BasicChallenge;
import org.incidentresponse.identity.CamundaLogin;
import org.incidentresponse.identity.CamundaWebappSession;
import org.incidentresponse.identity.SecurityChains;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may read what under /actuator. Anyone may ask /actuator/health (status only) and
 * /actuator/info; everything else, /actuator/prometheus above all, needs a Camunda user in one of
 * {@code incident-response.operations.metrics-groups} (by default camunda-admin and monitoring),
 * logged in with HTTP Basic or through a webapp session. The user's groups are the authorities that
 * {@code management.endpoint.health.show-details: when-authorized} compares with its roles, so health
 * shows details to them and to nobody else. Wrong credentials are refused even on health (401).
 * Errors keep Spring Boot's format.
 */
@Configuration(proxyBeanMethods = false)
public class ActuatorSecurity {

  @Bean
  @Order(SecurityChains.ACTUATOR)
  SecurityFilterChain actuatorFilterChain(HttpSecurity http, WebEndpointProperties endpoints, CamundaLogin login,
      ProcessEngine engine, OperationsProperties properties) throws Exception {
    PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
    BasicChallenge challenge = new BasicChallenge();
    // The base path and everything under it, exposed or not: an endpoint that is not exposed is
    // 404 for the metrics groups and 401 for anybody else, as an exposed one would be.
    http.securityMatcher(paths.matcher(endpoints.getBasePath() + "/**"))
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(EndpointRequest.to("health", "info")).permitAll()
            .anyRequest().hasAnyAuthority(properties.metricsGroups().toArray(String[]::new)))
        .authenticationManager(new ProviderManager(login))
        .addFilterBefore(new CamundaWebappSession(engine.getName()), BasicAuthenticationFilter.class)
        .httpBasic(basic -> basic.authenticationEntryPoint(challenge))
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(challenge))
        .sessionManagement(SecurityChains::stateless)
        .requestCache(AbstractHttpConfigurer::disable)
        .csrf(AbstractHttpConfigurer::disable);
    return http.build();
  }
}
