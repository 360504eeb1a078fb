// Incident Response: Camunda Admin configuration (Camunda's supported webapp customisation).
export default {
  // The header and the browser tab read "Incident Response Admin".
  app: {
    name: 'Admin',
    vendor: 'Incident Response'
  },
  // Log out also ends the identity provider's session when single sign-on is on.
  customScripts: ['../sso/sso-logout'],
};
