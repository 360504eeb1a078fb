// Incident Response: a link in Tasklist's header to the incident audit view in Cockpit
// (route #/incident-audit, added by the audit Cockpit plugin). Loaded through customScripts in
// config.js; a Tasklist plugin on the 'tasklist.navbar.action' plugin point.
function appRoot() {
  const base = document.querySelector('base');
  return (base && base.getAttribute('app-root')) || '/camunda';
}

export default {
  id: 'incident-response.audit-link',
  pluginPoint: 'tasklist.navbar.action',
  priority: 100,
  render: (node) => {
    const link = document.createElement('a');
    link.className = 'incident-audit-link';
    link.href = `${appRoot()}/app/cockpit/default/#/incident-audit`;
    link.title = 'Who did what, and when, for every incident (Cockpit; incident commanders, process owners and auditors)';
    link.textContent = 'Incident audit';
    node.appendChild(link);
  }
};
