// Incident Response: Camunda Welcome page configuration (Camunda's supported webapp customisation).
// The links appear on the welcome page after login, next to the apps the user may open.
export default {
  app: {
    name: 'Welcome',
    vendor: 'Incident Response'
  },
  // Log out also ends the identity provider's session when single sign-on is on.
  customScripts: ['../sso/sso-logout'],
  links: [
    {
      label: 'Report an incident or work on one',
      href: '/camunda/app/tasklist/default/',
      description: 'Tasklist: report an incident (Start process → Incident response), claim and complete your steps'
    },
    {
      label: 'Incident audit',
      href: '/camunda/app/cockpit/default/#/incident-audit',
      description: 'Cockpit: who did what, and when, for every incident (incident commanders, process owners, auditors)'
    }
  ]
};
