package org.incidentresponse.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * The OpenAPI 3 document of {@code /api/**} at {@code /v3/api-docs} (springdoc; Swagger UI at
 * {@code /swagger-ui.html}). Controllers declare their security requirement and their own errors;
 * this adds what every operation shares: the security schemes, the errors that the security chains
 * and the database can cause, and the problem detail schema on every error response.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocumentation {

  /** Security schemes, as the controllers' {@code @SecurityRequirement} name them. */
  public static final String INTAKE_TOKEN = "intakeToken";
  public static final String CAMUNDA_LOGIN = "camundaLogin";
  public static final String CAMUNDA_SESSION = "camundaSession";

  static final String PROBLEM = "ProblemDetail";

  @Bean
  OpenAPI apiDocument(ObjectProvider<BuildProperties> build) {
    String version = build.getIfAvailable() == null ? "dev" : build.getIfAvailable().getVersion();
    return new OpenAPI()
        .info(new Info().title("Incident Response API").version(version).description("""
            Monitoring opens incidents through the intake (POST /api/alerts/*, POST /api/incidents, with a \
            bearer token); auditors read incidents, reports and metrics through the audit (GET /api/incidents...). \
            Every error is an RFC 9457 problem detail (application/problem+json)."""))
        .components(new Components()
            .addSecuritySchemes(INTAKE_TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("One of the intake tokens (incident-response.intake.tokens, INCIDENT_INTAKE_TOKENS)."))
            .addSecuritySchemes(CAMUNDA_LOGIN, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("A Camunda user and password, the same as for Tasklist and Cockpit."))
            .addSecuritySchemes(CAMUNDA_SESSION, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.COOKIE).name("JSESSIONID")
                .description("The session of a login to Camunda's webapps (Cockpit), as the Cockpit plugin sends it.")));
  }

  /** After springdoc built the document from the controllers (it replaces the schemas of the bean above). */
  @Bean
  OpenApiCustomizer sharedErrors() {
    return document -> {
      document.getComponents().addSchemas(PROBLEM, problemSchema());
      document.getPaths().values().forEach(path -> path.readOperations().forEach(ApiDocumentation::addErrors));
    };
  }

  private static void addErrors(Operation operation) {
    ApiResponses responses = operation.getResponses();
    add(responses, HttpStatus.UNAUTHORIZED, "Not logged in, or wrong credentials (with a WWW-Authenticate challenge)");
    if (needs(operation, CAMUNDA_LOGIN)) {
      add(responses, HttpStatus.FORBIDDEN, "Logged in, but in none of the groups that may read this");
    }
    boolean writes = needs(operation, INTAKE_TOKEN);
    add(responses, HttpStatus.INTERNAL_SERVER_ERROR, writes ? "Internal error; nothing was recorded, retry later" : "Internal error");
    add(responses, HttpStatus.SERVICE_UNAVAILABLE, writes
        ? "The database is unavailable, or no intake token is configured; nothing was recorded, retry later"
        : "The database is unavailable; retry later");
    responses.forEach((code, response) -> {
      if (code.length() == 3 && code.charAt(0) >= '4') {
        response.setContent(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
      }
    });
  }

  private static boolean needs(Operation operation, String scheme) {
    List<SecurityRequirement> security = operation.getSecurity();
    return security != null && security.stream().anyMatch(requirement -> requirement.containsKey(scheme));
  }

  private static void add(ApiResponses responses, HttpStatus status, String description) {
    responses.putIfAbsent(String.valueOf(status.value()), new ApiResponse().description(description));
  }

  @SuppressWarnings("rawtypes")
  private static Schema problemSchema() {
    return new ObjectSchema()
        .description("An error, as RFC 9457 describes it")
        .addProperty("type", new StringSchema().format("uri").description("The kind of problem; about:blank: see the status")
            .example("about:blank"))
        .addProperty("title", new StringSchema().description("The status's reason phrase").example("Bad Request"))
        .addProperty("status", new IntegerSchema().description("The HTTP status").example(400))
        .addProperty("detail", new StringSchema().description("What was wrong with this request, for a person to read")
            .example("missing field 'groupKey'"))
        .addProperty("instance", new StringSchema().format("uri-reference").description("The request's path")
            .example("/api/alerts/alertmanager"))
        .required(List.of("type", "title", "status", "detail"));
  }
}
