package org.incidentresponse.sso;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.autoconfigure.security.oauth2.client.ClientsConfiguredCondition;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a user sees who logged in at the provider but belongs to none of the app's groups: a plain
 * page (403) that says so and whom to ask, and no way into the webapps. Also the page the provider
 * returns the browser to after logging out ({@code /sso/logged-out}).
 */
@RestController
@Conditional(ClientsConfiguredCondition.class)
class NoAccessPage {

  private final String page;
  private final String loggedOut;

  NoAccessPage() throws IOException {
    this.page = new ClassPathResource("sso/no-access.html").getContentAsString(StandardCharsets.UTF_8);
    this.loggedOut = new ClassPathResource("sso/logged-out.html").getContentAsString(StandardCharsets.UTF_8);
  }

  @GetMapping(path = WebappSsoSecurity.NO_ACCESS_PAGE, produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> noAccess() {
    return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_HTML).body(page);
  }

  @GetMapping(path = WebappSsoSecurity.LOGGED_OUT_PAGE, produces = MediaType.TEXT_HTML_VALUE)
  String loggedOut() {
    return loggedOut;
  }
}
