package org.incidentresponse.statuspage;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the pages from {@code templates/status/*.html} (Thymeleaf HTML mode: {@code th:text}
 * escapes every value). Server-side only: the pages work without JavaScript.
 */
@Component
class StatusPageViews {

  private final TemplateEngine engine = engine();
  private final StatusPage statusPage;

  StatusPageViews(StatusPage statusPage) {
    this.statusPage = statusPage;
  }

  ResponseEntity<String> render(HttpStatus status, String template, Map<String, Object> model) {
    Context context = new Context(Locale.ENGLISH);
    context.setVariables(model);
    context.setVariable("times", new Times());
    context.setVariable("names", new Names(statusPage));
    return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .body(engine.process("status/" + template, context));
  }

  private static TemplateEngine engine() {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/");
    resolver.setSuffix(".html");
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCheckExistence(true);
    TemplateEngine engine = new TemplateEngine();
    engine.setTemplateResolver(resolver);
    return engine;
  }

  /** Times as the page shows them: UTC, readable, and ISO for {@code <time datetime>}. */
  public static final class Times {
    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
        .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    public String readable(Instant instant) {
      return instant == null ? "" : READABLE.format(instant);
    }

    public String iso(Instant instant) {
      return instant == null ? "" : DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    public String day(java.time.LocalDate date) {
      return DAY.format(date);
    }
  }

  /** Component names for ids, in the configured spelling. */
  public record Names(StatusPage statusPage) {
    public String of(List<String> componentIds) {
      return String.join(", ", componentIds.stream().map(statusPage::componentName).toList());
    }
  }
}
