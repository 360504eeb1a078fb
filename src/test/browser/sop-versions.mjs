// Browser test of the Cockpit "SOP versions" plugin in Debian's headless Chromium.
// Usage: node sop-versions.mjs <baseUrl> <fromVersion> <toVersion> <incidentNumber,incidentNumber> [screenshotDir]
// Logs in to Cockpit as the process owner "owner", opens SOP versions, checks the versions and their
// running incidents, compares the two versions (the relabelled "Log incident"), runs a dry run, keeps
// only the given incidents chosen, migrates them and checks the report and the new running counts.
// Exit code 0 on success; screenshots go to screenshotDir.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { logIn } from './webapp-login.mjs';

const [baseUrl, from, to, numbers, outDir = 'target/browser'] = process.argv.slice(2);
if (!baseUrl || !from || !to || !numbers) {
  console.error('usage: node sop-versions.mjs <baseUrl> <fromVersion> <toVersion> <incident,incident> [screenshotDir]');
  process.exit(2);
}
const incidents = numbers.split(',');
const screenshots = resolve(outDir);
mkdirSync(screenshots, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'sop-versions-chromium-'));

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
  if (response.url().includes('/api/sop') && response.status() >= 400) {
    problems.push(`${response.status()} from ${response.url()}`);
  }
});

function step(text) {
  console.log(`[sop-versions.mjs] ${text}`);
}

async function expectText(locator, expected, what) {
  const text = await locator.innerText();
  for (const e of expected) {
    if (!text.includes(e)) throw new Error(`${what} lacks "${e}": ${text}`);
  }
  return text;
}

let failed = false;
try {
  step(`log in to Cockpit at ${baseUrl} as owner`);
  await logIn(page, `${baseUrl}/camunda/app/cockpit/default/#/login`, 'owner', 'owner', problems);

  step('open SOP versions from the navigation');
  const nav = page.locator('a', { hasText: 'SOP versions' }).first();
  await nav.waitFor({ timeout: 60000 });
  await nav.click();
  await page.getByRole('heading', { name: 'SOP versions' }).first().waitFor({ timeout: 30000 });

  step('the versions with their running incidents');
  const versions = page.locator('table[data-test="versions"]');
  await versions.waitFor({ timeout: 30000 });
  const running = async (version) => Number(await versions.locator(`tr[data-version="${version}"] td[data-test="running"]`).innerText());
  if (await running(from) < incidents.length) throw new Error(`version ${from} shows fewer than ${incidents.length} running`);
  if (await running(to) !== 0) throw new Error(`version ${to} shows incidents before the migration`);
  await expectText(versions.locator(`tr[data-version="${to}"]`), ['latest'], `version ${to}`);

  step(`the changes from version ${from} to version ${to}`);
  const compare = page.locator('form[aria-label="Compare versions"]');
  await compare.locator('select[name="from"]').selectOption(from);
  await compare.locator('select[name="to"]').selectOption(to);
  await compare.getByRole('button', { name: 'Show changes' }).click();
  const diff = page.locator('table[data-test="diff"]');
  await diff.waitFor({ timeout: 30000 });
  await expectText(diff, ['Task_LogIncident', 'Log the incident', 'changed', 'name: "Log incident" → "Log the incident"'], 'the diff');
  await page.screenshot({ path: join(screenshots, 'sop-versions-diff.png'), fullPage: true });

  step('a dry run: every incident can move, nothing moves');
  const migration = page.locator('form[aria-label="Migrate incidents"]');
  await migration.locator('select[name="from"]').selectOption(from);
  await migration.locator('select[name="to"]').selectOption(to);
  await migration.getByRole('button', { name: 'Dry run' }).click();
  const dryRun = page.locator('table[data-test="dry-run"]');
  await dryRun.waitFor({ timeout: 60000 });
  for (const incident of incidents) {
    await expectText(dryRun.locator(`tr[data-incident="${incident}"]`), ['can move'], `dry run of ${incident}`);
  }
  await expectText(page.locator('[data-test="dry-run-summary"]'), ['Nothing was changed'], 'the dry run summary');
  if (await running(from) < incidents.length) throw new Error('the dry run moved incidents');
  // The test shares its server with other tests: migrate only this test's incidents.
  for (const box of await dryRun.locator('input[name="incident"]').all()) {
    const row = await box.locator('xpath=ancestor::tr').getAttribute('data-incident');
    if (!incidents.includes(row)) await box.uncheck();
  }
  await page.screenshot({ path: join(screenshots, 'sop-versions-dry-run.png'), fullPage: true });

  step('migrate the chosen incidents');
  await page.getByRole('button', { name: `Migrate the chosen incidents to version ${to}` }).click();
  const summary = page.locator('[data-test="migration-summary"]');
  await summary.waitFor({ timeout: 60000 });
  await expectText(summary, [`Migrated ${incidents.length} of ${incidents.length} incidents from version ${from} to version ${to}`],
    'the migration summary');
  const done = page.locator('table[data-test="migration"]');
  for (const incident of incidents) {
    await expectText(done.locator(`tr[data-incident="${incident}"]`), ['migrated'], `migration of ${incident}`);
  }
  step('the versions show the moved incidents; the migration is listed');
  await page.waitForFunction(([version, count]) => {
    const cell = document.querySelector(`table[data-test="versions"] tr[data-version="${version}"] td[data-test="running"]`);
    return cell && Number(cell.textContent) >= count;
  }, [to, incidents.length], { timeout: 30000 });
  await expectText(page.locator('table[data-test="migrations"]'), ['owner', `${from} → ${to}`, 'migration', 'dry run'],
    'the recent migrations');
  await page.screenshot({ path: join(screenshots, 'sop-versions-migrated.png'), fullPage: true });

  if (problems.length) throw new Error(problems.join('\n'));
  step('done');
} catch (error) {
  failed = true;
  console.error(`[sop-versions.mjs] FAILED: ${error.stack || error}`);
  if (problems.length) console.error(problems.join('\n'));
  try {
    await page.screenshot({ path: join(screenshots, 'sop-versions-failure.png'), fullPage: true });
  } catch (ignored) { /* the page may be gone */ }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
