package org.incidentresponse.demo;

import org.camunda.bpm.engine.ProcessEngine;
import org.incidentresponse.identity.BasicChallenge;
import org.incidentresponse.identity.CamundaLogin;
import org.incidentresponse.identity.CamundaWebappSession;
import org.incidentresponse.identity.SecurityChains;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * {@code /demo/chat/**} in the demo profile: the channels post without a login, as Slack's own
 * incoming webhooks take posts (webhook events prove themselves by signature); the page of received
 * messages needs a Camunda user, by webapp session or HTTP Basic. No CSRF token: the posts change
 * nothing but the demo's in-memory list, and the chain keeps no session.
 */
@Configuration
@Profile("demo")
class DemoChatSecurity {

  @Bean
  @Order(SecurityChains.DEMO_CHAT)
  SecurityFilterChain demoChatFilterChain(HttpSecurity http, CamundaLogin login, ProcessEngine engine) throws Exception {
    PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
    AuthenticationEntryPoint loginNeeded = (request, response, e) -> {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, BasicChallenge.header());
      response.sendError(HttpStatus.UNAUTHORIZED.value(), "log in to Cockpit or Tasklist first");
    };
    http.securityMatcher(paths.matcher(DemoChatReceiver.PATH + "/**"))
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(paths.matcher(HttpMethod.POST, DemoChatReceiver.PATH + "/**")).permitAll()
            .anyRequest().authenticated())
        .authenticationManager(new ProviderManager(login))
        .addFilterBefore(new CamundaWebappSession(engine.getName()), BasicAuthenticationFilter.class)
        .httpBasic(basic -> basic.authenticationEntryPoint(loginNeeded))
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(loginNeeded))
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(SecurityChains::stateless)
        .requestCache(AbstractHttpConfigurer::disable);
    return http.build();
  }
}
