package org.incidentresponse.sso;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.security.oauth2.client.ClientsConfiguredCondition;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code /login} when single sign-on is on: a link to each configured provider, the break-glass
 * form for Camunda's administrator ({@link BreakGlassLogin}), and a log-out button that also ends
 * the provider's session. Browsers only come here after logging out, after a failed login, or when
 * the provider is down: the webapps send them straight to the provider.
 */
@RestController
@Conditional(ClientsConfiguredCondition.class)
class LoginPage {

  private final List<ClientRegistration> providers = new ArrayList<>();

  LoginPage(ClientRegistrationRepository clients) {
    if (clients instanceof Iterable<?> registrations) {
      registrations.forEach(registration -> providers.add((ClientRegistration) registration));
    }
  }

  @GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
  String login(HttpServletRequest request) {
    CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
    String context = HtmlUtils.htmlEscape(request.getContextPath());
    String token = csrf == null ? "" : "<input type=\"hidden\" name=\"" + HtmlUtils.htmlEscape(csrf.getParameterName())
        + "\" value=\"" + HtmlUtils.htmlEscape(csrf.getToken()) + "\">";
    StringBuilder page = new StringBuilder("""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Log in – Incident Response</title>
        <style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}
        .notice{padding:.5rem 1rem;background:#eef}.error{background:#fee}
        a.provider{display:block;padding:.75rem;margin:.5rem 0;border:1px solid #888;text-align:center}
        details{margin-top:3rem}label{display:block;margin:.5rem 0}</style></head><body>
        <h1>Incident Response</h1>
        """);
    if (request.getParameter("logout") != null) {
      page.append("<p class=\"notice\">You are logged out.</p>\n");
    }
    if (request.getParameter("error") != null) {
      page.append("<p class=\"notice error\">The login failed.</p>\n");
    }
    for (ClientRegistration provider : providers) {
      page.append("<a class=\"provider\" href=\"").append(context).append("/oauth2/authorization/")
          .append(HtmlUtils.htmlEscape(provider.getRegistrationId())).append("\">Log in with ")
          .append(HtmlUtils.htmlEscape(provider.getClientName())).append("</a>\n");
    }
    page.append("<form method=\"post\" action=\"").append(context).append("/logout\">").append(token)
        .append("<button type=\"submit\">Log out</button></form>\n");
    page.append("<details><summary>Break-glass login (identity provider down)</summary>\n")
        .append("<p>Only the local administrator account logs in here. Every use is logged.</p>\n")
        .append("<form method=\"post\" action=\"").append(context).append("/login\">").append(token)
        .append("<label>User <input name=\"username\" autocomplete=\"username\"></label>")
        .append("<label>Password <input type=\"password\" name=\"password\" autocomplete=\"current-password\"></label>")
        .append("<button type=\"submit\">Log in</button></form></details>\n</body></html>\n");
    return page.toString();
  }
}
