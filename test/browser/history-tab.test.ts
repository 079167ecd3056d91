import type { Page } from 'playwright-core';
import { DEMO_USERS } from '../../harness/simulator';
import { MODULE_KEYS, type Envelope } from '../../src/shared/contract';
import { launchBrowser, openHostPage, saveScreenshot, startHostApp, type HostTestApp, type TestBrowser } from '../support/browser';

// The History tab in Debian's Chromium: writes made through the app (its resolvers, as the admin) are listed, and a
// key filter leaves only that key's changes, in the table and in the export.
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

async function setProperty(key: string, json: string) {
  const answer = (await app.runtime.invoke({
    functionKey: 'setProperty',
    payload: { accountId: DEMO_USERS.bob.accountId, key, json },
    context: { accountId: DEMO_USERS.admin.accountId, moduleKey: MODULE_KEYS.adminPage },
  })) as Envelope<unknown>;
  if (!answer.success) throw new Error(`setProperty failed: ${answer.error.message}`);
}

const rowsWith = (page: Page, text: string) => page.getByRole('row').filter({ hasText: text });

test('writes through the app are in the History tab; filtering by a key shows only that key\'s changes', async () => {
  await setProperty('hist.browser.colour', '"blue"');
  await setProperty('hist.browser.size', '{"rows":20}');
  await setProperty('hist.browser.colour', '"green"');

  const view = await openHostPage(browser, app, { as: 'admin', module: MODULE_KEYS.adminPage });
  const { page } = view;
  await page.getByRole('tab', { name: 'History' }).click();
  await page.getByRole('table').waitFor();
  await expect(rowsWith(page, 'hist.browser.colour').count()).resolves.toBe(2);
  await expect(rowsWith(page, 'hist.browser.size').count()).resolves.toBe(1);
  await page.getByText('Retention', { exact: true }).waitFor();
  await saveScreenshot(page, 'history-1-all');

  await page.getByLabel('Key', { exact: true }).fill('hist.browser.colour');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByText('Filtered by key "hist.browser.colour".').waitFor();
  await page.getByText('2 changes, newest first.').waitFor();
  await expect(rowsWith(page, 'hist.browser.size').count()).resolves.toBe(0);
  const colour = rowsWith(page, 'hist.browser.colour');
  await expect(colour.count()).resolves.toBe(2);
  // Newest first, who and on whom by name, the change as a lozenge and its values.
  await expect(colour.nth(0).textContent()).resolves.toMatch(/Alex Admin.*Bob Martin.*hist\.browser\.colour.*Updated.*"blue".*→.*"green"/);
  await expect(colour.nth(1).textContent()).resolves.toMatch(/Created.*\(none\).*→.*"blue"/);
  await saveScreenshot(page, 'history-2-filtered');

  // The export holds the same entries, for copying.
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const text = page.getByLabel('CSV export (read-only)');
  await text.waitFor();
  // A textarea's value has its line breaks as LF (HTML normalises CRLF), so that is what a copy takes.
  const csv = await text.inputValue();
  const records = csv.split('\n').filter((line) => line !== '');
  expect(records).toHaveLength(3);
  expect(records.slice(1).every((line) => line.includes(',hist.browser.colour,'))).toBe(true);
  await saveScreenshot(page, 'history-3-export');
  await page.getByRole('button', { name: 'Close' }).click();

  expect(app.simulator.contractViolations).toEqual([]);
  expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
}, 120_000);
