/*
 * Copyright Camunda Services GmbH and/or licensed to Camunda Services GmbH
 * under one or more contributor license agreements. See the NOTICE file
 * distributed with this work for additional information regarding copyright
 * ownership. Camunda licenses this file to you under the Apache License,
 * Version 2.0; you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

// Camunda's default Cockpit configuration, plus the product name and the Incident audit plugin
// (scripts/incident-audit.js).
export default {
  app: {
    name: 'Cockpit',
    vendor: 'Incident Response'
  },
  // ../sso/sso-logout: Log out also ends the identity provider's session when single sign-on is on.
  // scripts/sop-versions.js: the SOP versions plugin for process owners (versions, changes, migrations).
  // The login page's first-visit box asks /camunda-welcome, which this app does not serve (a 404 on every
  // first login otherwise).
  disableWelcomeMessage: true,
  customScripts: ['scripts/incident-audit.js', '../sso/sso-logout', 'scripts/sop-versions.js'],
  // requireJsConfig: {
  //   // AngularJS module names
  //   ngDeps: ['ui.bootstrap'],
  //   // RequireJS configuration for a complete configuration documentation see:
  //   // http://requirejs.org/docs/api.html#config
  //   deps: ['jquery', 'custom-ui'],
  //   paths: {
  //     // if you have a folder called `custom-ui` (in the `cockpit` folder)
  //     // with a file called `scripts.js` in it and defining the `custom-ui` AMD module
  //     'custom-ui': 'custom-ui/scripts'
  //   }
  // },
  // historicActivityInstanceMetrics: {
  //   adjustablePeriod: true,
  //   //select from the default time period: day, week, month, complete
  //   period: {
  //     unit: 'week'
  //   }
  // },
  // runtimeActivityInstanceMetrics: {
  //   display: true
  // },
  // 'locales': {
  //   'availableLocales': ['en', 'de'],
  //   'fallbackLocale': 'en'
  // },
  // skipCustomListeners: {
  //   default: true,
  //   hidden: false
  // },
  // skipIoMappings: {
  //   default: true,
  //   hidden: false
  // },
  // cascade: {
  //   default: false
  // },
  // 'batchOperation' : {
  //   // select mode of query for process instances or decision instances
  //   // possible values: filter, search
  //   'mode': 'filter',
  //
  //   // select if Historic Batches should be loaded automatically when navigating to #/batch
  //   'autoLoadEnded': true
  // },
  // bpmnJs: {
  //   moddleExtensions: {
  //     // if you have a folder called 'my-custom-moddle' (in the 'cockpit' folder)
  //     // with a file called 'camunda.json' in it defining the 'camunda' moddle extension
  //     camunda: 'my-custom-moddle/camunda'
  //   },
  //   additionalModules: [
  //     // if you have a folder called 'my-custom-module' (in the 'cockpit' folder)
  //     // with a file called 'module.js' in it
  //     'my-custom-module/module'
  //   ],
  // },
  // defaultFilter: {
  //   historicProcessDefinitionInstancesSearch: {
  //     lastDays: 5,
  //     event: 'started'
  //   }
  // },
  // csrfCookieName: 'XSRF-TOKEN',
  // userOperationLogAnnotationLength: 5000,
  // previewHtml: true
};
