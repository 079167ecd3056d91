import { CSPInjectionService, CSPProcessingService } from '@forge/csp';
import { load } from 'cheerio';
import fs from 'node:fs';
import path from 'node:path';
import type { Frame, FrameLocator, Locator, Page } from 'playwright-core';
import { parse } from 'yaml';
import type { SimStore } from '../../harness/simulator';
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

  test('a keyboard user leaves the editor as the hint under it says: Tab indents, Esc then Tab moves on', async () => {
    const view = await openHostPage(browser, app, { as: 'admin', module: MODULE_KEYS.adminPage });
    const { page } = view;
    await openEditorFor(page, 'myapp.preferences');
    const editor = editorFrame(page).locator('.cm-content');
    await editor.waitFor();
    await page.getByRole('dialog').getByText('Tab indents in the editor: press Esc, then Tab, to move on with the keyboard.').waitFor();
    await editorFrame(page).locator('.cm-line').nth(1).click();
    const focusedInPage = () => page.evaluate(() => document.activeElement?.tagName);
    // Tab stays in the editor and indents; Escape, then Tab, takes focus out of the frame to the dialog's next control.
    const before = await editor.textContent();
    await page.keyboard.press('Tab');
    expect(await focusedInPage()).toBe('IFRAME');
    expect(await editor.textContent()).not.toBe(before);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await focusedInPage()).toBe('BUTTON');
    expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
  }, 60_000);

  test('editing a sibling of a 20-digit integer in the code editor leaves the integer exact, as an HTTP GET shows', async () => {
    const key = 'lossless.record';
    // Stored by another client (a Java app's 64-bit id): a double would read 12345678901234567000.
    (app.simulator.store as SimStore).putPropertyJson(alice, key, '{"id":12345678901234567890,"n":1}');
    const view = await openHostPage(browser, app, { as: 'admin', module: MODULE_KEYS.adminPage });
    const { page } = view;
    await openEditorFor(page, key);
    const frame = editorFrame(page);
    await frame.getByText('12345678901234567890').waitFor();
    // Change only n, by keyboard where it is: the rest of the text stays as the editor loaded it.
    await frame.locator('.cm-line', { hasText: '"n": 1' }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('2');
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/Changed\s*n\b/).waitFor();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });

    // As curl would see it: Jira's answer text, not parsed.
    const { email } = DEMO_USERS.admin;
    const answer = await fetch(`${app.url}/rest/api/3/user/properties/${key}?accountId=${alice}`, {
      headers: { authorization: `Basic ${Buffer.from(`${email}:any-token`).toString('base64')}` },
    });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe(`{"key":"${key}","value":{"id":12345678901234567890,"n":2}}`);
    expect(app.simulator.store.getPropertyJson(alice, key)).toBe('{"id":12345678901234567890,"n":2}');
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

describe('under the Content-Security-Policy Forge serves the resource with', () => {
  const ROOT = path.resolve(__dirname, '../..');
  const EDITOR_DOCUMENT = '/__host/resources/json-editor/';
  let app: HostTestApp;
  beforeAll(async () => {
    app = await startHostApp();
  }, 120_000);
  afterAll(() => app?.close());

  /**
   * The policy @forge/csp computes for the editor's build, composed here from the package itself (not through the
   * server's code): the app's part from the shipped index.html and manifest.yml's permissions, in Forge's production
   * frame for the local site.
   */
  function forgePolicy(): string {
    const manifest = parse(fs.readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8'));
    const html = fs.readFileSync(path.join(ROOT, 'static/json-editor/build/index.html'));
    const existingCSPDetails = new CSPProcessingService({ info: () => undefined }, load).getCspDetails(html, manifest.permissions ?? {});
    return new CSPInjectionService().getInjectableCSP({ existingCSPDetails, microsEnv: 'prod', hostname: new URL(app.url).host }).join('; ');
  }

  interface CspWatch {
    /** `securitypolicyviolation` events from every frame of the page. */
    events: string[];
    /** What Chromium tells the console about it ("Refused to …", "… violates the following Content Security Policy …"). */
    console: string[];
  }

  async function watchCsp(page: Page): Promise<CspWatch> {
    const watch: CspWatch = { events: [], console: [] };
    await page.exposeBinding('__cspViolation', ({ frame }, text: string) => void watch.events.push(`${new URL(frame.url()).pathname}: ${text}`));
    // On the window, not the document: a Frame's iframe keeps the window of its first (about:blank) document, where
    // this runs, when it loads the resource, and Playwright does not run it again for the new document.
    await page.addInitScript(() => {
      window.addEventListener(
        'securitypolicyviolation',
        (event) => {
          const report = (window as unknown as { __cspViolation(text: string): void }).__cspViolation;
          const where = event.sourceFile ? ` at ${event.sourceFile.replace(/^.*\//, '')}:${event.lineNumber}:${event.columnNumber}` : '';
          report(`${event.effectiveDirective} refused ${event.blockedURI || '?'} (${event.disposition})${where} ${event.sample}`.trim());
        },
        true,
      );
    });
    page.on('console', (message) => {
      if (/^Refused to |Content Security Policy/.test(message.text())) watch.console.push(message.text());
    });
    return watch;
  }

  const editorDocument = (page: Page) =>
    page.waitForResponse((response) => new URL(response.url()).pathname === EDITOR_DOCUMENT && response.request().resourceType() === 'document');
  const editorFrameOf = (page: Page): Frame => page.frame({ url: (url) => url.pathname === EDITOR_DOCUMENT })!;

  test('the frame document carries the policy @forge/csp computes; the editor loads, validates and saves under it with no violation', async () => {
    const view = await openHostPage(browser, app, { as: 'admin', module: MODULE_KEYS.adminPage });
    const { page } = view;
    const watch = await watchCsp(page);
    const documentResponse = editorDocument(page);
    await openEditorFor(page, 'costCenter');
    const policy = await (await documentResponse).headerValue('content-security-policy');
    expect(policy).toBe(forgePolicy());
    // What the editor has to live with: no inline script or style, no eval, and Forge's sandbox.
    expect(policy).toMatch(/; script-src 'self' https:\/\/forge\.cdn\.prod\.atlassian-dev\.net [^;]*; style-src 'self' /);
    expect(policy).not.toMatch(/unsafe-|sha256-/);
    expect(policy).toContain('; sandbox allow-popups allow-popups-to-escape-sandbox allow-downloads allow-forms allow-modals allow-pointer-lock allow-same-origin allow-scripts;');

    const editor = editorFrame(page).locator('.cm-content');
    await editor.waitFor();
    await editorFrame(page).locator('.cm-line span').first().waitFor();
    const dialog = page.getByRole('dialog');
    await editor.fill('{\n  "code": "CC-1",\n  "owner" "hr"\n}');
    await dialog.getByText(/Line 3, column 11: Expected ":"/).waitFor();
    await editorFrame(page).locator('.cm-lintRange-error').first().waitFor();
    // Typed key by key over all of it (brackets and quotes close themselves), then pretty-printed with the editor's
    // shortcut. Typing over several lines is where Chromium's own editing writes style attributes, which the policy
    // refuses: the editor does that insertion itself (static/json-editor/src/editor.ts).
    await editor.press('ControlOrMeta+a');
    await editor.pressSequentially('{"code": "CC-42"');
    await dialog.getByText('Valid JSON').waitFor();
    await editor.press('ControlOrMeta+Shift+f');
    await editorFrame(page).locator('.cm-line', { hasText: /^ {2}"code": "CC-42"$/ }).waitFor();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(app.simulator.store.getProperty(alice, 'costCenter')).toEqual({ code: 'CC-42' });
    expect(watch).toEqual({ events: [], console: [] });
    expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
    await page.close();
  }, 60_000);

  test('schema completion and the problem tooltip (CodeMirror tooltips) work under it with no violation', async () => {
    const view = await openHostPage(browser, app, { as: 'admin', module: MODULE_KEYS.adminPage });
    const { page } = view;
    const watch = await watchCsp(page);
    await page.getByRole('tab', { name: 'Preferences' }).click();
    await page.getByRole('button', { name: 'New preference' }).click();
    const dialog = page.getByRole('dialog');
    await page.locator('textarea[id$="definition-schema"]').fill('{"type":"string","enum":["light","dark","auto"]}');
    const editor = editorFrame(page).locator('.cm-content');
    await editor.waitFor();
    await editor.fill('"dusk"');
    await dialog.getByText('Line 1, column 1: Must be one of: light, dark, auto.').waitFor();
    await editorFrame(page).locator('.cm-lintRange-error').hover();
    await editorFrame(page).locator('.cm-tooltip-lint').getByText('Must be one of: "light", "dark", "auto".').waitFor();
    await editor.press('ControlOrMeta+a');
    await editor.press('Backspace');
    // The page has heard of the empty text: nothing is on its way to the frame that would close the list.
    await dialog.getByText('0 of 32,768 bytes').waitFor();
    const options = editorFrame(page).locator('.cm-tooltip-autocomplete');
    const selected = options.locator('[aria-selected="true"] .cm-completionLabel');
    // The list reaches past the frame, under the dialog's footer: pick with the keyboard. A message from the page can
    // still close the list as it opens (the selection then vanishes): open it again rather than wait on a closed one.
    let picked = false;
    for (let attempt = 0; attempt < 3 && !picked; attempt += 1) {
      await editor.press('Control+Space');
      await options.getByText('"dark"').waitFor();
      for (let step = 0; step < 3; step += 1) {
        if ((await selected.count()) === 0) break;
        if ((await selected.innerText()) === '"dark"') {
          picked = true;
          break;
        }
        await editor.press('ArrowDown');
      }
    }
    expect(picked).toBe(true);
    await editor.press('Enter');
    await editorFrame(page).locator('.cm-line', { hasText: '"dark"' }).waitFor();
    await dialog.getByText('Line 1, column 1: Must be one of: light, dark, auto.').waitFor({ state: 'detached' });
    expect(watch).toEqual({ events: [], console: [] });
    expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
    await page.close();
  }, 60_000);

  test('the check is not vacuous: eval, an injected inline script and an inline style in the frame are refused and recorded', async () => {
    const view = await openHostPage(browser, app, { as: 'admin', module: MODULE_KEYS.adminPage });
    const { page } = view;
    const watch = await watchCsp(page);
    await openEditorFor(page, 'costCenter');
    await editorFrame(page).locator('.cm-content').waitFor();
    expect(watch).toEqual({ events: [], console: [] });

    // From a timer the frame runs: code Playwright evaluates directly is exempt from the eval check (DevTools' own).
    const outcome = await editorFrameOf(page).evaluate(
      () =>
        new Promise<Record<string, string>>((resolve) =>
          setTimeout(() => {
            const flags = window as unknown as { inlineRan?: boolean };
            let evaluated: string;
            try {
              evaluated = String(globalThis.eval('"ran"'));
            } catch (error) {
              evaluated = (error as Error).name;
            }
            const script = document.createElement('script');
            script.textContent = 'window.inlineRan = true;';
            document.head.append(script);
            const style = document.createElement('style');
            style.textContent = 'body { outline: 3px solid red; }';
            document.head.append(style);
            resolve({ eval: evaluated, inlineScript: flags.inlineRan ? 'ran' : 'refused', inlineStyle: getComputedStyle(document.body).outlineStyle });
          }),
        ),
    );
    expect(outcome).toEqual({ eval: 'EvalError', inlineScript: 'refused', inlineStyle: 'none' });
    for (let waited = 0; (watch.events.length < 3 || watch.console.length < 2) && waited < 5_000; waited += 50) await page.waitForTimeout(50);
    expect(watch.events).toEqual([
      expect.stringMatching(/^\/__host\/resources\/json-editor\/: script-src refused eval \(enforce\)/),
      '/__host/resources/json-editor/: script-src-elem refused inline (enforce)',
      '/__host/resources/json-editor/: style-src-elem refused inline (enforce)',
    ]);
    // Chromium words it "Refused to execute inline script because it violates …" or "Executing inline script violates …".
    expect(watch.console).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/inline script .*violates the following Content Security Policy directive:? ["']script-src 'self' /),
        expect.stringMatching(/inline style .*violates the following Content Security Policy directive:? ["']style-src 'self' /),
      ]),
    );
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
