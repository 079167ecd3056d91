import type { Locator, Page } from 'playwright-core';
import { MODULE_KEYS, type AppConfig, type Delegation, type Envelope, type PreferenceDefinition } from '../../src/shared/contract';
import { DEMO_GROUPS, DEMO_PROPERTIES } from '../../harness/simulator/seed';
import { launchBrowser, openHostPage, saveScreenshot, startHostApp, type HostPageView, type HostTestApp, type TestBrowser } from '../support/browser';
import { DEMO_USERS, type DemoUser } from '../support/test-app';

// Three journeys through app configuration in Debian's Chromium: an admin defining preferences and delegating keys,
// a plain user editing their defined preferences through the generated forms, and a delegate editing only the
// granted keys of another user. Each test starts from the same configuration (none) and the seeded properties, and
// seeds through the resolvers whatever it needs, so any one of them can run alone.

interface JourneyApp extends HostTestApp {
  /** A resolver call as a seeded user from a module, through the local Forge runtime. */
  invoke<T = unknown>(functionKey: string, payload: unknown, as: DemoUser, moduleKey?: string): Promise<Envelope<T>>;
}

let app: JourneyApp;
let browser: TestBrowser;
beforeAll(async () => {
  const [server, chromium] = await Promise.all([startHostApp(), launchBrowser()]);
  browser = chromium;
  app = Object.assign(server, {
    invoke: async <T>(functionKey: string, payload: unknown, as: DemoUser, moduleKey: string = MODULE_KEYS.adminPage) =>
      (await server.runtime.invoke({ functionKey, payload, context: { accountId: DEMO_USERS[as].accountId, moduleKey } })) as Envelope<T>,
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const bob = DEMO_USERS.bob.accountId;
const seededValue = (accountId: string, key: string) => DEMO_PROPERTIES.find((p) => p.accountId === accountId && p.key === key)?.value;

async function ok<T>(answer: Promise<Envelope<T>>, what: string): Promise<T> {
  const settled = await answer;
  if (!settled.success) throw new Error(`${what}: ${settled.error.code} ${settled.error.message}`);
  return settled.data;
}

const adminConfig = () => ok(app.invoke<AppConfig>('getAppConfig', {}, 'admin'), 'getAppConfig');

// No definitions, no delegations, raw editing off, bob's seeded properties: the state every journey starts from.
beforeEach(async () => {
  const config = await adminConfig();
  for (const definition of config.definitions) await ok(app.invoke('deleteDefinition', { key: definition.key }, 'admin'), `deleteDefinition ${definition.key}`);
  for (const delegation of config.delegations) await ok(app.invoke('deleteDelegation', { id: delegation.id }, 'admin'), `deleteDelegation ${delegation.id}`);
  if (config.allowRawEditing) await ok(app.invoke('setAllowRawEditing', { allow: false }, 'admin'), 'setAllowRawEditing');
  const seeded = DEMO_PROPERTIES.filter((p) => p.accountId === bob);
  for (const key of app.simulator.store.listKeys(bob)) {
    if (!seeded.some((p) => p.key === key)) await ok(app.invoke('deleteProperty', { accountId: bob, key }, 'admin'), `deleteProperty ${key}`);
  }
  for (const property of seeded) app.simulator.store.setProperty(bob, property.key, property.value);
});

const THEME: PreferenceDefinition = {
  key: 'ui.theme',
  title: 'Theme',
  description: 'How Jira looks for you.',
  schema: { type: 'string', enum: ['light', 'dark', 'auto'] },
  defaultValue: 'auto',
  userEditable: true,
};
const COST_CENTER: PreferenceDefinition = {
  key: 'costCenter',
  title: 'Cost center',
  description: 'Where your time is booked.',
  schema: { type: 'string' },
  defaultValue: 'CC-0000',
  userEditable: false,
};
const HR_DELEGATION: Omit<Delegation, 'id'> = {
  groupId: DEMO_GROUPS.hrManagers.groupId,
  groupName: DEMO_GROUPS.hrManagers.name,
  keys: [{ match: 'exact', value: 'costCenter' }],
};

async function expectClean(view: HostPageView) {
  expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
  expect(app.simulator.contractViolations).toEqual([]);
}

/** The innermost card-like block holding this h3 and no other h3 (one preference card). */
function card(page: Page, title: string): Locator {
  const heading = page.getByRole('heading', { level: 3, name: title, exact: true });
  const otherHeadings = page.getByRole('heading', { level: 3 }).filter({ hasNotText: new RegExp(`^${title}$`) });
  return page.locator('div').filter({ has: heading }).filter({ hasNot: otherHeadings }).first();
}

/** A flag shown by the host, by its title. */
const flag = (page: Page, title: string) => page.getByText(title, { exact: true }).first();

/**
 * Clicks the dialog's button and waits for the dialog to close. If the app refuses instead (its error flag shows), fails
 * at once with what the dialog says, rather than after the timeout.
 */
async function submit(page: Page, button: string, refusedFlag: string) {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: button, exact: true }).click();
  const outcome = await Promise.race([
    dialog.waitFor({ state: 'detached' }).then(() => 'closed' as const),
    flag(page, refusedFlag).waitFor().then(() => 'refused' as const),
  ]);
  if (outcome === 'refused') throw new Error(`${button} was refused: ${(await dialog.innerText()).replace(/\s+/g, ' ')}`);
}

/** The size the page shows for a JSON text: the compact form's UTF-8 bytes, as JsonField counts them. */
const sizeText = (json: string) => `${Buffer.byteLength(JSON.stringify(JSON.parse(json)), 'utf8')} of 32,768 bytes`;

async function fillDefinition(page: Page, fields: { key: string; title: string; schema?: string; defaultValue: string; template?: string }) {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('heading', { name: 'New preference' }).waitFor();
  await dialog.getByRole('textbox', { name: 'Key' }).fill(fields.key);
  await dialog.getByText(`${fields.key.length} of 255 characters`).waitFor();
  await dialog.getByRole('textbox', { name: 'Title', exact: true }).fill(fields.title);
  if (fields.template) await dialog.getByRole('button', { name: fields.template, exact: true }).click();
  if (fields.schema) {
    await page.locator('textarea[id$="definition-schema"]').fill(fields.schema);
    await dialog.getByText(sizeText(fields.schema), { exact: true }).waitFor();
  }
  // The default is edited in the code editor frame (checked against the schema being defined). The frame reports
  // edits after a pause: wait until the page holds the value (its size), so the form below is the one Create sends.
  const defaultEditor = page.frameLocator('iframe[data-forge-resource="json-editor"]').locator('.cm-content');
  await defaultEditor.waitFor();
  await defaultEditor.fill(fields.defaultValue);
  await dialog.getByText(sizeText(fields.defaultValue), { exact: true }).waitFor();
  // The page's own check agrees: no problem is shown for the default, Create is offered, the frame underlines nothing.
  expect(await dialog.getByText(/^Line \d+, column \d+:/).count()).toBe(0);
  expect(await dialog.getByRole('button', { name: 'Create', exact: true }).isEnabled()).toBe(true);
  await page.frameLocator('iframe[data-forge-resource="json-editor"]').locator('.cm-lint-marker-error').waitFor({ state: 'detached' });
}

test('an admin defines two preferences and delegates costCenter to hr-managers through the UI', async () => {
  const view = await openHostPage(browser, app, { as: 'admin', module: MODULE_KEYS.adminPage });
  const { page } = view;
  await page.getByRole('tab', { name: 'Preferences' }).click();
  await page.getByText('No preferences defined').waitFor();
  await saveScreenshot(page, 'config-1-preferences-empty');

  // 1. ui.theme: start from the "Choice list" template, then make it the theme enum; users may edit it (the default).
  await page.getByRole('button', { name: 'New preference' }).click();
  const dialog = page.getByRole('dialog');
  await fillDefinition(page, {
    key: 'ui.theme',
    title: 'Theme',
    template: 'Choice list',
    schema: '{"type":"string","enum":["light","dark","auto"]}',
    defaultValue: '"auto"',
  });
  const editable = page.locator('input[id$="definition-user-editable"]');
  expect(await editable.isChecked()).toBe(true);
  await saveScreenshot(page, 'config-2-new-theme');
  await submit(page, 'Create', 'The preference was not saved');
  await flag(page, 'Preference created').waitFor();
  await page.getByRole('cell', { name: 'ui.theme', exact: true }).waitFor();

  // 2. costCenter: a plain string, not editable by users.
  await page.getByRole('button', { name: 'New preference' }).click();
  await fillDefinition(page, { key: 'costCenter', title: 'Cost center', defaultValue: '"CC-0000"' });
  await page.getByText('Users may edit this themselves').click();
  expect(await editable.isChecked()).toBe(false);
  await submit(page, 'Create', 'The preference was not saved');
  await page.getByRole('cell', { name: 'costCenter', exact: true }).waitFor();
  await page.getByText('2 preferences defined').waitFor();
  await page.getByRole('row', { name: /costCenter/ }).getByText('Read only').waitFor();
  await page.getByRole('row', { name: /ui\.theme/ }).getByText('Editable', { exact: true }).waitFor();

  // Raw editing: on, then off again.
  const raw = page.locator('input[id$="allow-raw-editing"]');
  expect(await raw.isChecked()).toBe(false);
  await page.getByText('Let users edit other keys as raw JSON').click();
  await page.getByText('Raw JSON editing is on').first().waitFor();
  await page.getByText('users can also edit their properties that have no definition below').waitFor();
  expect((await adminConfig()).allowRawEditing).toBe(true);
  await page.getByText('Let users edit other keys as raw JSON').click();
  await page.getByText('Raw JSON editing is off').first().waitFor();
  await page.getByText('users can only change the preferences defined below').waitFor();
  expect((await adminConfig()).allowRawEditing).toBe(false);
  await saveScreenshot(page, 'config-3-definitions');

  // 3. Delegate costCenter to hr-managers.
  await page.getByRole('tab', { name: 'Delegations' }).click();
  await page.getByText('No delegations').waitFor();
  await page.getByRole('button', { name: 'New delegation' }).click();
  await dialog.getByRole('heading', { name: 'New delegation' }).waitFor();
  await dialog.getByRole('textbox', { name: 'Group' }).pressSequentially('hr', { delay: 20 });
  await dialog.getByRole('button', { name: 'hr-managers', exact: true }).click();
  await dialog.getByText('Change group').waitFor();
  await dialog.getByRole('textbox', { name: 'Key rule 1' }).fill('costCenter');
  await dialog.getByText('this key only').waitFor();
  await saveScreenshot(page, 'config-4-new-delegation');
  await submit(page, 'Save', 'The delegation was not saved');
  await flag(page, 'Delegation saved').waitFor();
  const row = page.getByRole('row', { name: /hr-managers/ });
  await row.getByText('costCenter', { exact: true }).waitFor();
  await saveScreenshot(page, 'config-5-delegations');

  const config = await adminConfig();
  expect(config.definitions).toEqual([
    { key: 'costCenter', title: 'Cost center', description: '', schema: { type: 'string' }, defaultValue: 'CC-0000', userEditable: false },
    { key: 'ui.theme', title: 'Theme', description: '', schema: { type: 'string', enum: ['light', 'dark', 'auto'] }, defaultValue: 'auto', userEditable: true },
  ]);
  expect(config.allowRawEditing).toBe(false);
  expect(config.delegations).toEqual([{ id: expect.any(String), ...HR_DELEGATION }]);
  await expectClean(view);
}, 60_000);

test('a plain user edits their defined preferences through forms, and cannot reach anyone else', async () => {
  await ok(app.invoke('saveDefinition', { definition: THEME }, 'admin'), 'saveDefinition ui.theme');
  await ok(app.invoke('saveDefinition', { definition: COST_CENTER }, 'admin'), 'saveDefinition costCenter');
  expect(app.simulator.store.getProperty(bob, 'ui.theme')).toBeUndefined();

  const view = await openHostPage(browser, app, { as: 'bob', module: MODULE_KEYS.personalSettings });
  const { page } = view;
  await page.getByRole('heading', { level: 1, name: 'My preferences' }).waitFor();
  const theme = card(page, 'Theme');
  await theme.getByText('How Jira looks for you.').waitFor();
  await theme.getByText('Default', { exact: true }).waitFor();
  await theme.getByText('auto', { exact: true }).waitFor();
  expect(await theme.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
  await saveScreenshot(page, 'prefs-1-defaults');

  // Change it with the Select, save.
  await page.locator('input[id$="ui.theme"]').click();
  await page.getByRole('option', { name: 'dark', exact: true }).click();
  await theme.getByText('dark', { exact: true }).waitFor();
  expect(await theme.getByRole('button', { name: 'Save' }).isEnabled()).toBe(true);
  await theme.getByRole('button', { name: 'Save' }).click();
  await flag(page, 'Preference saved').waitFor();
  await theme.getByText('Custom', { exact: true }).waitFor();
  await theme.getByText('Default: auto').waitFor();
  expect(app.simulator.store.getProperty(bob, 'ui.theme')).toBe('dark');
  await saveScreenshot(page, 'prefs-2-saved-dark');

  // Reset to default, confirmed.
  await theme.getByRole('button', { name: 'Reset to default' }).click();
  await theme.getByText('Reset "Theme" to its default?').waitFor();
  await saveScreenshot(page, 'prefs-3-reset-confirm');
  await theme.getByRole('button', { name: 'Reset', exact: true }).click();
  await flag(page, 'Reset to default').waitFor();
  await theme.getByText('Default', { exact: true }).waitFor();
  await theme.getByText('auto', { exact: true }).waitFor();
  expect(app.simulator.store.getProperty(bob, 'ui.theme')).toBeUndefined();

  // costCenter is the admin's: shown, not editable.
  const costCenter = card(page, 'Cost center');
  await costCenter.getByText('Managed by your Jira admin. You can see this setting but not change it.').waitFor();
  await costCenter.getByText('Read only', { exact: true }).waitFor();
  const field = page.locator('input[id$="costCenter"]');
  expect(await field.inputValue()).toBe(seededValue(bob, 'costCenter'));
  expect(await field.isDisabled()).toBe(true);
  expect(await costCenter.getByRole('button').count()).toBe(0);
  await expectClean(view);

  // Nobody else's properties: the admin page refuses bob, and so does the resolver.
  const adminView = await openHostPage(browser, app, { as: 'bob', module: MODULE_KEYS.adminPage });
  await adminView.page.getByText('Administer Jira needed').waitFor();
  expect(await adminView.page.getByRole('combobox', { name: 'User' }).count()).toBe(0);
  expect(await adminView.page.getByRole('table').count()).toBe(0);
  await saveScreenshot(adminView.page, 'prefs-4-admin-page-refused');
  const alice = DEMO_USERS.alice.accountId;
  expect(await app.invoke('listProperties', { accountId: alice }, 'bob')).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
  expect(await app.invoke('setProperty', { accountId: alice, key: 'ui.theme', json: '"dark"' }, 'bob', MODULE_KEYS.personalSettings)).toMatchObject({
    success: false,
    error: { code: 'FORBIDDEN' },
  });
  expect(app.simulator.store.getProperty(alice, 'ui.theme')).toBeUndefined();
  await expectClean(adminView);
  await adminView.page.close();
  await page.close();
}, 60_000);

test('a delegate edits only the granted key of another user, the write goes as the app', async () => {
  await ok(app.invoke('saveDelegation', { delegation: HR_DELEGATION }, 'admin'), 'saveDelegation');
  const firstSeq = app.simulator.requests.length ? app.simulator.requests[app.simulator.requests.length - 1].seq : 0;

  const view = await openHostPage(browser, app, { as: 'alice', module: MODULE_KEYS.adminPage });
  const { page } = view;
  await page.getByText('Delegated access').waitFor();
  await page.getByText('You can manage these keys on any user: costCenter.').waitFor();
  expect(await page.getByRole('tab').allInnerTexts()).toEqual(['Users', 'Bulk changes']);

  // Open bob by pasting his accountId.
  await page.getByRole('textbox', { name: 'Or paste an accountId' }).fill(bob);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByRole('table').waitFor();
  await page.getByText('Bob Martin', { exact: true }).filter({ visible: true }).first().waitFor();
  await page.getByRole('cell', { name: 'costCenter', exact: true }).waitFor();
  expect(await page.getByRole('cell', { name: 'team', exact: true }).count()).toBe(0);
  expect(await page.getByRole('cell', { name: 'myapp.history', exact: true }).count()).toBe(0);
  expect(await page.getByRole('table').getByRole('row').count()).toBe(2); // header + costCenter
  await saveScreenshot(page, 'delegate-1-bob');

  // Edit costCenter.
  await page.getByRole('row', { name: /costCenter/ }).getByRole('button', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog');
  await page.frameLocator('iframe[data-forge-resource="json-editor"]').locator('.cm-content').fill('"CC-9001"');
  await dialog.getByText('What will change').waitFor();
  await saveScreenshot(page, 'delegate-2-edit');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await flag(page, 'Property saved').waitFor();
  await page.getByRole('cell', { name: '"CC-9001"' }).waitFor();
  expect(app.simulator.store.getProperty(bob, 'costCenter')).toBe('CC-9001');

  const puts = app.simulator.requests.filter((r) => r.seq > firstSeq && r.method === 'PUT');
  expect(puts).toEqual([
    expect.objectContaining({ pathname: '/rest/api/3/user/properties/costCenter', query: { accountId: bob }, principal: { kind: 'app' }, status: 200 }),
  ]);

  // A key outside the delegation is refused as it is typed, and nothing is sent.
  await page.getByRole('button', { name: 'Create property' }).click();
  await dialog.getByText('You can create these keys: costCenter.').waitFor();
  await dialog.getByRole('textbox', { name: 'Key' }).fill('team');
  await dialog.getByText('You can only manage these keys: costCenter.').waitFor();
  await page.frameLocator('iframe[data-forge-resource="json-editor"]').locator('.cm-content').fill('"Hijacked"');
  expect(await dialog.getByRole('button', { name: 'Create', exact: true }).isDisabled()).toBe(true);
  await saveScreenshot(page, 'delegate-3-team-refused');
  await dialog.getByRole('button', { name: 'Create', exact: true }).click({ force: true });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });

  const writes = app.simulator.requests.filter((r) => r.seq > firstSeq && (r.method === 'PUT' || r.method === 'DELETE'));
  expect(writes.map((r) => `${r.method} ${r.pathname}`)).toEqual(['PUT /rest/api/3/user/properties/costCenter']);
  expect(app.simulator.store.getProperty(bob, 'team')).toBe(seededValue(bob, 'team'));
  await expectClean(view);
  await page.close();
}, 60_000);
