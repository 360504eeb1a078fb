// Browser test of single sign-on in Debian's headless Chromium, run by SsoBrowserTest.
// Usage: node sso.mjs <baseUrl> <incidentTitle> <userId>
// Opens Tasklist, which sends the browser to the identity provider (mock-oauth2-server on 127.0.0.1)
// and back; claims the incident's triage as the responder the provider logged in; logs out with
// Tasklist's own Log out, which must end at the app's "logged out" page after the provider's
// end-session endpoint. Exit code 0 on success.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [baseUrl, title, userId] = process.argv.slice(2);
if (!baseUrl || !title || !userId) {
  console.error('usage: node sso.mjs <baseUrl> <incidentTitle> <userId>');
  process.exit(2);
}
const profile = mkdtempSync(join(tmpdir(), 'incident-sso-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1400, height: 1000 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'],
});
const page = context.pages()[0] || await context.newPage();
const problems = [];
const visited = [];
page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
page.on('response', (response) => {
  if (response.status() >= 400) problems.push(`${response.status()} from ${response.url()}`);
});
const requested = [];
page.on('request', (request) => { if (request.isNavigationRequest()) requested.push(request.url()); });
page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) visited.push(frame.url()); });

function step(text) {
  console.log(`[sso.mjs] ${text}`);
}

function check(condition, text) {
  if (!condition) throw new Error(`expected: ${text}`);
}

let failed = false;
try {
  step(`open Tasklist at ${baseUrl}: the app sends the browser to the identity provider`);
  await page.goto(`${baseUrl}/camunda/app/tasklist/default/`, { waitUntil: 'domcontentloaded' });
  // Once in CI (2026-12-07) Tasklist stayed without its account menu after the provider's redirect,
  // cause not found: say so in the output, with what the page showed, and reload once.
  const menu = await page.locator('li.account').first().waitFor({ timeout: 45000 }).then(() => true, () => false);
  if (!menu) {
    step(`no account menu after 45 s at ${page.url()}; the page said: ${(await page.locator('body').innerText()).slice(0, 300)}; reloading once`);
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.locator('li.account').first().waitFor({ timeout: 45000 });
  }
  const issuer = new URL(requested.find((url) => url.includes('/authorize')) || 'http://none/');
  check(issuer.pathname.endsWith('/authorize'), `a visit to the provider's authorize endpoint: ${requested.join(' → ')}`);
  check(issuer.searchParams.get('code_challenge_method') === 'S256', 'PKCE (S256) in the authorization request');
  check(page.url().startsWith(`${baseUrl}/camunda/app/tasklist/default/`), `back in Tasklist: ${page.url()}`);
  check(await page.getByPlaceholder('Username').count() === 0, 'no Camunda password form');

  step('find the incident in "My groups — unassigned" and claim it');
  let found = false;
  for (let attempt = 0; attempt < 20 && !found; attempt++) {
    await page.locator('.task-filter', { hasText: 'My groups — unassigned' }).first().locator('h4.name a').click();
    found = await page.locator('.tasks-list li.task', { hasText: title }).first()
      .waitFor({ timeout: 3000 }).then(() => true, () => false);
    if (!found) await page.reload();
  }
  check(found, `a card "${title}" in "My groups — unassigned"`);
  await page.locator('.tasks-list li.task', { hasText: title }).first().locator('.names a, a').first().click();
  await page.locator('.task-details h2, .task-details .names').first().waitFor();
  const claimButton = page.locator('.task-details').getByRole('button', { name: 'Claim' });
  await claimButton.click();
  await claimButton.waitFor({ state: 'detached' });
  console.log(`@@claimed ${userId}`);

  step("log out with Tasklist's user menu");
  await page.locator('li.account > a.dropdown-toggle').first().click();
  await page.locator('li.logout a').first().click();
  await page.getByText('You are logged out of Incident Response').waitFor({ timeout: 60000 });
  check(new URL(page.url()).pathname === '/sso/logged-out', `the logged-out page: ${page.url()}`);
  check(requested.some((url) => url.includes('/endsession')), `a visit to the provider's end-session endpoint: ${requested.join(' → ')}`);

  check(problems.length === 0, `no page errors or failed requests: ${problems.join('; ')}`);

  step('the session is gone: the webapps API refuses');
  const status = await page.evaluate(async (base) =>
    (await fetch(`${base}/camunda/api/admin/auth/user/default`, { headers: { Accept: 'application/json' } })).status,
  baseUrl);
  check(status === 401, `401 from the webapps' API after logging out, got ${status}`);
  console.log('@@done');
} catch (error) {
  failed = true;
  console.error(`[sso.mjs] FAILED: ${error.message}`);
  console.error(`[sso.mjs] pages: ${visited.join(' → ')}`);
  console.error(`[sso.mjs] problems: ${problems.join('; ')}`);
  if (process.env.SSO_SCREENSHOT) await page.screenshot({ path: process.env.SSO_SCREENSHOT, fullPage: true }).catch(() => {});
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
