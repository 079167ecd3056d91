import type { Page } from 'playwright-core';
import { MODULE_KEYS } from '../../src/shared/contract';
import { launchBrowser, openHostPage, saveScreenshot, startHostApp, type HostTestApp, type TestBrowser } from '../support/browser';

// The All users tab in Debian's Chromium: an inventory runs as a real background job (the local platform's queue
// delivers it to the consumer function), shows its progress bar, then the key table; a key's users open in Users.
let app: HostTestApp;
let browser: TestBrowser;
beforeAll(async () => {
  // 400 generated users, and each delivery held back a little, so the progress bar is on screen long enough to see.
  app = await startHostApp({ server: { siteUsers: 400, runtime: { queue: { faults: { slowMs: 400 } } } } });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const people = () => app.simulator.store.listUsers().filter((user) => (user.accountType ?? 'atlassian') === 'atlassian');

async function openAllUsers(page: Page) {
  await page.getByRole('tab', { name: 'All users' }).click();
  await page.getByRole('button', { name: 'Start inventory' }).waitFor();
}

test('start an inventory: a progress bar, then the key table; a key\'s users are found and one opens in Users', async () => {
  const view = await openHostPage(browser, app, { as: 'admin', module: MODULE_KEYS.adminPage });
  const { page } = view;
  await openAllUsers(page);
  await page.getByText('No inventory has finished yet.').waitFor();
  await page.getByRole('button', { name: 'Start inventory' }).click();
  await page.getByRole('progressbar', { name: /Inventory progress/ }).waitFor();
  await saveScreenshot(page, 'all-users-1-running');

  const keys = new Set(people().flatMap((user) => app.simulator.store.keysByUser().get(user.accountId) ?? []));
  await page.getByText(`${keys.size} of ${keys.size} keys on ${people().length} users`).waitFor({ timeout: 60_000 });
  await page.getByText('Inventory finished').first().waitFor();
  await saveScreenshot(page, 'all-users-2-inventory');

  await page.getByRole('row', { name: /^onboarding/ }).getByRole('button', { name: 'Users' }).click();
  const having = people().filter((user) => user.active && (app.simulator.store.keysByUser().get(user.accountId) ?? []).includes('onboarding'));
  await page.getByText(`${having.length} active users found`).waitFor({ timeout: 60_000 });
  await saveScreenshot(page, 'all-users-3-found');
  const first = page.getByRole('row').filter({ has: page.getByRole('button', { name: 'Open' }) }).first();
  const rowText = (await first.textContent()) ?? '';
  const opened = having.find((user) => rowText.includes(user.accountId));
  expect(opened).toBeDefined();
  await first.getByRole('button', { name: 'Open' }).click();
  await page.getByRole('tab', { name: 'Users', selected: true }).waitFor();
  await page.getByText(opened!.accountId).first().waitFor();
  expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
}, 120_000);
