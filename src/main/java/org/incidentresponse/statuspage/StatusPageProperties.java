package org.incidentresponse.statuspage;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code incident-response.status-page}: the public page's title, its public address, the components
 * it shows (and which incident {@code service} values affect each), and the wording of the updates
 * that the SOP's own steps publish.
 *
 * @param title the page's title and heading
 * @param url the page's public address, for links in the feeds and the JSON
 * @param components the components shown, in this order
 * @param wording the text of the updates published by classification ({@code investigating}),
 *     mitigation ({@code monitoring}), resolution ({@code resolved}) and closure ({@code closed}), and
 *     the title of a public incident that got none ({@code untitled}); {@code {components}} is
 *     replaced by the affected components' names
 * @param rateLimit subscription requests allowed per client address and per e-mail address in a window
 * @param subscriberReaders groups that may list and export the subscribers
 */
@ConfigurationProperties("incident-response.status-page")
public record StatusPageProperties(
    @DefaultValue("Service status") String title,
    @DefaultValue("http://localhost:8080/status") URI url,
    List<Component> components,
    Map<String, String> wording,
    RateLimit rateLimit,
    List<String> subscriberReaders) {

  public StatusPageProperties {
    rateLimit = rateLimit == null ? new RateLimit(20, 3, Duration.ofHours(1)) : rateLimit;
    subscriberReaders = subscriberReaders == null || subscriberReaders.isEmpty()
        ? List.of("communications", "camunda-admin") : List.copyOf(subscriberReaders);
    components = components == null ? List.of() : List.copyOf(components);
    wording = wording == null ? Map.of() : Map.copyOf(wording);
    long distinct = components.stream().map(Component::id).distinct().count();
    if (distinct != components.size()) {
      throw new IllegalArgumentException("incident-response.status-page.components: component ids must be unique");
    }
  }

  /** At most {@code perClient} requests per client address and {@code perAddress} per e-mail address per {@code window}. */
  public record RateLimit(int perClient, int perAddress, Duration window) {
    public RateLimit {
      window = window == null ? Duration.ofHours(1) : window;
    }
  }

  /**
   * @param id the component's id in the JSON and in subscriptions (letters, digits, '-')
   * @param name what the page shows
   * @param description one line under the name
   * @param services the incident {@code service} values that affect it
   */
  public record Component(String id, String name, String description, List<String> services) {
    public Component {
      if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,63}")) {
        throw new IllegalArgumentException("status page component id '" + id + "': use lower-case letters, digits and '-'");
      }
      name = name == null || name.isBlank() ? id : name;
      description = description == null ? "" : description;
      services = services == null ? List.of() : List.copyOf(services);
    }
  }

  public Optional<Component> component(String id) {
    return components.stream().filter(component -> component.id().equals(id)).findFirst();
  }

  /** The components an incident of this service affects. */
  public List<Component> componentsOf(String service) {
    return components.stream().filter(component -> service != null && component.services().contains(service)).toList();
  }

  /** The configured wording for a step, with the affected components' names filled in. */
  public String wording(String key, List<Component> affected) {
    String text = wording.get(key);
    if (text == null || text.isBlank()) {
      throw new IllegalStateException("incident-response.status-page.wording." + key + " is not configured");
    }
    String names = affected.isEmpty() ? "our services"
        : String.join(", ", affected.stream().map(Component::name).toList());
    return text.replace("{components}", names).strip();
  }
}
