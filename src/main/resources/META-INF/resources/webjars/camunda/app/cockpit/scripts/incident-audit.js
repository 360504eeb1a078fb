/*
 * Incident audit: a Cockpit plugin for auditors. It lists incidents (open and closed) and shows, per
 * incident, the timeline from history and the SOP-compliance checklist with its breaches, from the
 * app's read-only REST API (/api/incidents), called with the Cockpit session.
 *
 * Plain DOM. User text is only ever set with textContent, never parsed as HTML.
 */

import { el, clear, time, section, table } from './plugin-dom.js';

const API = '/api/incidents';
const ROUTE = '/incident-audit';
const PAGE_SIZE = 20;
const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'];

// ---------------------------------------------------------------------------------------------
// Formatting and links (the DOM helpers are in plugin-dom.js).

function minutes(value) {
  if (value === null || value === undefined) return '—';
  if (value < 120) return `${value} min`;
  return `${(value / 60).toFixed(1)} h`;
}

function hashParams() {
  const hash = window.location.hash || '';
  const query = hash.indexOf('?') >= 0 ? hash.slice(hash.indexOf('?') + 1) : '';
  return new URLSearchParams(query);
}

function auditHref(params) {
  const query = new URLSearchParams();
  Object.entries(params || {}).forEach(([k, v]) => {
    if (v !== undefined && v !== null && v !== '') query.set(k, v);
  });
  const text = query.toString();
  return `#${ROUTE}${text ? `?${text}` : ''}`;
}

async function getJson(url) {
  const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
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

/** A link typed by people: shown as a link only when it is http(s), else as text. */
function httpLink(url) {
  if (!url) {
    return '';
  }
  return /^https?:\/\//i.test(url) ? el('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, url) : url;
}

function badge(text, kind) {
  return el('span', { className: `label label-${kind}`, style: 'margin-left:6px;font-size:85%' }, text);
}

function statusBadge(item) {
  const ok = ['done', 'not-needed', 'not-required'].includes(item.status);
  return badge(item.status, ok ? 'success' : item.status === 'pending' ? 'default' : 'danger');
}

function errorBox(error) {
  return el('div', { className: 'alert alert-danger' }, `Could not load the incident audit: ${error.message}`);
}

// ---------------------------------------------------------------------------------------------
// The list page

const FILTERS = ['severity', 'status', 'service', 'from', 'to', 'drill'];

function filterForm(params) {
  const select = (name, options) => el('select', { name, className: 'form-control input-sm' },
    options.map(([value, label]) => el('option', { value, selected: params.get(name) === value }, label)));
  const input = (name, type, placeholder) => el('input', {
    name, type, placeholder, className: 'form-control input-sm', value: params.get(name) || '',
  });
  const field = (label, control) => el('label', { style: 'margin-right:12px;font-weight:normal' },
    el('span', { style: 'display:block;font-size:85%;color:#555' }, label), control);

  const form = el('form', { className: 'form-inline', style: 'margin:10px 0', 'aria-label': 'Filter incidents' },
    field('Severity', select('severity', [['', 'any'], ...SEVERITIES.map((s) => [s, s])])),
    field('Status', select('status', [['', 'any'], ['open', 'open'], ['closed', 'closed']])),
    field('Service', input('service', 'text', 'e.g. checkout-api')),
    field('Reported from', input('from', 'date')),
    field('to', input('to', 'date')),
    field('Incidents', select('drill', [['', 'real and drills'], ['false', 'real only'], ['true', 'drills only']])),
    el('button', { type: 'submit', className: 'btn btn-primary btn-sm', style: 'margin-top:16px' }, 'Apply'),
    el('a', { href: auditHref({}), className: 'btn btn-link btn-sm', style: 'margin-top:16px' }, 'Clear'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const next = {};
    FILTERS.forEach((name) => { next[name] = data.get(name); });
    window.location.hash = auditHref(next);
  });
  return form;
}

function metricsTable(metrics) {
  const stat = (s) => (s && s.count ? `${minutes(s.meanMinutes)} / ${minutes(s.p50Minutes)} / ${minutes(s.p90Minutes)}` : '—');
  const rows = metrics.bySeverity.map((m) => el('tr', {},
    el('th', {}, m.severity), el('td', {}, String(m.incidents)), el('td', {}, String(m.closed)),
    el('td', {}, stat(m.acknowledge)), el('td', {}, stat(m.mitigate)), el('td', {}, stat(m.resolve)),
    el('td', {}, `${m.breaches} (${m.incidentsWithBreaches} incidents)`),
    el('td', {}, `${m.reviews.onTime} of ${m.reviews.done} on time${m.reviews.skipped ? `, ${m.reviews.skipped} skipped` : ''}`)));
  return el('div', {},
    el('p', { className: 'text-muted', style: 'margin:0 0 6px' },
      `${metrics.incidents} real incidents reported in the period; ${metrics.drillsExcluded} drills excluded. `
      + 'Times from report: mean / median / 90th percentile.'),
    rows.length ? table(['Severity', 'Incidents', 'Closed', 'Time to acknowledge', 'Time to mitigate',
      'Time to resolve', 'Breaches', 'Reviews'], rows, { 'data-test': 'metrics' })
      : el('p', {}, 'No real incidents in this period.'));
}

async function renderList(root, params) {
  root.appendChild(el('h2', { style: 'margin-top:0' }, 'Incident audit'));
  root.appendChild(el('p', { className: 'text-muted' },
    'Every incident, open and closed: what happened, who did it and when, and whether the SOP was followed.'));
  root.appendChild(filterForm(params));

  const page = Math.max(0, parseInt(params.get('page') || '0', 10) || 0);
  const query = new URLSearchParams();
  FILTERS.forEach((name) => { if (params.get(name)) query.set(name, params.get(name)); });
  query.set('page', String(page));
  query.set('size', String(PAGE_SIZE));

  const listBox = el('div', {}, el('p', {}, 'Loading…'));
  const metricsBox = el('div', {}, el('p', {}, 'Loading…'));
  root.appendChild(section('Incidents', listBox));
  root.appendChild(section('Metrics', metricsBox));

  try {
    const result = await getJson(`${API}?${query}`);
    clear(listBox);
    if (!result.items.length) {
      listBox.appendChild(el('p', {}, 'No incidents match these filters.'));
    } else {
      const rows = result.items.map((i) => el('tr', { 'data-incident': i.number },
        el('td', {}, el('a', { href: auditHref({ incident: i.number }) }, i.number), i.drill ? badge('DRILL', 'warning') : null),
        el('td', {}, i.title || '—'),
        el('td', {}, i.service || '—'),
        el('td', {}, i.severity || '—'),
        el('td', {}, i.status),
        el('td', {}, time(i.reportedAt)),
        el('td', {}, time(i.closedAt)),
        el('td', {}, `${i.checklistDone} / ${i.checklistTotal}`),
        el('td', {}, i.breachCount ? badge(String(i.breachCount), 'danger') : '0')));
      listBox.appendChild(table(['Incident', 'Title', 'Service', 'Severity', 'Status', 'Reported', 'Closed',
        'Checklist', 'Breaches'], rows, { 'data-test': 'incident-list' }));
    }
    const pages = Math.max(1, Math.ceil(result.total / result.size));
    const pageLink = (target, label) => {
      const next = {};
      FILTERS.forEach((name) => { next[name] = params.get(name); });
      next.page = String(target);
      return el('a', { href: auditHref(next), className: 'btn btn-default btn-sm' }, label);
    };
    listBox.appendChild(el('div', { style: 'margin:6px 0' },
      page > 0 ? pageLink(page - 1, '‹ Previous') : null,
      el('span', { style: 'margin:0 10px' }, `Page ${result.page + 1} of ${pages} (${result.total} incidents)`),
      page + 1 < pages ? pageLink(page + 1, 'Next ›') : null));
  } catch (error) {
    clear(listBox);
    listBox.appendChild(errorBox(error));
  }

  try {
    const period = new URLSearchParams();
    if (params.get('from')) period.set('from', params.get('from'));
    if (params.get('to')) period.set('to', params.get('to'));
    const metrics = await getJson(`${API}/metrics?${period}`);
    clear(metricsBox);
    metricsBox.appendChild(metricsTable(metrics));
  } catch (error) {
    clear(metricsBox);
    metricsBox.appendChild(errorBox(error));
  }
}

// ---------------------------------------------------------------------------------------------
// The incident page

/** Downloads the incident's audit report or its post-incident review ({@code what}: report or review) as Markdown. */
async function downloadMarkdown(number, what = 'report') {
  const response = await fetch(`${API}/${encodeURIComponent(number)}/${what}`, {
    credentials: 'same-origin', headers: { Accept: 'text/markdown' },
  });
  if (!response.ok) throw new Error(`${response.status}`);
  const url = URL.createObjectURL(await response.blob());
  const link = el('a', { href: url, download: `${number}-${what}.md` });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function renderIncident(root, number) {
  root.appendChild(el('p', {}, el('a', { href: auditHref({}) }, '‹ All incidents')));
  const box = el('div', {}, el('p', {}, 'Loading…'));
  root.appendChild(box);
  let report;
  try {
    report = await getJson(`${API}/${encodeURIComponent(number)}/report`);
  } catch (error) {
    clear(box);
    box.appendChild(errorBox(error));
    return;
  }
  clear(box);
  const i = report.incident;
  box.appendChild(el('h2', { style: 'margin-top:0' }, `${i.number}: ${i.title || ''}`,
    i.drill ? badge('DRILL — excluded from metrics', 'warning') : null,
    el('small', { 'data-test': 'status' }, badge(report.statusText || i.status, i.status === 'closed' ? 'default' : 'info'))));

  const facts = [
    ['Severity', `${i.severity || '—'}${i.proposedSeverity && i.proposedSeverity !== i.severity ? ` (proposed ${i.proposedSeverity})` : ''}`],
    ['Service', i.service || '—'],
    ['Reported', `${time(i.reportedAt)} by ${i.reporter || '—'} via ${i.source || '—'}`],
    ['Acknowledged', `${time(i.acknowledgedAt)}${i.acknowledgedBy ? ` by ${i.acknowledgedBy}` : ''}`],
    ['Mitigated', time(i.mitigatedAt)],
    ['Resolved', time(i.resolvedAt)],
    ['Closed', time(i.closedAt)],
    ['Incident commander', i.incidentCommander || '—'],
    ['Root cause', i.rootCause || '—'],
    ['SOP version', `${i.sopVersion}${i.sopVersionTag ? ` (${i.sopVersionTag})` : ''}`],
    // Every version the incident ran on: more than one when a process owner migrated it (timeline kind sop-migration).
    ['SOP versions run on', (i.sopVersions && i.sopVersions.length ? i.sopVersions : [i.sopVersion]).join(' → ')
      + (i.sopVersions && i.sopVersions.length > 1 ? ' (migrated)' : '')],
  ];
  box.appendChild(el('dl', { className: 'dl-horizontal', style: 'margin:10px 0' },
    facts.map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])));

  const markdownButton = el('button', { type: 'button', className: 'btn btn-default btn-sm' }, 'Download Markdown report');
  markdownButton.addEventListener('click', () => downloadMarkdown(i.number).catch((e) => {
    box.insertBefore(errorBox(e), box.firstChild);
  }));
  box.appendChild(el('p', {}, markdownButton, ' ',
    el('a', { className: 'btn btn-default btn-sm', href: `${API}/${encodeURIComponent(i.number)}/report`, target: '_blank', rel: 'noopener' },
      'Open printable report')));

  // A completed post-incident review: its export, as Markdown (a download) or as a page.
  const reviewed = report.checklist.some((c) => c.key === 'post-incident-analysis' && c.status === 'done');
  if (reviewed) {
    const reviewUrl = `${API}/${encodeURIComponent(i.number)}/review`;
    const reviewButton = el('button', { type: 'button', className: 'btn btn-default btn-sm', 'data-test': 'review-download' },
      'Download review (Markdown)');
    reviewButton.addEventListener('click', () => downloadMarkdown(i.number, 'review').catch((e) => {
      box.insertBefore(errorBox(e), box.firstChild);
    }));
    box.appendChild(el('p', { 'data-test': 'review-links' }, 'Post-incident review: ', reviewButton, ' ',
      el('a', { className: 'btn btn-default btn-sm', href: `${reviewUrl}?format=markdown`, target: '_blank', rel: 'noopener' },
        'Review as Markdown'), ' ',
      el('a', { className: 'btn btn-default btn-sm', href: `${reviewUrl}?format=html`, target: '_blank', rel: 'noopener' },
        'Open review')));
  }

  const checklistRows = report.checklist.map((c) => el('tr', { 'data-item': c.key },
    el('td', {}, String(c.number)), el('td', {}, c.label), el('td', {}, statusBadge(c)),
    el('td', {}, c.by || '—'), el('td', { style: 'white-space:nowrap' }, time(c.at)), el('td', {}, c.evidence || '')));
  box.appendChild(section(`SOP checklist (${i.checklistDone} of ${i.checklistTotal})`,
    table(['#', 'Item', 'Status', 'By', 'When', 'Evidence'], checklistRows, { 'data-test': 'checklist' })));

  box.appendChild(section(`Breaches (${report.breaches.length})`, report.breaches.length
    ? el('ul', { 'data-test': 'breaches' }, report.breaches.map((b) => el('li', { style: 'color:#a94442' },
      el('strong', {}, b.kind), `: ${b.description}`, b.expectedBy ? ` (expected by ${time(b.expectedBy)})` : '')))
    : el('p', { 'data-test': 'breaches' }, 'None: every deadline of the SOP was met.')));

  // The review's action items, each its own follow-up process (status computed against the engine clock).
  const followUps = report.followUps || [];
  const followUpRows = followUps.map((f) => el('tr', { 'data-status': f.status },
    el('td', {}, String(f.index)), el('td', {}, f.title), el('td', {}, f.type), el('td', {}, f.owner),
    el('td', { style: 'white-space:nowrap' }, f.dueDate),
    el('td', {}, badge(f.status, { done: 'success', 'wont-do': 'default', open: 'info', overdue: 'danger' }[f.status] || 'default')),
    el('td', {}, httpLink(f.evidenceUrl), f.evidenceUrl && f.note ? ' — ' : '', f.note || ''),
    el('td', {}, f.closedBy || ''), el('td', { style: 'white-space:nowrap' }, f.closedAt ? time(f.closedAt) : '')));
  box.appendChild(section(`Follow-ups (${followUps.length})`, followUps.length
    ? table(['#', 'Action item', 'Type', 'Owner', 'Due', 'Status', 'Evidence', 'Closed by', 'When'], followUpRows,
      { 'data-test': 'follow-ups' })
    : el('p', { 'data-test': 'follow-ups' }, 'None: no action item was agreed in a review.')));

  const timelineRows = report.timeline.map((e) => el('tr', { 'data-kind': e.kind },
    el('td', { style: 'white-space:nowrap' }, time(e.time)),
    el('td', { style: 'white-space:nowrap' }, e.end ? time(e.end) : ''),
    el('td', {}, e.kind), el('td', {}, e.title), el('td', {}, e.detail || ''), el('td', {}, e.actor || '')));
  // Whether each person who worked on the incident had acknowledged the SOP version it ran on.
  if (report.acknowledgements && report.acknowledgements.length) {
    box.appendChild(section('SOP acknowledgements', table(['Who', 'SOP version', 'Acknowledged', 'When'],
      report.acknowledgements.map((a) => el('tr', {}, el('td', {}, a.userId), el('td', {}, String(a.version)),
        el('td', {}, badge(a.status, a.status === 'acknowledged' ? 'success' : a.status === 'pending' ? 'warning' : 'default')),
        el('td', {}, a.acknowledgedAt ? time(a.acknowledgedAt) : ''))), { 'data-test': 'acknowledgements' })));
  }
  box.appendChild(section(`Timeline (${report.timeline.length} entries)`,
    table(['Time', 'Ended', 'Kind', 'What', 'Detail', 'Who'], timelineRows, { 'data-test': 'timeline' })));
}

function renderPage(node) {
  const root = el('div', { className: 'incident-audit', style: 'padding:15px 20px;height:100%;overflow:auto;background:#fff' });
  node.appendChild(root);
  const params = hashParams();
  const incident = params.get('incident');
  (incident ? renderIncident(root, incident) : renderList(root, params)).catch((error) => root.appendChild(errorBox(error)));
}

// ---------------------------------------------------------------------------------------------
// Tabs on the process definition and process instance views

function renderDefinitionTab(node) {
  const box = el('div', { style: 'padding:10px' },
    el('p', {}, 'Incident history, the SOP-compliance checklist of each incident, and response-time metrics: ',
      el('a', { href: auditHref({}) }, 'open Incident audit')));
  node.appendChild(box);
  getJson(`${API}?size=5`).then((result) => {
    if (!result.items.length) return;
    box.appendChild(el('p', {}, 'Latest incidents:'));
    box.appendChild(el('ul', {}, result.items.map((i) => el('li', {},
      el('a', { href: auditHref({ incident: i.number }) }, i.number), ` ${i.title || ''} — ${i.severity || '—'}, ${i.status}`,
      i.drill ? ' (drill)' : ''))));
  }).catch((error) => box.appendChild(errorBox(error)));
}

function renderInstanceTab(node, { api, processInstanceId }) {
  const box = el('div', { style: 'padding:10px' }, 'Loading…');
  node.appendChild(box);
  fetch(`${api.engineApi}/process-instance/${encodeURIComponent(processInstanceId)}`, {
    credentials: 'same-origin', headers: { Accept: 'application/json' },
  }).then((r) => r.json()).then((instance) => {
    clear(box);
    if (!instance.businessKey) {
      box.appendChild(el('p', {}, 'This process instance has no incident number.'));
      return;
    }
    box.appendChild(el('p', {}, `Incident ${instance.businessKey}: `,
      el('a', { href: auditHref({ incident: instance.businessKey }) }, 'timeline and SOP checklist in Incident audit')));
    return getJson(`${API}/${encodeURIComponent(instance.businessKey)}/report`).then((report) => {
      box.appendChild(el('ul', {}, report.checklist.map((c) => el('li', {}, `${c.label}: `, statusBadge(c)))));
      if (report.breaches.length) {
        box.appendChild(el('p', { style: 'color:#a94442' }, `Breaches: ${report.breaches.map((b) => b.kind).join(', ')}`));
      }
    });
  }).catch((error) => box.appendChild(errorBox(error)));
}

export default [
  {
    id: 'incident-audit-navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 15,
    properties: {
      label: 'Incident audit',
      pagePath: `#${ROUTE}`,
      checkActive: (path) => (path || '').indexOf(`#${ROUTE}`) > -1,
    },
    // A navigation plugin with render() draws its own link (Cockpit only templates plugins without one).
    render: (node) => node.appendChild(el('a', { href: `#${ROUTE}` }, 'Incident audit')),
  },
  {
    id: 'incident-audit-page',
    pluginPoint: 'cockpit.route',
    priority: 0,
    properties: { path: ROUTE, label: 'Incident audit' },
    render: (node) => renderPage(node),
  },
  {
    id: 'incident-audit-definition-tab',
    pluginPoint: 'cockpit.processDefinition.runtime.tab',
    priority: 0,
    properties: { label: 'Incident audit' },
    render: (node, context) => renderDefinitionTab(node, context),
  },
  {
    id: 'incident-audit-instance-tab',
    pluginPoint: 'cockpit.processInstance.runtime.tab',
    priority: 0,
    properties: { label: 'Incident audit' },
    render: (node, context) => renderInstanceTab(node, context),
  },
];
