// Incident Response: single sign-on log-out for Tasklist, Cockpit, Admin and Welcome (customScripts
// in each app's config.js). Camunda's log-out button posts to auth/user/<engine>/logout and then
// shows its own login form. With single sign-on the app answers that post with the identity
// provider's log-out address ({"logoutUrl": ...}): this script sends the browser there, so that the
// provider's session ends too (RP-initiated logout), and the provider returns it to /sso/logged-out.
// Without single sign-on Camunda's answer has no logoutUrl and nothing changes.
const LOGOUT = /\/api\/admin\/auth\/user\/[^/]+\/logout$/;

function followProviderLogout(responseText) {
  try {
    const answer = JSON.parse(responseText || '{}');
    if (answer && typeof answer.logoutUrl === 'string' && /^https?:\/\/|^\//.test(answer.logoutUrl)) {
      window.location.assign(answer.logoutUrl);
    }
  } catch (notJson) {
    // Camunda's own log-out: no body to follow.
  }
}

if (!window.__incidentResponseSsoLogout) {
  window.__incidentResponseSsoLogout = true;
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    const path = String(url).split('?')[0];
    if (String(method).toUpperCase() === 'POST' && LOGOUT.test(path)) {
      this.addEventListener('load', () => {
        if (this.status === 200) followProviderLogout(this.responseText);
      });
    }
    return open.call(this, method, url, ...rest);
  };
}

// customScripts are plugin modules; this one only follows the log-out above.
export default [];
