/*
 * SOP versions: a Cockpit plugin for process owners and admins. It lists the SOP's versions with
 * their running incidents, shows what changed between two versions, and moves running incidents to
 * another version: first a dry run (which incidents can move, and why not), then the migration of
 * the chosen ones. Camunda's community Cockpit has no migration screen; this one calls the app's
 * REST API (/api/sop) with the Cockpit session, which checks the user's groups.
 *
 * Plain DOM. Text from the server is only ever set with textContent, never parsed as HTML.
 */

import { el, clear, time, section, table } from './plugin-dom.js';

const API = '/api/sop';
const ROUTE = '/sop-versions';

// ---------------------------------------------------------------------------------------------
// Talking to the app's API (the DOM helpers are in plugin-dom.js).

async function call(url, options) {
  const response = await fetch(url, Object.assign({ credentials: 'same-origin' }, options || {}, {
    headers: Object.assign({ Accept: 'application/json' }, (options && options.headers) || {}),
  }));
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const body = await response.json();
      // The API's errors are RFC 9457 problem details: detail says what was wrong.
      if (body && body.detail) message = `${response.status}: ${body.detail}`;
    } catch (ignored) { /* not JSON */ }
    throw new Error(message);
  }
  return response.json();
}

function migrate(body) {
  // JSON only: the API refuses anything else, so no cross-site form can post here with the session.
  return call(`${API}/migrations`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
}

function badge(text, kind) {
  return el('span', { className: `label label-${kind}`, style: 'margin-right:6px;font-size:85%' }, text);
}

function errorBox(error, what) {
  return el('div', { className: 'alert alert-danger', role: 'alert' }, `${what}: ${error.message}`);
}

function versionSelect(name, versions, selected, label) {
  return el('label', { style: 'margin-right:12px;font-weight:normal' },
    el('span', { style: 'display:block;font-size:85%;color:#555' }, label),
    el('select', { name, className: 'form-control input-sm' },
      versions.map((v) => el('option', { value: String(v.version), selected: v.version === selected },
        `version ${v.version} (${v.runningIncidents} running)`))));
}

// ---------------------------------------------------------------------------------------------
// Versions

function versionsTable(versions) {
  const latest = versions.length ? versions[versions.length - 1].version : null;
  return table(['Version', 'Deployed', 'By', 'From', 'Running incidents'],
    versions.slice().reverse().map((v) => el('tr', { 'data-version': String(v.version) },
      el('td', {}, `${v.version} `, v.version === latest ? badge('latest', 'primary') : ''),
      el('td', {}, time(v.deployedAt)), el('td', {}, v.deployedBy || '—'), el('td', {}, v.deploymentSource || '—'),
      el('td', { 'data-test': 'running' }, String(v.runningIncidents)))),
    { 'data-test': 'versions' });
}

// ---------------------------------------------------------------------------------------------
// The changes between two versions

function diffRows(diff) {
  const rows = [];
  const add = (what, changes) => changes.forEach((c) => rows.push(el('tr', { 'data-change': c.change },
    el('td', {}, what), el('td', {}, c.id), el('td', {}, c.name || ''), el('td', {}, c.type || ''),
    el('td', {}, badge(c.change, c.change === 'removed' ? 'danger' : c.change === 'added' ? 'success' : 'warning')),
    el('td', {}, c.details && c.details.length ? el('ul', { style: 'margin:0;padding-left:16px' },
      c.details.map((d) => el('li', {}, d))) : ''))));
  add('Activity', diff.activities);
  add('Form', diff.forms);
  add('Decision', diff.decisions);
  return rows;
}

function diffSection(versions) {
  const out = el('div', { 'data-test': 'diff-result' });
  const latest = versions[versions.length - 1].version;
  const previous = versions.length > 1 ? versions[versions.length - 2].version : latest;
  const form = el('form', { className: 'form-inline', 'aria-label': 'Compare versions' },
    versionSelect('from', versions, previous, 'From'), versionSelect('to', versions, latest, 'To'),
    el('button', { type: 'submit', className: 'btn btn-default btn-sm', style: 'margin-top:16px' }, 'Show changes'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const from = form.elements.from.value;
    const to = form.elements.to.value;
    clear(out);
    out.appendChild(el('p', {}, 'Loading…'));
    call(`${API}/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`).then((diff) => {
      clear(out);
      const rows = diffRows(diff);
      out.appendChild(rows.length
        ? table(['What', 'Id', 'Name', 'Type', 'Change', 'Details'], rows, { 'data-test': 'diff' })
        : el('p', {}, `No changes from version ${diff.from} to version ${diff.to}.`));
    }).catch((error) => { clear(out); out.appendChild(errorBox(error, 'Could not compare the versions')); });
  });
  return section('Changes between two versions', form, out);
}

// ---------------------------------------------------------------------------------------------
// Migration: a dry run first, then the chosen incidents

function outcomeRows(report, choosable) {
  return report.incidents.map((o) => {
    const canMove = !o.reasons.length;
    const box = choosable && canMove
      ? el('input', { type: 'checkbox', name: 'incident', value: o.processInstanceId, checked: true,
        'aria-label': `migrate ${o.incidentNumber || o.processInstanceId}` })
      : '';
    const result = report.dryRun
      ? (canMove ? badge('can move', 'success') : badge('cannot move', 'danger'))
      : (o.migrated ? badge('migrated', 'success') : badge('not migrated', 'danger'));
    return el('tr', { 'data-incident': o.incidentNumber || o.processInstanceId },
      el('td', {}, box), el('td', {}, o.incidentNumber || '—'), el('td', {}, o.processInstanceId), el('td', {}, result),
      el('td', {}, o.reasons.length ? el('ul', { style: 'margin:0;padding-left:16px' }, o.reasons.map((r) => el('li', {}, r))) : ''));
  });
}

function migrationSection(versions, reload) {
  const latest = versions[versions.length - 1].version;
  const running = versions.filter((v) => v.runningIncidents > 0 && v.version !== latest);
  const from = running.length ? running[0].version : versions[0].version;
  const out = el('div', { 'data-test': 'migration-result' });
  const form = el('form', { className: 'form-inline', 'aria-label': 'Migrate incidents' },
    versionSelect('from', versions, from, 'Incidents running on'), versionSelect('to', versions, latest, 'Move to'),
    el('button', { type: 'submit', className: 'btn btn-default btn-sm', style: 'margin-top:16px' }, 'Dry run'));
  const plan = el('p', { className: 'text-muted' }, 'The plan maps each step to the step with the same id in the '
    + 'target version, and moves timers where the target version defines them differently. The dry run does the '
    + 'migration and undoes it: it changes nothing and says, for each running incident, whether it can move and why not.');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const request = { from: Number(form.elements.from.value), to: Number(form.elements.to.value) };
    clear(out);
    out.appendChild(el('p', {}, 'Dry run…'));
    migrate(Object.assign({ dryRun: true }, request)).then((report) => {
      clear(out);
      if (!report.incidents.length) {
        out.appendChild(el('p', {}, `No incident runs on version ${report.from}.`));
        return;
      }
      const movable = report.incidents.filter((o) => !o.reasons.length).length;
      out.appendChild(el('p', { 'data-test': 'dry-run-summary' },
        `Dry run of version ${report.from} → ${report.to}: ${movable} of ${report.incidents.length} incidents can move. `
        + 'Nothing was changed.'));
      out.appendChild(table(['Migrate', 'Incident', 'Process instance', 'Result', 'Why not'], outcomeRows(report, true),
        { 'data-test': 'dry-run' }));
      if (!movable) return;
      const execute = el('button', { type: 'button', className: 'btn btn-primary btn-sm' },
        `Migrate the chosen incidents to version ${report.to}`);
      execute.addEventListener('click', () => {
        const chosen = Array.from(out.querySelectorAll('input[name="incident"]:checked')).map((box) => box.value);
        if (!chosen.length) {
          out.appendChild(el('p', { className: 'text-danger' }, 'Choose at least one incident.'));
          return;
        }
        execute.disabled = true;
        migrate(Object.assign({ dryRun: false, incidents: chosen }, request)).then((done) => {
          clear(out);
          const moved = done.incidents.filter((o) => o.migrated).length;
          out.appendChild(el('p', { 'data-test': 'migration-summary', className: moved === done.incidents.length ? 'text-success' : 'text-danger' },
            `Migrated ${moved} of ${done.incidents.length} incidents from version ${done.from} to version ${done.to} `
            + `(migration ${done.id}).`));
          out.appendChild(table(['', 'Incident', 'Process instance', 'Result', 'Why not'], outcomeRows(done, false),
            { 'data-test': 'migration' }));
          reload();
        }).catch((error) => { execute.disabled = false; out.appendChild(errorBox(error, 'The migration failed')); });
      });
      out.appendChild(execute);
    }).catch((error) => { clear(out); out.appendChild(errorBox(error, 'The dry run failed')); });
  });
  return section('Move running incidents to another version', plan, form, out);
}

function migrationsTable(migrations) {
  if (!migrations.length) return el('p', {}, 'No migration yet.');
  return table(['When', 'By', 'Versions', 'Kind', 'Id'], migrations.map((m) => el('tr', {},
    el('td', {}, time(m.requestedAt)), el('td', {}, m.migratedBy), el('td', {}, `${m.from} → ${m.to}`),
    el('td', {}, m.dryRun ? 'dry run' : 'migration'), el('td', {}, el('code', {}, m.id)))), { 'data-test': 'migrations' });
}

// ---------------------------------------------------------------------------------------------
// The page

async function renderVersions(top, bottom) {
  const [versions, migrations] = await Promise.all([call(`${API}/versions`), call(`${API}/migrations`)]);
  clear(top);
  clear(bottom);
  top.appendChild(section('Versions', versionsTable(versions)));
  bottom.appendChild(section('Recent migrations and dry runs', migrationsTable(migrations)));
  return versions;
}

function renderPage(node) {
  const root = el('div', { className: 'sop-versions', style: 'padding:15px 20px;height:100%;overflow:auto;background:#fff' },
    el('h2', { style: 'margin-top:0' }, 'SOP versions'));
  node.appendChild(root);
  const top = el('div', {}, 'Loading…');
  const middle = el('div');
  const bottom = el('div');
  root.append(top, middle, bottom);
  const reload = () => renderVersions(top, bottom).catch((error) => top.appendChild(errorBox(error, 'Could not load the SOP versions')));
  renderVersions(top, bottom).then((versions) => {
    if (!versions.length) return;
    middle.append(diffSection(versions), migrationSection(versions, reload));
  }).catch((error) => { clear(top); top.appendChild(errorBox(error, 'Could not load the SOP versions')); });
}

export default [
  {
    id: 'sop-versions-navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 14,
    properties: {
      label: 'SOP versions',
      pagePath: `#${ROUTE}`,
      checkActive: (path) => (path || '').indexOf(`#${ROUTE}`) > -1,
    },
    // A navigation plugin with render() draws its own link (Cockpit only templates plugins without one).
    render: (node) => node.appendChild(el('a', { href: `#${ROUTE}` }, 'SOP versions')),
  },
  {
    id: 'sop-versions-page',
    pluginPoint: 'cockpit.route',
    priority: 0,
    properties: { path: ROUTE, label: 'SOP versions' },
    render: (node) => renderPage(node),
  },
];
