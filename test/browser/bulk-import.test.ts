import fs from 'node:fs';
import type { FrameLocator, Page } from 'playwright-core';
import { DEMO_USERS } from '../../harness/simulator';
import { MODULE_KEYS } from '../../src/shared/contract';
import { launchBrowser, openHostPage, saveScreenshot, startHostApp, type HostTestApp, type TestBrowser } from '../support/browser';

// Export and import in Debian's Chromium, through the file-transfer frame: one key's values of every user a search
// found download as a file; after someone changes them, importing that very file (picked in the frame) is dry-run,
// started, and puts every value back exactly as it was; its undo takes the import back. Checked in the simulator's store.
let app: HostTestApp;
let browser: TestBrowser;
beforeAll(async () => {
  app = await startHostApp();
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const KEY = 'roundtrip';
const USERS = [DEMO_USERS.bob.accountId, DEMO_USERS.alice.accountId, DEMO_USERS.dmitri.accountId];
// Texts another client stored: 20-digit ids, an escape and a CRLF layout, kept as they are by the export and the import.
const ORIGINAL = ['{"id":12345678901234567890,"name":"Zo\\u00eb"}', '{\r\n  "id": 98765432109876543210\r\n}', '[1.50, -0, 1e400]'];
const JOB_MS = 60_000;

const fileFrame = (page: Page): FrameLocator => page.frameLocator('iframe[data-forge-resource="file-transfer"]');
const stored = () => USERS.map((id) => app.simulator.store.getPropertyJson(id, KEY));

async function choose(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Writes (or with no body deletes) the value as curl with an API token would: Jira keeps the body's characters. */
async function curl(accountId: string, body?: string) {
  const response = await fetch(`${app.simulator.baseUrl}/rest/api/3/user/properties/${KEY}?accountId=${accountId}`, {
    method: body === undefined ? 'DELETE' : 'PUT',
    headers: { authorization: `Basic ${Buffer.from(`${DEMO_USERS.admin.email}:token`).toString('base64')}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body }),
  });
  expect(response.status).toBeLessThan(300);
}

test('a key exported from a search downloads as a file, and importing that file restores every value exactly; undo takes it back', async () => {
  for (const [i, accountId] of USERS.entries()) await curl(accountId, ORIGINAL[i]!);
  const view = await openHostPage(browser, app, { as: 'admin', module: MODULE_KEYS.adminPage });
  const { page } = view;

  // Export: the users having the key, found by a scan; their values as one file.
  await page.getByRole('tab', { name: 'All users' }).click();
  await page.getByLabel('Key', { exact: true }).fill(KEY);
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await page.getByText('3 active users found').waitFor({ timeout: JOB_MS });
  await page.getByRole('button', { name: 'Export values', exact: true }).click();
  const download = fileFrame(page).getByRole('button', { name: /^Download property-values-roundtrip\.json/ });
  await download.waitFor({ timeout: JOB_MS });
  const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
  const exported = fs.readFileSync(await file.path(), 'utf8');
  for (const [i, accountId] of USERS.entries()) expect(exported).toContain(`${JSON.stringify(accountId)}: {\n    "roundtrip": ${ORIGINAL[i]}\n  }`);
  await saveScreenshot(page, 'import-1-exported');
  await page.getByRole('dialog').getByRole('button', { name: 'Close', exact: true }).click();

  // Someone changes two of them, and deletes the third.
  await curl(USERS[0]!, '{"id":1}');
  await curl(USERS[1]!, '"changed"');
  await curl(USERS[2]!);

  // Import the downloaded file, picked in the file frame.
  await page.getByRole('tab', { name: 'Bulk changes' }).click();
  await choose(page, 'What to do', 'Import values from a file');
  const input = fileFrame(page).getByLabel('File to import');
  await input.waitFor();
  await input.setInputFiles({ name: 'property-values-roundtrip.json', mimeType: 'application/json', buffer: Buffer.from(exported, 'utf8') });
  await page.getByText('File: property-values-roundtrip.json').waitFor();
  await page.getByText('3 values of 1 key for 3 users read').waitFor();
  await page.getByRole('button', { name: 'Dry run', exact: true }).click();
  await page.getByText('Would change 3 users of 3 users: 1 to create, 2 to change.').waitFor({ timeout: JOB_MS });
  expect(stored()).toEqual(['{"id":1}', '"changed"', undefined]);
  await saveScreenshot(page, 'import-2-dry-run');

  await page.getByRole('button', { name: 'Start', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('Import values of "roundtrip", on 3 users of the import.').waitFor();
  await dialog.getByRole('button', { name: 'Change 3 users', exact: true }).click();
  await page.getByText('Changed 3 users of 3 users: 1 created, 2 changed.').waitFor({ timeout: JOB_MS });
  const results = page.getByRole('table', { name: /^Results: 3 users$/ });
  await results.waitFor();
  expect(stored()).toEqual(ORIGINAL);
  await saveScreenshot(page, 'import-3-done');

  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await dialog.getByRole('button', { name: 'Undo', exact: true }).click();
  await page.getByText('Changed 3 users of 3 users: 2 changed, 1 deleted.').waitFor({ timeout: JOB_MS });
  expect(stored()).toEqual(['{"id":1}', '"changed"', undefined]);

  expect(app.simulator.contractViolations).toEqual([]);
  expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
}, 240_000);
