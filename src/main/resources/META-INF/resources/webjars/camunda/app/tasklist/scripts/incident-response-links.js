// Incident Response: a link in Tasklist's header to the incident audit view in Cockpit
// (route #/incident-audit, the audit Cockpit plugin). Loaded through customScripts in config.js;
// a Tasklist plugin on the 'tasklist.navbar.action' plugin point. Shown only to users who may open
// Cockpit (process owners, for example): for the others the link would end at a refusal.
function baseAttribute(name, fallback) {
  const base = document.querySelector('base');
  return (base && base.getAttribute(name)) || fallback;
}

async function mayOpenCockpit() {
  const adminApi = baseAttribute('admin-api', `${baseAttribute('app-root', '/camunda')}/api/admin/`);
  try {
    const response = await fetch(`${adminApi}auth/user/default`, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!response.ok) return false;
    const user = await response.json();
    return (user.authorizedApps || []).includes('cockpit');
  } catch (e) {
    return false;
  }
}

export default {
  id: 'incident-response.audit-link',
  pluginPoint: 'tasklist.navbar.action',
  priority: 100,
  render: (node) => {
    mayOpenCockpit().then((allowed) => {
      if (!allowed) return;
      const link = document.createElement('a');
      link.className = 'incident-audit-link';
      link.href = `${baseAttribute('app-root', '/camunda')}/app/cockpit/default/#/incident-audit`;
      link.title = 'Who did what, and when, for every incident (Cockpit)';
      link.textContent = 'Incident audit';
      node.appendChild(link);
    });
  }
};
