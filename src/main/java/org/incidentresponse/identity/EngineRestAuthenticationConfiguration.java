package org.incidentresponse.identity;

import jakarta.servlet.Filter;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.web.servlet.JerseyApplicationPath;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HTTP Basic authentication for the engine REST API, in every profile.
 *
 * <p>The Camunda starter publishes {@code /engine-rest} without authentication; with authorization
 * enabled an anonymous caller would even pass every check, since Camunda checks only for an
 * authenticated user. Camunda's own filter authenticates against the engine's identity service and
 * sets the user and groups for the request, so the same authorizations apply as in the webapps.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
public class EngineRestAuthenticationConfiguration {

  @Bean
  public FilterRegistrationBean<Filter> engineRestAuthenticationFilter(JerseyApplicationPath engineRestPath) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-auth");
    registration.addUrlPatterns(engineRestPath.getUrlMapping());
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    // The filter strips this prefix to find the engine name in /engine/{name}/...; set it from the
    // Jersey path rather than relying on the servlet path, which is empty if Jersey runs as a filter.
    registration.addInitParameter(ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, engineRestPath.getPrefix());
    registration.setAsyncSupported(true);
    return registration;
  }
}
