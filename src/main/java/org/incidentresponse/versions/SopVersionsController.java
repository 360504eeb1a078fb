package org.incidentresponse.versions;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.incidentresponse.api.ApiDocumentation;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/sop/versions}, {@code GET /api/sop/diff}, {@code POST /api/sop/migrations} and
 * {@code GET /api/sop/migrations[/{id}]}, for process owners and admins
 * ({@link SopVersionsProperties}). The POST takes JSON only: a cross-site form cannot send it, so a
 * Camunda webapp session cookie cannot be used to migrate behind the user's back.
 */
@RestController
@RequestMapping("/api/sop")
@Tag(name = "SOP versions", description = "The SOP's versions and moving running incidents between them")
@SecurityRequirement(name = ApiDocumentation.CAMUNDA_LOGIN)
@SecurityRequirement(name = ApiDocumentation.CAMUNDA_SESSION)
public class SopVersionsController {

  /** {@code POST /api/sop/migrations}: {@code to} empty means the latest version; {@code incidents} empty means all. */
  public record MigrationRequest(Integer from, Integer to, List<String> incidents, Boolean dryRun) {}

  private final SopVersions versions;
  private final SopVersionsProperties properties;
  private final SopMigrations migrations;
  private final SopVersionDiff diff;

  public SopVersionsController(SopVersions versions, SopVersionsProperties properties, SopMigrations migrations,
      SopVersionDiff diff) {
    this.versions = versions;
    this.properties = properties;
    this.migrations = migrations;
    this.diff = diff;
  }

  @Operation(summary = "Every version of the SOP, with its deployment and running incidents")
  @ApiResponse(responseCode = "200", description = "The versions, oldest first", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "403", description = "Not a process owner or admin")
  @GetMapping(value = "/versions", produces = MediaType.APPLICATION_JSON_VALUE)
  public List<SopVersions.Version> versions(Authentication user) {
    requireOwner(user);
    return versions.versions();
  }

  @Operation(summary = "Move running incidents to another SOP version, or try it (dry run, the default)")
  @ApiResponse(responseCode = "200", description = "A report per incident: migrated, or why not", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "400", description = "No such version or incident, or no plan maps the versions; nothing moved")
  @ApiResponse(responseCode = "403", description = "Not a process owner or admin")
  @PostMapping(path = "/migrations", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  public SopVersions.Report migrate(@RequestBody MigrationRequest request, Authentication user) {
    requireOwner(user);
    if (request == null || request.from() == null) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'from' (the version the incidents run on) is required");
    }
    try {
      return versions.migrate(request.from(), request.to(), request.incidents(),
          request.dryRun() == null || request.dryRun(), user.getName());
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage(), e);
    }
  }

  @Operation(summary = "One migration request as it ran: versions, who, when, and each incident's outcome")
  @ApiResponse(responseCode = "200", description = "The stored report", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "403", description = "Not a process owner or admin")
  @ApiResponse(responseCode = "404", description = "No migration with this id")
  @GetMapping(path = "/migrations/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  public SopVersions.Report migration(@PathVariable String id, Authentication user) {
    requireOwner(user);
    return migrations.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
        "No SOP migration " + id));
  }

  @Operation(summary = "The latest migration requests, newest first, without their incidents")
  @ApiResponse(responseCode = "200", description = "Up to 50 requests", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "403", description = "Not a process owner or admin")
  @GetMapping(path = "/migrations", produces = MediaType.APPLICATION_JSON_VALUE)
  public List<SopVersions.Report> migrations(Authentication user) {
    requireOwner(user);
    return migrations.latest(50);
  }

  @Operation(summary = "What changed from one SOP version to another: activities, forms and decisions")
  @ApiResponse(responseCode = "200", description = "Each activity, form and decision added, removed or changed", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "400", description = "No such version")
  @ApiResponse(responseCode = "403", description = "Not a process owner or admin")
  @GetMapping(path = "/diff", produces = MediaType.APPLICATION_JSON_VALUE)
  public SopVersionDiff.Diff diff(@RequestParam int from, @RequestParam int to, Authentication user) {
    requireOwner(user);
    try {
      return diff.diff(from, to);
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage(), e);
    }
  }

  private void requireOwner(Authentication user) {
    boolean owner = user != null && user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .anyMatch(properties.ownerGroups()::contains);
    if (!owner) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN,
          "SOP versions and migrations need membership of one of the groups " + properties.ownerGroups());
    }
  }
}
