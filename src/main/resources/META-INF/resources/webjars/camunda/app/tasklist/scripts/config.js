// Incident Response: Camunda Tasklist configuration (Camunda's supported webapp customisation).
// Replaces the webjar's default config.js; the keyboard shortcuts below are Camunda's defaults.
export default {
  // The header and the browser tab read "Incident Response Tasklist".
  app: {
    name: 'Tasklist',
    vendor: 'Incident Response'
  },
  // Loaded as ES modules from app/tasklist/; each default-exports a Tasklist plugin.
  // ../sso/sso-logout: Log out also ends the identity provider's session when single sign-on is on.
  // The login page's first-visit box asks /camunda-welcome, which this app does not serve (a 404 on every
  // first login otherwise).
  disableWelcomeMessage: true,
  customScripts: ['scripts/incident-response-links', 'scripts/priority-first', '../sso/sso-logout'],
  // Responders work in UTC during an incident; show full dates with times on cards and forms.
  dateFormat: {
    normal: 'YYYY-MM-DD HH:mm',
    long: 'dddd, YYYY-MM-DD HH:mm'
  },
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
