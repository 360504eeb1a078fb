package org.incidentresponse.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.Test;

class BasicLoginTest {

  private final IdentityService identity = mock(IdentityService.class, RETURNS_DEEP_STUBS);

  @Test
  void rightPasswordGivesTheUserWithTheirGroups() {
    when(identity.checkPassword("auditor", "s3cret:with:colons")).thenReturn(true);
    Group auditors = mock(Group.class);
    when(auditors.getId()).thenReturn("auditors");
    when(identity.createGroupQuery().groupMember("auditor").list()).thenReturn(List.of(auditors));

    assertThat(BasicLogin.authenticate(basic("auditor:s3cret:with:colons"), identity))
        .contains(new BasicLogin.User("auditor", java.util.Set.of("auditors")));
  }

  @Test
  void noWrongOrMalformedCredentialsGiveNobody() {
    when(identity.checkPassword("auditor", "wrong")).thenReturn(false);
    assertThat(BasicLogin.authenticate(null, identity)).isEmpty();
    assertThat(BasicLogin.authenticate("Bearer abc", identity)).isEmpty();
    assertThat(BasicLogin.authenticate("Basic not-base64!", identity)).isEmpty();
    assertThat(BasicLogin.authenticate(basic("no-colon"), identity)).isEmpty();
    assertThat(BasicLogin.authenticate(basic(":password-only"), identity)).isEmpty();
    assertThat(BasicLogin.authenticate(basic("auditor:wrong"), identity)).isEmpty();
    assertThat(BasicLogin.isBasic("basic abc")).isTrue();
  }

  private static String basic(String credentials) {
    return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }
}
