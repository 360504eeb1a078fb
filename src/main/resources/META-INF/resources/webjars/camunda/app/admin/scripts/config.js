// Incident Response: Camunda Admin configuration (Camunda's supported webapp customisation).
export default {
  // The header and the browser tab read "Incident Response Admin".
  app: {
    name: 'Admin',
    vendor: 'Incident Response'
  },
  // Log out also ends the identity provider's session when single sign-on is on.
  // The login page's first-visit box asks /camunda-welcome, which this app does not serve (a 404 on every
  // first login otherwise).
  disableWelcomeMessage: true,
  customScripts: ['../sso/sso-logout'],
};
