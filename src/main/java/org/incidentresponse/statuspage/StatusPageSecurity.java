package org.incidentresponse.statuspage;

import org.incidentresponse.identity.SecurityChains;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * {@code /status/**} is public by design: anyone may read it, no login, no session. It only reads
 * what was published, so nothing here needs a user; CSRF protection has no session or cookie to
 * protect. A strict Content-Security-Policy: the page runs no script and loads only its own CSS.
 */
@Configuration(proxyBeanMethods = false)
class StatusPageSecurity {

  @Bean
  @Order(SecurityChains.STATUS_PAGE)
  SecurityFilterChain statusPageFilterChain(HttpSecurity http) throws Exception {
    http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/status/**"))
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")))
        .sessionManagement(SecurityChains::stateless)
        .requestCache(AbstractHttpConfigurer::disable)
        .securityContext(AbstractHttpConfigurer::disable)
        .csrf(AbstractHttpConfigurer::disable);
    return http.build();
  }
}
