// Incident Response: Tasklist lists the highest priority (= severity) first, then the oldest.
// Tasklist takes its sort order from the URL's "sorting" parameter and, without one, sorts by
// creation date, newest first. This script (customScripts in config.js) adds our default whenever
// a Tasklist URL has no sorting of its own; a sort order the user picks in the list is kept.
const PRIORITY_FIRST = JSON.stringify([
  { sortBy: 'priority', sortOrder: 'desc' },
  { sortBy: 'created', sortOrder: 'asc' }
]);

function withDefaultSorting() {
  const hash = (window.location.hash || '#/').replace(/^#/, '') || '/';
  const [path, query = ''] = hash.split('?');
  if (path.startsWith('/login') || /(^|&)sorting=/.test(query)) return;
  const search = new URLSearchParams(query);
  search.set('sorting', PRIORITY_FIRST);
  window.location.replace(`#${path}?${search.toString()}`);
}

withDefaultSorting();
window.addEventListener('hashchange', withDefaultSorting);

// customScripts are plugin modules; this one only sets the default above.
export default [];
