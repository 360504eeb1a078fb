package org.incidentresponse.sso;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Keycloak recipe of {@code docker compose --profile sso} fits together, checked on the files
 * (CI has no Docker): the realm export has the app's groups, a confidential client with PKCE whose
 * redirect and post-logout addresses are the app's, a groups mapper with the claim the app reads,
 * the demo users in their groups, and a client-credentials client for scripts whose audience and roles
 * the API accepts; the compose service imports that realm under the issuer that
 * {@code docker/keycloak/application-sso.yaml} names; no secret is written in any of these files.
 */
class KeycloakRecipeTest {

  private static final Path REALM = Path.of("docker/keycloak/incident-response-realm.json");
  private static final Path APP_SSO = Path.of("docker/keycloak/application-sso.yaml");
  private static final Path COMPOSE = Path.of("docker/compose.yaml");
  private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{([A-Z_]+)}$");

  private final JsonNode realm = json(REALM);
  private final Map<String, Object> app = yaml(APP_SSO);
  private final Map<String, Object> compose = yaml(COMPOSE);

  @Test
  void theRealmHasEveryGroupOfTheAppAndTheGroupsClaimGivesTheirNames() {
    Set<String> realmGroups = new TreeSet<>();
    realm.get("groups").forEach(group -> realmGroups.add(group.get("name").asText()));
    assertThat(realmGroups).containsAll(appGroups());

    JsonNode mapper = mapper(client("incident-response"), "oidc-group-membership-mapper");
    assertThat(mapper.at("/config/claim.name").asText()).isEqualTo(at(app, "incident-response.sso.groups-claim"));
    assertThat(mapper.at("/config/full.path").asText()).as("names, not /paths, so they map to themselves")
        .isEqualTo("false");
    assertThat(mapper.at("/config/id.token.claim").asText()).isEqualTo("true");
  }

  @Test
  void theWebappsClientIsConfidentialWithPkceAndTheAppsAddresses() {
    JsonNode client = client("incident-response");
    String registration = onlyKey(at(app, "spring.security.oauth2.client.registration"));
    assertThat((String) at(app, "spring.security.oauth2.client.registration." + registration + ".client-id"))
        .isEqualTo("incident-response");
    assertThat(client.get("publicClient").asBoolean()).isFalse();
    assertThat(client.get("standardFlowEnabled").asBoolean()).isTrue();
    assertThat(client.get("implicitFlowEnabled").asBoolean()).isFalse();
    assertThat(client.get("directAccessGrantsEnabled").asBoolean()).as("no passwords through the app").isFalse();
    assertThat(client.at("/attributes/pkce.code.challenge.method").asText()).isEqualTo("S256");

    List<String> appUrls = publishedAppUrls();
    assertThat(appUrls).isNotEmpty();
    List<String> redirects = texts(client.get("redirectUris"));
    List<String> logouts = List.of(client.at("/attributes/post.logout.redirect.uris").asText().split("##"));
    for (String url : appUrls) {
      assertThat(redirects).contains(url + "/login/oauth2/code/" + registration);
      assertThat(logouts).contains(url + WebappSsoSecurity.LOGGED_OUT_PAGE);
    }
  }

  @Test
  void theDemoUsersAreInTheAppsGroupsWithAPasswordFromTheEnvironment() {
    Set<String> users = new TreeSet<>();
    for (JsonNode user : realm.get("users")) {
      users.add(user.get("username").asText());
      assertThat(user.get("email").asText()).as("mail, paging and on-call need it").contains("@");
      List<String> groups = texts(user.get("groups")).stream().map(path -> path.substring(1)).toList();
      assertThat(appGroups()).as(user.get("username").asText()).containsAll(groups);
      assertThat(groups).isNotEmpty();
      assertThat(user.at("/credentials/0/value").asText()).matches(PLACEHOLDER);
    }
    assertThat(users).contains("responder", "commander", "comms", "owner", "auditor");
  }

  @Test
  void scriptsGetAClientCredentialsTokenThatTheApiAccepts() {
    JsonNode client = client("incident-response-monitoring");
    assertThat(client.get("serviceAccountsEnabled").asBoolean()).isTrue();
    assertThat(client.get("standardFlowEnabled").asBoolean()).isFalse();
    assertThat(mapper(client, "oidc-audience-mapper").at("/config/included.custom.audience").asText())
        .isIn((List<Object>) at(app, "spring.security.oauth2.resourceserver.jwt.audiences"));
    JsonNode roles = mapper(client, "oidc-hardcoded-claim-mapper");
    assertThat(roles.at("/config/claim.name").asText()).isEqualTo(at(app, "incident-response.sso.api.roles-claim"));
    assertThat(roles.at("/config/claim.value").asText()).contains("\"responders\"");
    assertThat((List<Object>) at(app, "incident-response.sso.api.intake-groups")).contains("responders");
  }

  @Test
  void composeImportsTheRealmUnderTheIssuerTheAppUsesAndOnlyInTheSsoProfile() {
    Map<String, Object> keycloak = at(compose, "services.keycloak");
    assertThat((List<Object>) keycloak.get("profiles")).containsExactly("sso");
    assertThat(String.valueOf(keycloak.get("image"))).startsWith("quay.io/keycloak/keycloak:26");
    assertThat((List<Object>) keycloak.get("command")).contains("--import-realm");
    assertThat((List<Object>) keycloak.get("volumes")).anySatisfy(volume -> assertThat(volume.toString())
        .startsWith("./keycloak/" + REALM.getFileName() + ":/opt/keycloak/data/import/"));

    URI issuer = URI.create(at(app, "spring.security.oauth2.client.provider." + onlyKey(
        at(app, "spring.security.oauth2.client.registration")) + ".issuer-uri"));
    assertThat(at(app, "spring.security.oauth2.resourceserver.jwt.issuer-uri").toString()).isEqualTo(issuer.toString());
    assertThat(issuer.getPath()).isEqualTo("/realms/" + realm.get("realm").asText());
    Map<String, Object> environment = at(keycloak, "environment");
    assertThat(environment.get("KC_HOSTNAME")).isEqualTo(issuer.getScheme() + "://" + issuer.getAuthority());
    assertThat(issuer.getHost()).isEqualTo("keycloak");
    assertThat((List<Object>) keycloak.get("command")).contains("--http-port=" + issuer.getPort());
    assertThat((List<Object>) keycloak.get("ports")).contains(issuer.getPort() + ":" + issuer.getPort());

    // Every ${...} of the realm is handed to Keycloak from docker/.env; no secret is in the files.
    for (String variable : placeholders(realm)) {
      assertThat(environment).as(variable).containsKey(variable);
      assertThat(environment.get(variable).toString()).startsWith("${" + variable);
    }
    assertThat(placeholders(realm)).contains("KEYCLOAK_CLIENT_SECRET", "KEYCLOAK_MONITORING_SECRET");
    assertThat(at(app, "spring.security.oauth2.client.registration." + onlyKey(
        at(app, "spring.security.oauth2.client.registration")) + ".client-secret").toString())
        .isEqualTo("${KEYCLOAK_CLIENT_SECRET}");
  }

  @Test
  void theAppContainersGetTheSsoConfigurationAndTheClientSecret() {
    Map<String, Object> appService = at(compose, "x-app");
    assertThat((List<Object>) appService.get("volumes")).contains("./keycloak/application-sso.yaml:/config/application-sso.yaml:ro");
    Map<String, Object> environment = at(appService, "environment");
    assertThat(environment.get("SPRING_CONFIG_ADDITIONAL_LOCATION")).isEqualTo("optional:file:/config/");
    assertThat(environment).containsKey("KEYCLOAK_CLIENT_SECRET");
    assertThat(environment.get("SPRING_PROFILES_INCLUDE").toString()).isEqualTo("${APP_EXTRA_PROFILES:-}");
    assertThat(APP_SSO.getFileName().toString()).as("read only with the profile sso").isEqualTo("application-sso.yaml");
    assertThat(Files.exists(Path.of("docker/.env.example"))).isTrue();
  }

  // ---- the files --------------------------------------------------------------------------------

  private JsonNode client(String clientId) {
    return StreamSupport.stream(realm.get("clients").spliterator(), false)
        .filter(client -> clientId.equals(client.get("clientId").asText())).findFirst()
        .orElseThrow(() -> new AssertionError("no client " + clientId + " in " + REALM));
  }

  private static JsonNode mapper(JsonNode client, String type) {
    return StreamSupport.stream(client.get("protocolMappers").spliterator(), false)
        .filter(mapper -> type.equals(mapper.get("protocolMapper").asText())).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " on " + client.get("clientId")));
  }

  /** The app's groups: the roles of application.yaml, and Camunda's administrators. */
  private static Set<String> appGroups() {
    Map<String, Object> main = yaml(Path.of("src/main/resources/application.yaml"));
    Set<String> groups = new TreeSet<>();
    for (Object role : (List<Object>) at(main, "incident-response.identity.roles")) {
      groups.add(String.valueOf(((Map<?, ?>) role).get("group")));
    }
    groups.add(GroupMapping.CAMUNDA_ADMIN);
    return groups;
  }

  /** http://localhost:&lt;port&gt; of every app node that compose publishes. */
  private List<String> publishedAppUrls() {
    List<String> urls = new ArrayList<>();
    Map<String, Object> services = at(compose, "services");
    services.forEach((name, service) -> {
      if (name.startsWith("app-")) {
        for (Object port : (List<Object>) ((Map<?, ?>) service).get("ports")) {
          urls.add("http://localhost:" + port.toString().split(":")[0]);
        }
      }
    });
    return urls;
  }

  private static Set<String> placeholders(JsonNode node) {
    Set<String> found = new TreeSet<>();
    if (node.isTextual()) {
      Matcher matcher = PLACEHOLDER.matcher(node.asText());
      if (matcher.matches()) {
        found.add(matcher.group(1));
      }
    }
    node.forEach(child -> found.addAll(placeholders(child)));
    return found;
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static String onlyKey(Object map) {
    assertThat(((Map<?, ?>) map)).hasSize(1);
    return String.valueOf(((Map<?, ?>) map).keySet().iterator().next());
  }

  @SuppressWarnings("unchecked")
  private static <T> T at(Map<String, Object> tree, String dottedPath) {
    Object node = tree;
    for (String key : dottedPath.split("\\.(?![^\\[]*])")) {
      node = ((Map<String, Object>) node).get(key);
      assertThat(node).as(dottedPath + " (at " + key + ")").isNotNull();
    }
    return (T) node;
  }

  private static JsonNode json(Path file) {
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new AssertionError(file + " is not JSON", e);
    }
  }

  private static Map<String, Object> yaml(Path file) {
    try (Reader reader = Files.newBufferedReader(file)) {
      return new Yaml().load(reader);
    } catch (IOException e) {
      throw new AssertionError(file.toString(), e);
    }
  }
}
