import type { Locator, Page } from 'playwright-core';
import { MODULE_KEYS } from '../../src/shared/contract';
import { jsonEditorIn, launchBrowser, openHostPage, pickUser, saveScreenshot, startHostApp, type HostPageView, type HostTestApp, type TestBrowser } from '../support/browser';
import { DEMO_USERS } from '../support/test-app';

// The versions in the admin editor, in Debian's Chromium: the real UI Kit bundle rendered by the local Jira host with
// Atlaskit, the real resolvers through the local Forge runtime, the simulator's store checked at each step.
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

const bob = DEMO_USERS.bob.accountId;
const KEY = 'costCenter';


// The value is edited in the Custom UI code editor (static/json-editor) inside the dialog's Frame.
const editorIn = jsonEditorIn;

async function replaceValue(page: Page, text: string) {
  const editor = editorIn(page);
  await editor.waitFor();
  await editor.fill(text);
}

/** Waits until `read` answers `expected` (a locator's text, a store's value), or fails saying what it last saw. */
async function waitUntil<T>(read: () => Promise<T> | T, expected: T, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  let seen: T = await read();
  while (JSON.stringify(seen) !== JSON.stringify(expected)) {
    if (Date.now() > deadline) throw new Error(`${what}: expected ${JSON.stringify(expected)}, saw ${JSON.stringify(seen)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    seen = await read();
  }
}

/** The property table's row for the key (behind the dialog too: by its cells, not by role). */
const propertyRow = (page: Page) => page.locator('tr').filter({ has: page.locator('td', { hasText: new RegExp(`^${KEY}$`) }) });
const cellText = async (row: Locator, index: number) => ((await row.locator('td').nth(index).textContent()) ?? '').trim();

async function saveEdit(page: Page, value: string) {
  await propertyRow(page).getByRole('button', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog');
  await replaceValue(page, value);
  await dialog.getByText('What will change').waitFor();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
}

async function expectNoProblems(view: HostPageView) {
  expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
}

test('edit a property twice, open its versions, compare the earlier one, restore it, and see it back', async () => {
  const admin = await openHostPage(browser, app, { as: 'admin', module: MODULE_KEYS.adminPage });
  const page = admin.page;
  await pickUser(page, 'Bob', 'Bob Martin');
  await propertyRow(page).waitFor();
  expect(app.simulator.store.getProperty(bob, KEY)).toBe('CC-2207');

  // Two edits through the editor.
  await saveEdit(page, '"CC-3001"');
  await waitUntil(() => app.simulator.store.getProperty(bob, KEY), 'CC-3001', 'stored after the first edit');
  await saveEdit(page, '"CC-3002"');
  await waitUntil(() => app.simulator.store.getProperty(bob, KEY), 'CC-3002', 'stored after the second edit');
  await waitUntil(() => cellText(propertyRow(page), 1), '"CC-3002"', 'the row after the second edit');

  // The editor lists both versions, newest first, by the admin.
  await propertyRow(page).getByRole('button', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog');
  const versions = dialog.getByRole('table', { name: `Versions of "${KEY}"` });
  await versions.waitFor();
  const versionRows = versions.locator('tbody tr');
  await waitUntil(() => versionRows.count(), 2, 'version rows');
  expect(await versionRows.nth(0).textContent()).toContain('Current');
  for (const index of [0, 1]) {
    expect(await versionRows.nth(index).textContent()).toContain('Alex Admin');
    expect(await versionRows.nth(index).textContent()).toContain('Updated');
  }
  await saveScreenshot(page, 'editor-history-1-versions');

  // The earlier version: its value, what restoring it would change, then the confirmation.
  await versionRows.nth(1).getByRole('button', { name: 'Compare' }).click();
  await dialog.getByText('Against the current value, restoring it would change').waitFor();
  await dialog.getByText('"CC-3001"', { exact: true }).first().waitFor();
  await dialog.getByRole('button', { name: 'Restore this version' }).click();
  await dialog.getByText(`to "${KEY}" on Bob Martin, replacing the current value`).waitFor();
  await saveScreenshot(page, 'editor-history-2-confirm');
  expect(app.simulator.store.getProperty(bob, KEY)).toBe('CC-3002');

  await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
  await page.getByText('Version restored').waitFor();
  await waitUntil(() => app.simulator.store.getProperty(bob, KEY), 'CC-3001', 'stored after the restore');
  expect(app.simulator.store.getPropertyJson(bob, KEY)).toBe('"CC-3001"');

  // The editor shows the restored value and the restore as the newest version; the table's row follows.
  await waitUntil(async () => (await editorIn(page).textContent())?.trim(), '"CC-3001"', 'the editor after the restore');
  await waitUntil(() => versionRows.count(), 3, 'version rows after the restore');
  expect(await versionRows.nth(0).textContent()).toContain('Updated (restored)');
  expect(await versionRows.nth(0).textContent()).toContain('Current');
  await waitUntil(() => cellText(propertyRow(page), 1), '"CC-3001"', 'the row behind the dialog');
  await saveScreenshot(page, 'editor-history-3-restored');

  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  await waitUntil(() => cellText(propertyRow(page), 1), '"CC-3001"', 'the row after closing');
  expect(app.simulator.store.getProperty(bob, KEY)).toBe('CC-3001');

  await expectNoProblems(admin);
  expect(app.simulator.contractViolations).toEqual([]);
}, 120_000);
