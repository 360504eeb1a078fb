/*
 * What the app's Cockpit plugins (incident-audit.js, sop-versions.js) share: plain DOM building in
 * which every string child becomes a text node, so user text is never parsed as HTML.
 */

export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([name, value]) => {
    if (value === undefined || value === null || value === false) return;
    if (name === 'style') node.setAttribute('style', value);
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name in node && name !== 'list') node[name] = value;
    else node.setAttribute(name, value);
  });
  children.flat(Infinity).forEach((child) => {
    if (child === undefined || child === null || child === false) return;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  });
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

export function time(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return isNaN(date) ? String(iso) : date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

export function section(title, ...content) {
  return el('section', { style: 'margin:18px 0' }, el('h3', { style: 'margin:0 0 8px' }, title), ...content);
}

export function table(headers, rows, attrs) {
  return el('table', Object.assign({ className: 'table table-bordered table-condensed cam-table' }, attrs || {}),
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', {}, h)))),
    el('tbody', {}, rows));
}
