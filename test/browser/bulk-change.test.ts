import type { Page } from 'playwright-core';
import { DEMO_USERS } from '../../harness/simulator';
import { MODULE_KEYS } from '../../src/shared/contract';
import { launchBrowser, openHostPage, saveScreenshot, startHostApp, type HostTestApp, type TestBrowser } from '../support/browser';

// The Bulk changes tab in Debian's Chromium: a dry run, then the change itself as a real background job (the local
// platform's queue delivers it to the consumer function), its results, and its undo; the simulator's store is
// checked after each step.
let app: HostTestApp;
let browser: TestBrowser;
beforeAll(async () => {
  // Each delivery held back a little, so the progress is on screen long enough to see.
  app = await startHostApp({ server: { runtime: { queue: { faults: { slowMs: 400 } } } } });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const KEY = 'bulk.browser';
const IDS = [DEMO_USERS.bob.accountId, DEMO_USERS.alice.accountId, DEMO_USERS.dmitri.accountId];
const JOB_MS = 60_000;

/** Waits until `read` answers `expected`, or fails saying what it last saw. */
async function waitUntil<T>(read: () => T, expected: T, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (JSON.stringify(read()) !== JSON.stringify(expected)) {
    if (Date.now() > deadline) throw new Error(`${what}: expected ${JSON.stringify(expected)}, saw ${JSON.stringify(read())}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const stored = () => IDS.map((id) => app.simulator.store.getPropertyJson(id, KEY));

async function choose(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('set a key on three listed users: dry run, start, results; then undo it', async () => {
  expect(stored()).toEqual([undefined, undefined, undefined]);
  const view = await openHostPage(browser, app, { as: 'admin', module: MODULE_KEYS.adminPage });
  const { page } = view;
  await page.getByRole('tab', { name: 'Bulk changes' }).click();
  await page.getByText('Fill in the users and the change, then run a dry run').waitFor();

  await choose(page, 'Target', 'Listed users');
  await page.getByLabel('Account ids').fill(IDS.join('\n'));
  await page.getByText('3 users read').waitFor();
  await choose(page, 'Operation', 'Set the value');
  await page.getByLabel('Key', { exact: true }).fill(KEY);
  await page.getByLabel('Value (JSON)').fill('{"done":false}');
  await page.getByText('Valid JSON, 14 of 32,768 bytes').waitFor();
  expect(await page.getByRole('button', { name: 'Start', exact: true }).isDisabled()).toBe(true);

  // The dry run: counts and examples, nothing written.
  await page.getByRole('button', { name: 'Dry run', exact: true }).click();
  await page.getByText('Would change 3 users of 3 users: 3 to create.').waitFor({ timeout: JOB_MS });
  const examples = page.getByRole('table', { name: /^Examples:/ });
  await examples.waitFor();
  await expect(examples.locator('tbody tr').first().textContent()).resolves.toMatch(/Create.*\(none\).*→.*\{"done":false\}.*new key/);
  expect(stored()).toEqual([undefined, undefined, undefined]);
  await saveScreenshot(page, 'bulk-1-dry-run');

  // Start, confirmed.
  const start = page.getByRole('button', { name: 'Start', exact: true });
  expect(await start.isEnabled()).toBe(true);
  await start.click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('Change 3 users?').waitFor();
  await dialog.getByText('The dry run found 3 to create.').waitFor();
  await saveScreenshot(page, 'bulk-2-confirm');
  await dialog.getByRole('button', { name: 'Change 3 users', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('progressbar', { name: /^Bulk change progress/ }).waitFor();
  await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
  await saveScreenshot(page, 'bulk-3-running');

  // Done: the counts, a row per user, and the values in Jira.
  await page.getByText('Changed 3 users of 3 users: 3 created.').waitFor({ timeout: JOB_MS });
  const results = page.getByRole('table', { name: /^Results: 3 users$/ });
  await results.waitFor();
  await expect(results.locator('tbody tr').count()).resolves.toBe(3);
  for (const id of IDS) await results.locator('tbody tr', { hasText: id }).waitFor();
  await waitUntil(stored, ['{"done":false}', '{"done":false}', '{"done":false}'], 'stored after the run');
  // The form is kept for the next change.
  await expect(page.getByLabel('Key', { exact: true }).inputValue()).resolves.toBe(KEY);
  await saveScreenshot(page, 'bulk-4-done');

  // Undo, confirmed, followed like the run.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await dialog.getByText('Undo the change on 3 users?').waitFor();
  await dialog.getByRole('button', { name: 'Undo', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByText('Changed 3 users of 3 users: 3 deleted.').waitFor({ timeout: JOB_MS });
  await waitUntil(stored, [undefined, undefined, undefined], 'stored after the undo');
  expect(await page.getByRole('button', { name: 'Undo', exact: true }).count()).toBe(0);
  await saveScreenshot(page, 'bulk-5-undone');

  expect(app.simulator.contractViolations).toEqual([]);
  expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
}, 180_000);
