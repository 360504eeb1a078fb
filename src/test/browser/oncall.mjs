#!/usr/bin/env node
// "Cover an on-call shift" in Camunda Tasklist, in Debian's headless Chromium, as the person who uses it:
// bob takes over carol's primary shift in the start form, and then sees the shift among his own in his
// calendar export at once (nobody approves it). That carol is told by mail is checked by the harness.
//
//   node oncall.mjs BASE_URL FROM_DATE UNTIL_DATE     dates as form-js types them (M/D/YYYY), times 10:00-14:00
//
// Prints the calendar export as "@@ics <json>" for the harness (ShiftCoverBrowserTest). Exit code 0 = every step passed.
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BASE = (process.argv[2] || 'http://localhost:8080').replace(/\/$/, '');
const FROM_DATE = process.argv[3];
const UNTIL_DATE = process.argv[4];
const TASKLIST = `${BASE}/camunda/app/tasklist/default/`;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function step(text) {
  console.log(`-- ${text}`);
}

function check(condition, message) {
  if (!condition) throw new Error(`expected: ${message}`);
}

const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'oncall-chromium-')), {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  viewport: { width: 1280, height: 800 },
  timeZoneId: 'UTC',
  locale: 'en-US',
  timeout: 60000
});
context.setDefaultTimeout(15000);
context.setDefaultNavigationTimeout(30000);
const page = context.pages()[0] || await context.newPage();
page.on('pageerror', e => console.log(`page error: ${e.message}`));

async function login(user) {
  const username = page.getByPlaceholder('Username');
  // On a busy machine Tasklist's plugins may time out loading (requirejs): load it again, as a person would.
  for (let attempt = 1; ; attempt++) {
    await page.goto(TASKLIST);
    if (await username.or(page.locator('li.account')).first().waitFor({ timeout: 30000 }).then(() => true, () => false)) break;
    if (attempt === 3) throw new Error('expected: Tasklist shows its login or the user menu');
  }
  if (!(await username.isVisible())) {
    await page.locator('li.account > a.dropdown-toggle').first().click();
    await page.locator('li.logout a').first().click();
    await username.waitFor();
  }
  // Tasklist may still be redrawing its login form while it is typed into (once the password landed
  // in the user name): type again until both fields hold what was typed, as a person would.
  const password = page.getByPlaceholder('Password');
  for (let attempt = 1; ; attempt++) {
    await username.fill(user);
    await password.fill(user);
    if (await username.inputValue() === user && await password.inputValue() === user) break;
    if (attempt === 3) throw new Error(`expected: the login form keeps what was typed, found '${await username.inputValue()}'`);
  }
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator('.task-filter').first().waitFor({ timeout: 30000 });
}

/** A form-js field by (one of) its labels. */
function field(label) {
  return page.locator('.fjs-form-field').filter({ has: page.locator('label', { hasText: label }) }).first();
}

/** A form-js date and time, typed as a person types them; the two time fields share one label. */
async function fillDateTime(dateLabel, index, date, time) {
  const modal = page.locator('.modal');
  const dateInput = modal.getByLabel(new RegExp('^' + dateLabel.replace(/[()]/g, '\\$&')));
  await dateInput.fill(date);
  await dateInput.press('Tab');
  const timeInput = modal.getByLabel(/^Time \(the team's time zone\)/).nth(index);
  await timeInput.fill(time);
  await timeInput.press('Tab');
}

try {
  step('bob takes over carol\'s primary shift from the start form');
  await login('bob');
  await page.getByText('Start process').first().click();
  await page.locator('.modal').getByText('Cover an on-call shift').first().click();
  await page.locator('.modal .fjs-form').waitFor();
  const intro = (await page.locator('.modal .fjs-form').innerText()).replace(/\s+/g, ' ');
  check(/Take over part of a team mate's shift/.test(intro), `the form explains itself: ${intro}`);
  await field('Team').locator('input').fill('payments');
  check(await page.locator('.modal').getByLabel('Primary').isChecked(), 'primary is chosen by default');
  await fillDateTime('From (date)', 0, FROM_DATE, '10:00');
  await fillDateTime('Until (date)', 1, UNTIL_DATE, '14:00');
  await field('Note for the person you cover').locator('textarea').fill('Enjoy the <b>wedding</b>');
  await page.locator('.modal').getByRole('button', { name: 'Start' }).click();
  await page.locator('.modal').waitFor({ state: 'detached' });

  step('bob sees the covered shift among his own');
  const calendar = await context.request.get(`${BASE}/api/oncall/users/bob.ics`, {
    headers: { Authorization: 'Basic ' + Buffer.from('bob:bob').toString('base64') }
  });
  check(calendar.ok(), `his calendar export answers: ${calendar.status()}`);
  const ics = await calendar.text();
  console.log(`@@ics ${JSON.stringify(ics)}`);
  check(/SUMMARY:On call: payments \(primary\)/.test(ics), `an event for his primary cover: ${ics}`);
  console.log('-- all steps passed');
} catch (e) {
  console.log(`FAILED: ${e.stack || e}`);
  await page.screenshot({ path: join(tmpdir(), 'oncall-browser-failure.png') }).catch(() => {});
  process.exitCode = 1;
} finally {
  await context.close();
}
