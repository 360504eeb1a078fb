// Browser test of the public status page in Debian's headless Chromium, with JavaScript switched off
// (the page must work without it). Usage: node status.mjs <baseUrl> <incidentId> <incidentTitle> <email> [screenshotDir]
// Checks the page on a desktop and a phone viewport, one incident's page, accessibility basics
// (lang, one h1, no skipped heading level, every field labelled) and subscribes <email> to Billing
// through the form. Exit code 0 on success; screenshots go to screenshotDir.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const [baseUrl, incidentId, incidentTitle, email, outDir = 'target/browser'] = process.argv.slice(2);
if (!baseUrl || !incidentId || !incidentTitle || !email) {
  console.error('usage: node status.mjs <baseUrl> <incidentId> <incidentTitle> <email> [screenshotDir]');
  process.exit(2);
}
const screenshots = resolve(outDir);
mkdirSync(screenshots, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'],
});

function step(text) {
  console.log(`[status.mjs] ${text}`);
}

function check(condition, message) {
  if (!condition) throw new Error(`FAILED: ${message}`);
  console.log(`[status.mjs] ok: ${message}`);
}

/** lang, one h1, headings without skipped levels, every visible field with a label. */
async function accessibilityBasics(page, what) {
  check((await page.locator('html').getAttribute('lang')) === 'en', `${what}: <html lang="en">`);
  check((await page.locator('h1').count()) === 1, `${what}: exactly one h1`);
  const levels = await page.locator('h1, h2, h3, h4, h5, h6').evaluateAll((hs) => hs.map((h) => Number(h.tagName[1])));
  const skipped = levels.some((level, i) => i > 0 && level > levels[i - 1] + 1);
  check(!skipped, `${what}: no heading level skipped (${levels.join(' ')})`);
  const unlabelled = await page.locator('input:not([type=hidden]), select, textarea').evaluateAll((fields) =>
    fields.filter((f) => !f.closest('label') && !(f.id && document.querySelector(`label[for="${f.id}"]`))).length);
  check(unlabelled === 0, `${what}: every field has a label`);
}

let failed = false;
try {
  step('desktop, JavaScript off: the page while the incident is open');
  const desktop = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const page = await desktop.newPage();
  const response = await page.goto(`${baseUrl}/status`);
  check(response.status() === 200, '/status answers 200 without login');
  await accessibilityBasics(page, '/status');
  check(await page.getByRole('heading', { name: 'Active incidents' }).isVisible(), 'the active incidents are listed');
  check(await page.getByRole('link', { name: incidentTitle }).isVisible(), 'the incident is shown by its public title');
  check(await page.getByRole('heading', { name: 'Scheduled maintenance' }).isVisible(), 'the upcoming maintenance is listed');
  check((await page.locator('.components .component').count()) === 4, 'the four configured components are shown');
  check((await page.locator('.history').first().locator('li').count()) === 90, 'each component has a 90-day history bar');
  await page.screenshot({ path: `${screenshots}/status-page.png`, fullPage: true });

  step('the incident page');
  await page.getByRole('link', { name: incidentTitle }).click();
  await page.waitForURL(`**/status/incidents/${incidentId}`);
  await accessibilityBasics(page, 'incident page');
  check((await page.locator('h1').textContent()).trim() === incidentTitle, 'the incident page is headed by the public title');
  check((await page.locator('.updates li').count()) >= 1, 'the incident page lists its updates');

  step('subscribe through the form, no JavaScript');
  await page.goto(`${baseUrl}/status`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Billing').check();
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await page.waitForLoadState();
  check(await page.getByRole('heading', { name: 'Check your inbox' }).isVisible(), 'the subscription asks to confirm by mail');
  await desktop.close();

  step('a phone');
  const phone = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const small = await phone.newPage();
  await small.goto(`${baseUrl}/status`);
  const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `no sideways scrolling on a phone (overflow ${overflow}px)`);
  const button = await small.getByRole('button', { name: 'Subscribe' }).boundingBox();
  check(button && button.height >= 24 && button.x + button.width <= 390, 'the subscribe button fits and is large enough to tap');
  await small.screenshot({ path: `${screenshots}/status-page-phone.png`, fullPage: false });
  await phone.close();
} catch (error) {
  failed = true;
  console.error(error.stack || String(error));
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
