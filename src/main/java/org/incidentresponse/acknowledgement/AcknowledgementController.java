package org.incidentresponse.acknowledgement;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.incidentresponse.api.ApiDocumentation;
import org.incidentresponse.versions.SopVersionsProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code GET /api/sop/versions/{version}/acknowledgements}: who is current with a version, for process owners and admins. */
@RestController
@Tag(name = "SOP versions")
@SecurityRequirement(name = ApiDocumentation.CAMUNDA_LOGIN)
@SecurityRequirement(name = ApiDocumentation.CAMUNDA_SESSION)
public class AcknowledgementController {

  /** One person who acknowledged, and when. */
  public record Acknowledged(String userId, Instant acknowledgedAt) {}

  public record Acknowledgements(int version, List<Acknowledged> acknowledged, List<String> pending,
      List<AcknowledgementRequests.GroupShare> groups) {}

  private final SopAcknowledgements acknowledgements;
  private final AcknowledgementRequests requests;
  private final IdentityService identityService;
  private final SopVersionsProperties owners;

  public AcknowledgementController(SopAcknowledgements acknowledgements, AcknowledgementRequests requests,
      IdentityService identityService, SopVersionsProperties owners) {
    this.acknowledgements = acknowledgements;
    this.requests = requests;
    this.identityService = identityService;
    this.owners = owners;
  }

  @Operation(summary = "Who acknowledged an SOP version, who has not yet, and the share of each group that is current")
  @ApiResponse(responseCode = "200", description = "The acknowledgements", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "403", description = "Not a process owner or admin")
  @GetMapping(path = "/api/sop/versions/{version}/acknowledgements", produces = MediaType.APPLICATION_JSON_VALUE)
  public Acknowledgements acknowledgements(@PathVariable int version, Authentication user) {
    boolean owner = user != null && user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .anyMatch(owners.ownerGroups()::contains);
    if (!owner) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN,
          "SOP versions and migrations need membership of one of the groups " + owners.ownerGroups());
    }
    Map<String, Instant> done = acknowledgements.of(version).stream()
        .collect(Collectors.toMap(SopAcknowledgements.Acknowledgement::userId, SopAcknowledgements.Acknowledgement::acknowledgedAt));
    TreeSet<String> audience = requests.audience();
    List<String> pending = audience.stream().filter(u -> !done.containsKey(u)).toList();
    List<AcknowledgementRequests.GroupShare> groups = requests.shares(version, done.keySet());
    return new Acknowledgements(version, acknowledgements.of(version).stream()
        .map(a -> new Acknowledged(a.userId(), a.acknowledgedAt())).toList(), pending, groups);
  }
}
