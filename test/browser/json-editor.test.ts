import path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { MODULE_KEYS, type AppConfig, type Envelope } from '../../src/shared/contract';
import { launchBrowser, openHostPage, saveScreenshot, startHostApp, type HostTestApp, type TestBrowser } from '../support/browser';
import { DEMO_USERS } from '../support/test-app';

// The Custom UI code editor (static/json-editor) inside the real UI Kit pages, through the local host's Frame.
let browser: TestBrowser;
beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(() => browser?.close());

const alice = DEMO_USERS.alice.accountId;
const editorFrame = (page: Page): FrameLocator => page.frameLocator('iframe[data-forge-resource="json-editor"]');

async function openEditorFor(page: Page, key: string) {
  await page.locator('input[id$="paste-account-id"]').fill(alice);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByRole('row', { name: new RegExp(key.replace('.', '\\.')) }).getByRole('button', { name: 'Edit' }).click();
}

describe('with the editor build', () => {
  let app: HostTestApp;
  beforeAll(async () => {
    app = await startHostApp();
  }, 120_000);
  afterAll(() => app?.close());

  test('a nested demo property is edited in the highlighted editor and round-trips exactly', async () => {
    const view = await openHostPage(browser, app, { as: 'admin', module: MODULE_KEYS.adminPage });
    const { page } = view;
    await openEditorFor(page, 'myapp.preferences');
    const editor = editorFrame(page).locator('.cm-content');
    await editor.waitFor();
    // Syntax highlighting: the JSON is split into styled tokens, and the TextArea is gone.
    await editorFrame(page).getByText('"notifications"').first().waitFor();
    expect(await editorFrame(page).locator('.cm-line span').count()).toBeGreaterThan(20);
    expect(await page.locator('textarea[id$="property-value"]').count()).toBe(0);
    await saveScreenshot(page, 'editor-1-nested');

    const stored = app.simulator.store.getProperty(alice, 'myapp.preferences') as Record<string, unknown>;
    const edited = { ...stored, density: 'comfortable', notifications: { ...(stored.notifications as object), inApp: false }, emoji: 'Grüße 🎉' };
    await editor.fill(JSON.stringify(edited, null, 2));
    const dialog = page.getByRole('dialog');
    await dialog.getByText('What will change').waitFor();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(app.simulator.store.getProperty(alice, 'myapp.preferences')).toEqual(edited);
    expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
  }, 60_000);

  test('Save stores what the editor shows, even when clicked at once after a further edit', async () => {
    const view = await openHostPage(browser, app, { as: 'admin', module: MODULE_KEYS.adminPage });
    const { page } = view;
    await openEditorFor(page, 'costCenter');
    const editor = editorFrame(page).locator('.cm-content');
    await editor.waitFor();
    const dialog = page.getByRole('dialog');
    await editor.fill('{"code":"CC-1"}');
    await dialog.getByText('What will change').waitFor();
    // Save is offered for the first edit; the second has not reached the page when Save is clicked.
    await editor.fill('{"code":"CC-2"}');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(app.simulator.store.getProperty(alice, 'costCenter')).toEqual({ code: 'CC-2' });
    expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
  }, 60_000);

  test('invalid JSON is marked at its line and column and blocks Save; fixing it enables Save', async () => {
    const view = await openHostPage(browser, app, { as: 'admin', module: MODULE_KEYS.adminPage });
    const { page } = view;
    await openEditorFor(page, 'costCenter');
    const editor = editorFrame(page).locator('.cm-content');
    await editor.waitFor();
    await editor.fill('{\n  "code": "CC-1",\n  "owner" "hr"\n}');
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/Line 3, column 11: Expected ":"/).waitFor();
    await editorFrame(page).locator('.cm-lintRange-error').first().waitFor();
    expect(await dialog.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await saveScreenshot(page, 'editor-2-invalid');
    await editor.fill('{\n  "code": "CC-1",\n  "owner": "hr"\n}');
    await dialog.getByText('Valid JSON').waitFor();
    expect(await dialog.getByRole('button', { name: 'Save' }).isDisabled()).toBe(false);
    expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
  }, 60_000);

  test('the default of a preference is checked against the schema being defined', async () => {
    const view = await openHostPage(browser, app, { as: 'admin', module: MODULE_KEYS.adminPage });
    const { page } = view;
    await page.getByRole('tab', { name: 'Preferences' }).click();
    await page.getByRole('button', { name: 'New preference' }).click();
    const dialog = page.getByRole('dialog');
    await page.locator('textarea[id$="definition-schema"]').fill('{"type":"object","properties":{"theme":{"enum":["light","dark"]}}}');
    const editor = editorFrame(page).locator('.cm-content');
    await editor.waitFor();
    await editor.fill('{"theme": 3}');
    await dialog.getByText(/Line 1, column 11: .*light/).waitFor();
    await saveScreenshot(page, 'editor-3-schema');
    expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
  }, 60_000);
});

describe('the code editor in the preference definition dialog', () => {
  let app: HostTestApp;
  const admin = DEMO_USERS.admin.accountId;
  beforeAll(async () => {
    app = await startHostApp();
  }, 120_000);
  afterAll(() => app?.close());
  afterEach(() => {
    app.simulator.store.setAdmin(admin, true);
    expect(app.simulator.contractViolations).toEqual([]);
  });

  const CHOICES = ['compact', 'comfortable', 'spacious'];
  const THEMES = '{"type":"string","enum":["light","dark","auto"]}';

  async function definitions() {
    const answer = (await app.runtime.invoke({ functionKey: 'getAppConfig', payload: {}, context: { accountId: admin, moduleKey: MODULE_KEYS.adminPage } })) as Envelope<AppConfig>;
    if (!answer.success) throw new Error(answer.error.message);
    return answer.data.definitions;
  }

  /** The admin page's New preference dialog, key and title filled, started from the "Choice list" template. */
  async function newPreference(page: Page, key: string): Promise<Locator> {
    await page.getByRole('tab', { name: 'Preferences' }).click();
    await page.getByRole('button', { name: 'New preference' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Key' }).fill(key);
    await dialog.getByText(`${key.length} of 255 characters`).waitFor();
    await dialog.getByRole('textbox', { name: 'Title', exact: true }).fill(`Title of ${key}`);
    await dialog.getByRole('button', { name: 'Choice list', exact: true }).click();
    return dialog;
  }

  const create = (dialog: Locator) => dialog.getByRole('button', { name: 'Create', exact: true });
  const schemaArea = (page: Page) => page.locator('textarea[id$="definition-schema"]');

  test('Create saves the default the editor shows, even when clicked at once after typing', async () => {
    const view = await openHostPage(browser, app, { as: 'admin', module: MODULE_KEYS.adminPage });
    const { page } = view;
    const dialog = await newPreference(page, 'race.density');
    await editorFrame(page).locator('.cm-line', { hasText: '"comfortable"' }).waitFor();
    // No wait for the page to hear of the edit (the frame reports it after a pause): Create must still save it.
    await editorFrame(page).locator('.cm-content').fill('"spacious"');
    await create(dialog).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await definitions()).find((d) => d.key === 'race.density')).toMatchObject({ schema: { type: 'string', enum: CHOICES }, defaultValue: 'spacious' });
    expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
    await page.close();
  }, 60_000);

  test('the page decides: a default the schema refuses blocks Create, and a schema change re-validates the frame at once', async () => {
    const view = await openHostPage(browser, app, { as: 'admin', module: MODULE_KEYS.adminPage });
    const { page } = view;
    const dialog = await newPreference(page, 'checked.theme');
    await editorFrame(page).locator('.cm-content').fill('"auto"');
    const refused = dialog.getByText('Line 1, column 1: Must be one of: compact, comfortable, spacious.');
    await refused.waitFor();
    await editorFrame(page).locator('.cm-lintRange-error', { hasText: '"auto"' }).waitFor();
    expect(await create(dialog).isDisabled()).toBe(true);

    // A new schema, typed in the page: the frame checks the same text again without an edit, and so does the page.
    await schemaArea(page).fill(THEMES);
    await refused.waitFor({ state: 'detached' });
    await editorFrame(page).locator('.cm-lintRange-error').waitFor({ state: 'detached' });
    expect(await create(dialog).isEnabled()).toBe(true);
    await schemaArea(page).fill('{"type":"string","maxLength":3}');
    await dialog.getByText('Line 1, column 1: Must be at most 3 characters long.').waitFor();
    await editorFrame(page).locator('.cm-lintRange-error', { hasText: '"auto"' }).waitFor();
    expect(await create(dialog).isDisabled()).toBe(true);
    await editorFrame(page).locator('.cm-line', { hasText: '"auto"' }).waitFor();

    // A schema the app cannot use (a backreference cannot be checked in linear time) is refused before sending.
    await schemaArea(page).fill('{"type":"string","pattern":"^(a)\\\\1$"}');
    await dialog.getByText(/^In the schema at \/pattern: The pattern .* backreferences and lookaround are not supported/).waitFor();
    await dialog.getByText('The default is checked once the schema above can be used.').waitFor();
    expect(await create(dialog).isDisabled()).toBe(true);
    await saveScreenshot(page, 'editor-5-schema-refused');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await definitions()).some((d) => d.key === 'checked.theme')).toBe(false);
    expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
    await page.close();
  }, 60_000);

  test('the frame validates against the schema of the moment it starts, whatever changed before its hello', async () => {
    const view = await openHostPage(browser, app, { as: 'admin', module: MODULE_KEYS.adminPage });
    const { page } = view;
    // Hold the editor's script: the frame cannot say hello until the schema and default have changed in the page.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/__host/resources/json-editor/main.js', async (route) => {
      await held;
      await route.continue();
    });
    const dialog = await newPreference(page, 'early.theme');
    await schemaArea(page).fill(THEMES);
    await page.locator('textarea[id$="definition-default"]').fill('"dark"');
    await dialog.getByText('8 of 32,768 bytes').waitFor(); // "dark" as compact JSON: the page holds it
    await schemaArea(page).fill('{"type":"string","enum":["light","auto"]}');
    await dialog.getByText('Line 1, column 1: Must be one of: light, auto.').waitFor();
    release();
    // The frame's first load carries the text and schema the page has now: it underlines "dark".
    await editorFrame(page).locator('.cm-lintRange-error', { hasText: '"dark"' }).waitFor();
    await editorFrame(page).locator('.cm-content').fill('"auto"');
    await dialog.getByText('Line 1, column 1: Must be one of: light, auto.').waitFor({ state: 'detached' });
    await editorFrame(page).locator('.cm-lintRange-error').waitFor({ state: 'detached' });
    await create(dialog).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await definitions()).find((d) => d.key === 'early.theme')).toMatchObject({ schema: { enum: ['light', 'auto'] }, defaultValue: 'auto' });
    expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
    await page.close();
  }, 60_000);

  test('a refusal from the resolver is shown in the dialog, which stays usable', async () => {
    const view = await openHostPage(browser, app, { as: 'admin', module: MODULE_KEYS.adminPage });
    const { page } = view;
    const dialog = await newPreference(page, 'refused.density');
    await editorFrame(page).locator('.cm-line', { hasText: '"comfortable"' }).waitFor();
    // The admin loses Administer Jira while the dialog is open: the resolver refuses what the page let through.
    app.simulator.store.setAdmin(admin, false);
    await create(dialog).click();
    await page.getByText('The preference was not saved', { exact: true }).first().waitFor();
    await dialog.getByText('Not allowed', { exact: true }).waitFor();
    await dialog.getByText(/Jira admins/).first().waitFor();
    expect(await create(dialog).isEnabled()).toBe(true);
    app.simulator.store.setAdmin(admin, true);
    await create(dialog).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await definitions()).find((d) => d.key === 'refused.density')).toMatchObject({ defaultValue: 'comfortable' });
    expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
    await page.close();
  }, 60_000);
});

test('when the editor frame never starts, the TextArea takes over and the edit still saves', async () => {
  const app = await startHostApp({ resourceDirs: { 'json-editor': path.join(__dirname, 'fixtures/broken-editor') } });
  try {
    const view = await openHostPage(browser, app, { as: 'admin', module: MODULE_KEYS.adminPage });
    const { page } = view;
    await openEditorFor(page, 'costCenter');
    const area = page.locator('textarea[id$="property-value"]');
    await area.fill('"CC-7777"');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(app.simulator.store.getProperty(alice, 'costCenter')).toBe('CC-7777');
    await openEditorFor(page, 'costCenter');
    // After the wait for a hello that never comes, only the TextArea is left.
    await page.locator('iframe[data-forge-resource="json-editor"]').waitFor({ state: 'detached', timeout: 10_000 });
    await area.waitFor();
    await saveScreenshot(page, 'editor-4-fallback');
    expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
  } finally {
    await app.close();
  }
}, 60_000);
