import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { MODULE_KEYS } from '../../src/shared/contract';
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
