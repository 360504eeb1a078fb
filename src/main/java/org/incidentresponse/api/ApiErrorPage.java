package org.incidentresponse.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.ModelAndView;

/**
 * Spring Boot's error page ({@code /error}), except for {@code /api/**}, which gets a problem detail
 * there too. Almost every API error is answered before it comes to this: by {@link ApiErrors} and the
 * security chains. What is left is refused before any of them runs, such as a URL that Spring
 * Security's firewall rejects.
 */
@Controller
public class ApiErrorPage extends BasicErrorController {

  private final Problems problems;

  public ApiErrorPage(ErrorAttributes errorAttributes, ServerProperties server,
      ObjectProvider<ErrorViewResolver> viewResolvers, Problems problems) {
    super(errorAttributes, server.getError(), viewResolvers.orderedStream().toList());
    this.problems = problems;
  }

  @Override
  public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
    if (!fromApi(request)) {
      return super.errorHtml(request, response);
    }
    write(request, response);
    return null;
  }

  @Override
  public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
    if (!fromApi(request)) {
      return super.error(request);
    }
    write(request, ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getResponse());
    return null;
  }

  private void write(HttpServletRequest request, HttpServletResponse response) {
    HttpStatus status = getStatus(request);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail(status));
    try {
      problem.setInstance(new URI(originalPath(request)));
    } catch (URISyntaxException notAUri) {
      // A path with characters a URI may not hold, likely why it was refused: the problem does without it.
    }
    try {
      problems.write(response, problem);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String detail(HttpStatus status) {
    return status.is5xxServerError() ? "internal error; retry later"
        : "the request was refused before it reached the API: " + status.getReasonPhrase();
  }

  private static boolean fromApi(HttpServletRequest request) {
    String path = originalPath(request);
    String api = request.getContextPath() + "/api";
    return path.equals(api) || path.startsWith(api + "/");
  }

  private static String originalPath(HttpServletRequest request) {
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    return uri == null ? "" : uri.toString();
  }
}
