package org.incidentresponse.sso;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser as far as HTTP goes: cookies kept per host, redirects followed (the app, the provider
 * and back), forms posted with their CSRF token.
 */
final class Browser {

  private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  private final int port;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient client;

  Browser(int port) {
    this(port, true);
  }

  Browser(int port, boolean followRedirects) {
    this.port = port;
    this.client = HttpClient.newBuilder().cookieHandler(cookies)
        .followRedirects(followRedirects ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER).build();
  }

  /** The same cookies, without following redirects: to see where the app sends a request. */
  Browser notFollowing() {
    Browser copy = new Browser(port, false);
    cookies.getCookieStore().getCookies().forEach(cookie -> copy.cookies.getCookieStore().add(uri("/"), cookie));
    return copy;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    // A page as a browser asks for it; the APIs as the webapps call them.
    String accept = path.contains("/api/") ? "application/json" : "text/html";
    return client.send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A page at another host (the provider), with this browser's cookies. */
  HttpResponse<String> getAbsolute(String url) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Posts a form as a page of the app would: with the CSRF token of the page at {@code formPage}. */
  HttpResponse<String> submit(String formPage, String action, Map<String, String> fields)
      throws IOException, InterruptedException {
    HttpResponse<String> page = get(formPage);
    Matcher csrf = CSRF_INPUT.matcher(page.body());
    if (!csrf.find()) {
      throw new AssertionError("no CSRF token on " + formPage + ": " + page.body());
    }
    String form = fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&")) + (fields.isEmpty() ? "" : "&") + "_csrf=" + encode(csrf.group(1));
    return client.send(HttpRequest.newBuilder(uri(action))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A call of the webapps' own API, with Camunda's XSRF token as the webapps send it. */
  HttpResponse<String> webappPost(String path, String json) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    String token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue).reduce((a, b) -> b).orElse(null);
    if (token != null) {
      request.header("X-XSRF-TOKEN", token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A form the webapps post to their own API (Camunda's login), with Camunda's XSRF token. */
  HttpResponse<String> webappForm(String path, Map<String, String> fields) throws IOException, InterruptedException {
    String form = fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue).reduce((a, b) -> b).ifPresent(token -> request.header("X-XSRF-TOKEN", token));
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
