package org.incidentresponse.notification;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who gets a notification: internal recipients (users of this application) share one message;
 * external recipients (customers) each get their own customer-facing message and never see other addresses.
 *
 * <p>Addresses are unique ignoring case and sorted (stable logs and records); one that is both
 * internal and external counts as internal.
 */
public record Recipients(List<String> internal, List<String> external) {

  public Recipients {
    Map<String, String> internalByKey = unique(internal);
    Map<String, String> externalByKey = unique(external);
    externalByKey.keySet().removeAll(internalByKey.keySet());
    internal = List.copyOf(internalByKey.values());
    external = List.copyOf(externalByKey.values());
  }

  public static Recipients none() {
    return new Recipients(List.of(), List.of());
  }

  public Recipients plus(Recipients more) {
    return new Recipients(concat(internal, more.internal), concat(external, more.external));
  }

  public List<String> all() {
    return concat(internal, external);
  }

  public boolean isEmpty() {
    return internal.isEmpty() && external.isEmpty();
  }

  private static Map<String, String> unique(Collection<String> addresses) {
    Map<String, String> byKey = new TreeMap<>();
    for (String address : addresses) {
      byKey.putIfAbsent(address.toLowerCase(Locale.ROOT), address);
    }
    return byKey;
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> both = new ArrayList<>(first);
    both.addAll(second);
    return both;
  }
}
