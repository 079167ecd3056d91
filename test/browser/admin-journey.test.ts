import type { Page } from 'playwright-core';
import { MODULE_KEYS } from '../../src/shared/contract';
import { jsonEditorIn, launchBrowser, openHostPage, pickUser, saveScreenshot, startHostApp, type HostPageView, type HostTestApp, type TestBrowser } from '../support/browser';
import { DEMO_USERS } from '../support/test-app';

// A whole admin journey in Debian's Chromium: the real UI Kit bundle, rendered by the local Jira host with Atlaskit,
// talking to the real resolvers through the local Forge runtime and the simulator.
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
const KEY = 'journey.settings';


// The value is edited in the Custom UI code editor (static/json-editor) inside the dialog's Frame.
const editorIn = jsonEditorIn;

async function replaceValue(page: Page, text: string) {
  const editor = editorIn(page);
  await editor.waitFor();
  await editor.fill(text);
}

async function expectNoProblems(view: HostPageView) {
  expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
}

test('pick a user, create, edit (invalid then valid), meet a conflict from a second session, delete', async () => {
  const admin = await openHostPage(browser, app, { as: 'admin', module: MODULE_KEYS.adminPage });
  const page = admin.page;

  await pickUser(page, 'Bob', 'Bob Martin');
  await page.getByText('Bob Martin', { exact: true }).first().waitFor();
  await page.getByRole('cell', { name: 'myapp.history', exact: true }).waitFor();
  await saveScreenshot(page, 'admin-1-user-picked');

  // Create
  await page.getByRole('button', { name: 'Create property' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Key' }).fill('team');
  await dialog.getByText('already has a property "team"').waitFor();
  await dialog.getByRole('textbox', { name: 'Key' }).fill(KEY);
  await replaceValue(page, '{"theme":"dark","pins":[1,2]}');
  await dialog.getByText('Valid JSON').waitFor();
  await saveScreenshot(page, 'admin-2-create');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByText('Property created').waitFor();
  await page.getByRole('cell', { name: KEY, exact: true }).waitFor();
  expect(app.simulator.store.getProperty(bob, KEY)).toEqual({ theme: 'dark', pins: [1, 2] });

  // Edit: invalid, then valid
  const row = page.getByRole('row', { name: new RegExp(KEY) });
  await row.getByRole('button', { name: 'Edit' }).click();
  await replaceValue(page, '{\n  "theme": "light",\n  "pins": [1, 2,]\n}');
  await dialog.getByText(/Line 3, column \d+: Expected a value/).waitFor();
  expect(await dialog.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
  await saveScreenshot(page, 'admin-3-edit-invalid');
  await replaceValue(page, '{\n  "theme": "light",\n  "pins": [1, 2, 3]\n}');
  await dialog.getByText('What will change').waitFor();
  await dialog.getByText(/pins\[2\]/).waitFor();
  await saveScreenshot(page, 'admin-4-edit-valid');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
  expect(app.simulator.store.getProperty(bob, KEY)).toEqual({ theme: 'light', pins: [1, 2, 3] });

  // Conflict: this session opens the editor, a second session saves first.
  await row.getByRole('button', { name: 'Edit' }).click();
  await replaceValue(page, '{"theme":"mine"}');
  const second = await openHostPage(browser, app, { as: 'admin', module: MODULE_KEYS.adminPage });
  await pickUser(second.page, 'Bob', 'Bob Martin');
  await second.page.getByRole('row', { name: new RegExp(KEY) }).getByRole('button', { name: 'Edit' }).click();
  await replaceValue(second.page, '{"theme":"theirs"}');
  await second.page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await second.page.getByRole('dialog').waitFor({ state: 'detached' });
  await expectNoProblems(second);
  await second.page.close();

  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.getByText('changed while you were editing').waitFor();
  await dialog.getByText('"theirs"').waitFor();
  expect(app.simulator.store.getProperty(bob, KEY)).toEqual({ theme: 'theirs' });
  await saveScreenshot(page, 'admin-5-conflict');
  await dialog.getByRole('button', { name: 'Overwrite with mine' }).click();
  await dialog.waitFor({ state: 'detached' });
  expect(app.simulator.store.getProperty(bob, KEY)).toEqual({ theme: 'mine' });

  // Delete, with confirmation naming the key and the user
  await row.getByRole('button', { name: 'Delete' }).click();
  await dialog.getByText(`This deletes the property ${KEY} from Bob Martin`).waitFor();
  await saveScreenshot(page, 'admin-6-delete-confirm');
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByText('Property deleted').waitFor();
  await page.getByRole('cell', { name: KEY, exact: true }).waitFor({ state: 'detached' });
  expect(app.simulator.store.getProperty(bob, KEY)).toBeUndefined();

  await expectNoProblems(admin);
  expect(app.simulator.contractViolations).toEqual([]);
}, 120_000);

test('a non-admin sees that the page needs Administer Jira, and no data', async () => {
  const view = await openHostPage(browser, app, { as: 'alice', module: MODULE_KEYS.adminPage });
  await view.page.getByText('Administer Jira needed').waitFor();
  expect(await view.page.getByRole('combobox', { name: 'User' }).count()).toBe(0);
  expect(await view.page.getByRole('table').count()).toBe(0);
  await saveScreenshot(view.page, 'admin-7-non-admin');
  await expectNoProblems(view);
}, 60_000);
