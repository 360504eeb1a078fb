// Logs in to a Camunda webapp (Cockpit, Admin, Tasklist) through its own login form.
// On a busy machine the webapp's first load can exceed RequireJS's module load timeout, which
// leaves a blank page ("Load timeout for modules"); a user would reload, and so does this.
const LOAD_TIMEOUT = /Load timeout for modules/;

/**
 * @param page a playwright page
 * @param loginUrl e.g. `${baseUrl}/camunda/app/cockpit/default/#/login`
 * @param problems the script's list of page errors: a load timeout that a reload cured is removed
 */
export async function logIn(page, loginUrl, user, password, problems = []) {
  const attempts = 3;
  for (let attempt = 1; ; attempt++) {
    if (attempt === 1) await page.goto(loginUrl, { waitUntil: 'domcontentloaded' });
    else await page.reload({ waitUntil: 'domcontentloaded' });
    try {
      await page.locator('input[ng-model="username"]').fill(user, { timeout: 40000 });
      break;
    } catch (error) {
      const timedOut = problems.some((p) => LOAD_TIMEOUT.test(p));
      if (!timedOut || attempt === attempts) throw error;
      console.log(`[webapp-login] ${loginUrl}: the webapp's modules timed out loading; reloading`);
      for (let i = problems.length - 1; i >= 0; i--) if (LOAD_TIMEOUT.test(problems[i])) problems.splice(i, 1);
    }
  }
  await page.locator('input[ng-model="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
}
