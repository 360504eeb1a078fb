package org.incidentresponse.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * The one shape of every {@code /api/**} error: an RFC 9457 problem detail, served as
 * {@code application/problem+json} with {@code type}, {@code title}, {@code status}, {@code detail}
 * and {@code instance} (the request's path). MVC handlers return {@link #of}; the security chains,
 * which answer before MVC, {@link #write} the same JSON.
 */
@Component
public class Problems {

  private final ObjectMapper json;

  /** Spring Boot's ObjectMapper: it writes a ProblemDetail's extra properties at the top level. */
  public Problems(ObjectMapper json) {
    this.json = json;
  }

  /** A problem with the request's path as its instance. */
  public static ProblemDetail of(HttpStatusCode status, String detail, HttpServletRequest request) {
    return withInstance(ProblemDetail.forStatusAndDetail(status, detail), request);
  }

  private static ProblemDetail withInstance(ProblemDetail problem, HttpServletRequest request) {
    if (problem.getInstance() == null && request != null) {
      try {
        problem.setInstance(URI.create(request.getRequestURI()));
      } catch (IllegalArgumentException notAUri) {
        // A path the client sent with characters a URI may not hold: the problem does without it.
      }
    }
    return problem;
  }

  /** Writes the problem as the response, for code that runs before Spring MVC (security chains). */
  public void write(HttpServletRequest request, HttpServletResponse response, HttpStatusCode status, String detail)
      throws IOException {
    write(response, of(status, detail, request));
  }

  void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    json.writeValue(response.getOutputStream(), problem);
  }

  /** Whether the failure is the database's: the API answers 503, and a client may retry. */
  public static boolean databaseTrouble(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException || t instanceof DataAccessException || t instanceof TransactionException
          || t instanceof PersistenceException) {
        return true;
      }
    }
    return false;
  }

  /** Whether the request is one of the app's API, whose errors are problem details. */
  public static boolean isApi(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.equals("/api") || path.startsWith("/api/");
  }
}
