package org.incidentresponse.sso;

import java.util.List;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Turns the provider's user into the app's at each OIDC login: the user id from
 * {@code incident-response.sso.user-id-claim}, the app's groups from the groups claim through
 * {@link GroupMapping} (they are the only authorities, as for a local login), and Camunda's copy of
 * the user brought up to date ({@link SsoUserSync}). A user whose groups map to none of the app's is
 * synced too (so that they lose what they had) and then refused with {@value #NO_ACCESS}.
 */
class SsoUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

  static final String NO_ACCESS = "no_access";
  static final String NO_USER_ID = "no_user_id";

  private final OidcUserService provider = new OidcUserService();
  private final SsoProperties properties;
  private final GroupMapping mapping;
  private final SsoUserSync sync;

  SsoUserService(SsoProperties properties, GroupMapping mapping, SsoUserSync sync) {
    this.properties = properties;
    this.mapping = mapping;
    this.sync = sync;
  }

  @Override
  public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
    OidcUser user = provider.loadUser(request);
    String id = user.getClaimAsString(properties.userIdClaim());
    if (id == null || id.isBlank()) {
      throw new OAuth2AuthenticationException(new OAuth2Error(NO_USER_ID,
          "the provider's token has no claim " + properties.userIdClaim(), null));
    }
    Set<String> groups = mapping.appGroupsOf(GroupMapping.names(user.getClaims().get(properties.groupsClaim())));
    sync.sync(new SsoUserSync.ProviderUser(id, user.getGivenName(), user.getFamilyName(), user.getEmail(), groups));
    if (groups.isEmpty()) {
      throw new OAuth2AuthenticationException(new OAuth2Error(NO_ACCESS,
          id + " belongs to none of the app's groups", null));
    }
    List<GrantedAuthority> authorities = groups.stream().<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
    return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), properties.userIdClaim());
  }
}
