// Browser test of the Cockpit "Incident audit" plugin in Debian's headless Chromium.
// Usage: node audit.mjs <baseUrl> <incidentNumber> [screenshotDir] [processDefinitionId processInstanceIdOfAnOpenIncident]
// Logs in to Cockpit as auditor, opens Incident audit, finds the closed incident, and checks that its
// timeline and SOP checklist are on the page. With ADMIN_USER and ADMIN_PASSWORD in the environment it
// then logs in to Admin as the administrator and opens Welcome. In every app Camunda's migration banner
// must stay hidden. Exit code 0 on success; screenshots go to screenshotDir.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { logIn } from './webapp-login.mjs';

const [baseUrl, incident, outDir = 'target/browser', definitionId, openInstanceId] = process.argv.slice(2);
if (!baseUrl || !incident) {
  console.error('usage: node audit.mjs <baseUrl> <incidentNumber> [screenshotDir]');
  process.exit(2);
}
const screenshots = resolve(outDir);
mkdirSync(screenshots, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'incident-audit-chromium-'));

const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1400, height: 1000 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'],
});
const page = context.pages()[0] || await context.newPage();
const problems = [];
page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
page.on('dialog', (dialog) => { problems.push(`unexpected dialog: ${dialog.message()}`); dialog.dismiss(); });
page.on('response', (response) => {
  if (response.url().includes('/api/incidents') && response.status() >= 400) {
    problems.push(`${response.status()} from ${response.url()}`);
  }
});

function step(text) {
  console.log(`[audit.mjs] ${text}`);
}

/**
 * Camunda's red "time to migrate to Camunda 8" banner (div.ce-eol-banner, rendered in every
 * community-edition header) is hidden by the app's user-styles.css.
 */
async function expectNoMigrationBanner(app) {
  const banner = page.locator('[cam-widget-header] .ce-eol-banner');
  // Waiting until Camunda has rendered it keeps this check from passing on a header not drawn yet.
  await banner.first().waitFor({ state: 'attached', timeout: 30000 });
  if (await banner.first().isVisible()) throw new Error(`${app} shows Camunda's migration banner`);
  if (await page.getByText(/migrate to Camunda 8/i).first().isVisible()) {
    throw new Error(`${app} shows "migrate to Camunda 8"`);
  }
}

let failed = false;
try {
  step(`log in to Cockpit at ${baseUrl} as auditor`);
  await logIn(page, `${baseUrl}/camunda/app/cockpit/default/#/login`, 'auditor', 'auditor', problems);

  step('open Incident audit from the navigation');
  const nav = page.locator('a', { hasText: 'Incident audit' }).first();
  await nav.waitFor({ timeout: 60000 });
  await nav.click();
  await page.getByRole('heading', { name: 'Incident audit' }).waitFor({ timeout: 30000 });
  await expectNoMigrationBanner('Cockpit');

  step('filter closed incidents and find the incident');
  await page.locator('select[name="status"]').selectOption('closed');
  await page.getByRole('button', { name: 'Apply' }).click();
  const row = page.locator(`tr[data-incident="${incident}"]`);
  await row.waitFor({ timeout: 30000 });
  if (!(await row.textContent()).includes('closed')) throw new Error(`${incident} is not listed as closed`);
  await page.locator('table[data-test="metrics"]').waitFor({ timeout: 30000 });
  await page.screenshot({ path: join(screenshots, 'incident-audit-list.png'), fullPage: true });

  step(`open ${incident}`);
  await row.getByRole('link', { name: incident }).click();
  await page.locator('table[data-test="checklist"]').waitFor({ timeout: 30000 });
  const checklist = await page.locator('table[data-test="checklist"]').innerText();
  for (const expected of ['Identify and log', 'Classify severity and impact', 'Notify stakeholders',
    'Assign team members', 'Establish and communicate a response timeline', 'Interim solution if needed',
    'Full resolution', 'Post-incident analysis', 'done']) {
    if (!checklist.includes(expected)) throw new Error(`checklist lacks "${expected}"`);
  }
  const timeline = await page.locator('table[data-test="timeline"]').innerText();
  for (const expected of ['SOP version', 'Triage incident', 'Resolve incident', 'Notification initial sent',
    'responder', 'commander']) {
    if (!timeline.includes(expected)) throw new Error(`timeline lacks "${expected}"`);
  }
  const heading = await page.locator('h2').first().innerText();
  if (!heading.includes(incident)) throw new Error(`heading is "${heading}"`);
  // User text is shown as text: the test incident's title carries <b> markup, which must stay text.
  if (await page.locator('.incident-audit b').count() > 0) throw new Error('user text was rendered as HTML');
  if (!heading.includes('<b>down</b>')) throw new Error(`the title's markup is not shown as text: "${heading}"`);
  await page.screenshot({ path: join(screenshots, 'incident-audit-incident.png'), fullPage: true });
  // The page scrolls inside Cockpit's frame: the timeline gets a picture of its own.
  await page.locator('table[data-test="timeline"]').screenshot({ path: join(screenshots, 'incident-audit-timeline.png') });

  step('timeline and checklist visible');

  step('the reviewed incident offers its post-incident review as Markdown and as a page');
  const reviewLinks = page.locator('[data-test="review-links"]');
  await reviewLinks.waitFor({ timeout: 30000 });
  const markdownHref = await reviewLinks.getByRole('link', { name: 'Review as Markdown' }).getAttribute('href');
  // With the browser's Cockpit session, as the link opens it.
  const review = await page.request.get(new URL(markdownHref, page.url()).toString());
  if (review.status() !== 200) throw new Error(`Review as Markdown answered ${review.status()}`);
  const reviewText = await review.text();
  if (!reviewText.startsWith(`# Post-incident review: ${incident}`)) throw new Error(`the review starts "${reviewText.slice(0, 80)}"`);
  if (!reviewText.includes('## Action items')) throw new Error('the review has no action items');
  if (!/\| Status \| Evidence \|/.test(reviewText) || !/\| open \|/.test(reviewText)) {
    throw new Error('the review does not say where its follow-ups stand');
  }
  // The same follow-ups in Cockpit: one row per action item, each open, the hostile title shown as text.
  const followUpTable = page.locator('[data-test="follow-ups"]');
  const followUpStatuses = await followUpTable.locator('tr[data-status]').evaluateAll((rows) => rows.map((r) => r.dataset.status));
  if (followUpStatuses.join(',') !== 'open,open') throw new Error(`Cockpit's follow-ups: ${followUpStatuses.join(',')}`);
  if (!(await followUpTable.innerText()).includes('*x* <script>alert(1)</script>')) {
    throw new Error('the hostile action item is not shown as text in Cockpit');
  }
  const [download] = await Promise.all([page.waitForEvent('download'),
    reviewLinks.getByRole('button', { name: 'Download review (Markdown)' }).click()]);
  if (download.suggestedFilename() !== `${incident}-review.md`) throw new Error(`downloaded ${download.suggestedFilename()}`);
  const htmlHref = await reviewLinks.getByRole('link', { name: 'Open review' }).getAttribute('href');
  if (!htmlHref.endsWith('/review?format=html')) throw new Error(`Open review links to ${htmlHref}`);

  const cockpit = `${baseUrl}/camunda/app/cockpit/default/#`;
  const openTab = async (url, expected, shot) => {
    await page.goto(url);
    const tab = page.locator('.nav-tabs a, [role="tab"]', { hasText: 'Incident audit' }).first();
    await tab.waitFor({ timeout: 30000 });
    const link = page.getByRole('link', { name: expected });
    // Cockpit may still be settling its own tab selection right after the page loads: click until ours shows.
    for (let attempt = 1; ; attempt++) {
      await tab.click();
      try {
        await link.waitFor({ timeout: 5000 });
        break;
      } catch (notYet) {
        if (attempt >= 5) throw notYet;
      }
    }
    await page.screenshot({ path: join(screenshots, shot) });
    return link;
  };
  if (definitionId) {
    step('the tab on the process definition links to Incident audit');
    await openTab(`${cockpit}/process-definition/${definitionId}/runtime`, 'open Incident audit', 'tab-process-definition.png');
  }
  if (openInstanceId) {
    step('the tab on a running incident links to its audit page');
    const link = await openTab(`${cockpit}/process-instance/${openInstanceId}/runtime`,
      'timeline and SOP checklist in Incident audit', 'tab-process-instance.png');
    await link.click();
    await page.locator('table[data-test="checklist"]').waitFor({ timeout: 30000 });
    const pending = await page.locator('table[data-test="checklist"]').innerText();
    if (!pending.includes('pending')) throw new Error('the open incident shows no pending checklist item');
  }

  const { ADMIN_USER: adminUser, ADMIN_PASSWORD: adminPassword } = process.env;
  if (adminUser && adminPassword) {
    step(`log in to Admin as ${adminUser}: no migration banner in Admin and Welcome`);
    await context.clearCookies();
    await logIn(page, `${baseUrl}/camunda/app/admin/default/#/login`, adminUser, adminPassword, problems);
    await page.locator('a[href*="#/users"]').first().waitFor({ timeout: 60000 });
    await expectNoMigrationBanner('Admin');
    await page.screenshot({ path: join(screenshots, 'admin.png') });
    await page.goto(`${baseUrl}/camunda/app/welcome/default/`, { waitUntil: 'domcontentloaded' });
    await page.locator('.webapps').getByText('Admin').first().waitFor({ timeout: 60000 });
    await expectNoMigrationBanner('Welcome');
    await page.screenshot({ path: join(screenshots, 'welcome-admin.png') });
  }

  if (problems.length) throw new Error(problems.join('; '));
} catch (error) {
  failed = true;
  console.error(`[audit.mjs] FAILED: ${error.message}`);
  if (problems.length) console.error(`[audit.mjs] also: ${problems.join('; ')}`);
  try {
    await page.screenshot({ path: join(screenshots, 'incident-audit-failure.png'), fullPage: true });
  } catch (ignored) { /* the browser may be gone */ }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
