package org.incidentresponse.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Counts what the intake API does from the outside, around every other filter (the intake's own
 * token check included), so the intake code needs no metrics of its own:
 * <ul>
 *   <li>received: each alert (or report) in a POST to /api/alerts/{source} or /api/incidents, one
 *       per incident the answer lists, at least one per request;</li>
 *   <li>deduplicated: of those, each that opened nothing new (a repeated delivery, an alert or
 *       recovery recorded on an incident that is already open);</li>
 *   <li>rejected: each request refused with a 4xx (bad token, malformed or unknown payload).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class IntakeMetricsFilter {

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> intakeMetrics(OperationsMetrics metrics, ObjectMapper json) {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Filter(metrics, json));
    registration.addUrlPatterns("/api/alerts/*", "/api/incidents");
    registration.setName("intakeMetrics");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
    return registration;
  }

  static final class Filter extends OncePerRequestFilter {

    private final OperationsMetrics metrics;
    private final ObjectMapper json;

    Filter(OperationsMetrics metrics, ObjectMapper json) {
      this.metrics = metrics;
      this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
      return !"POST".equalsIgnoreCase(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
      try {
        chain.doFilter(request, wrapper);
      } finally {
        try {
          count(source(request), wrapper);
        } catch (RuntimeException e) {
          logger.debug("Could not count intake request", e);
        }
        wrapper.copyBodyToResponse();
      }
    }

    private void count(String source, ContentCachingResponseWrapper response) {
      int status = response.getStatus();
      if (status >= 400 && status < 500) {
        metrics.alertReceived(source);
        metrics.alertRejected(source);
        return;
      }
      if (status >= 300) {
        metrics.alertReceived(source);
        return;
      }
      JsonNode body = readBody(response);
      JsonNode incidents = body == null ? null : body.get("incidents");
      boolean duplicate = body != null && "duplicate".equals(body.path("status").asText());
      if (incidents == null || !incidents.isArray()) {
        // /api/incidents answers one incident action: {"incidentNumber": ..., "action": ...}
        metrics.alertReceived(source);
        if (duplicate || (body != null && body.has("action") && !opened(body))) {
          metrics.alertDeduplicated(source);
        }
        return;
      }
      if (incidents.isEmpty()) {
        metrics.alertReceived(source);
        if (duplicate) {
          metrics.alertDeduplicated(source);
        }
      }
      for (JsonNode incident : incidents) {
        metrics.alertReceived(source);
        if (duplicate || !opened(incident)) {
          metrics.alertDeduplicated(source);
        }
      }
    }

    private static boolean opened(JsonNode incidentAction) {
      String action = incidentAction.path("action").asText("");
      return action.equals("opened") || action.equals("recovery_recorded");
    }

    private JsonNode readBody(ContentCachingResponseWrapper response) {
      byte[] content = response.getContentAsByteArray();
      if (content.length == 0) {
        return null;
      }
      try {
        return json.readTree(content);
      } catch (IOException notJson) {
        return null;
      }
    }

    private static String source(HttpServletRequest request) {
      String path = request.getRequestURI().substring(request.getContextPath().length());
      if (path.startsWith("/api/alerts/")) {
        String rest = path.substring("/api/alerts/".length());
        // Known sources only: a tag per arbitrary path would let anyone grow the metrics without bound.
        return rest.equals("alertmanager") || rest.equals("grafana") ? rest : "other";
      }
      return "api";
    }
  }
}
