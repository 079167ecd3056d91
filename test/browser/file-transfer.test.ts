import fs from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import type { SimStore } from '../../harness/simulator';
import { MODULE_KEYS, type Envelope } from '../../src/shared/contract';
import { launchBrowser, openHostPage, pickUser, saveScreenshot, startHostApp, type HostTestApp, type TestBrowser } from '../support/browser';
import { DEMO_USERS } from '../support/test-app';
import { FIXTURE_MAX_BYTES, fingerprint } from './fixtures/fingerprint';

// The Custom UI file-transfer frame (static/file-transfer) inside the real UI Kit pages, through the local host's
// Frame: the exports download as files whose bytes are the export's text, and a picked file reaches the page whole.
let browser: TestBrowser;
beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(() => browser?.close());

const bob = DEMO_USERS.bob.accountId;
const fileFrame = (page: Page): FrameLocator => page.frameLocator('iframe[data-forge-resource="file-transfer"]');

/** Policy violations in any frame of the page, as `securitypolicyviolation` events (watched from the first document on). */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeBinding('__fileCspViolation', ({ frame }, text: string) => void violations.push(`${new URL(frame.url()).pathname}: ${text}`));
  await page.addInitScript(() => {
    window.addEventListener(
      'securitypolicyviolation',
      (event) => (window as unknown as { __fileCspViolation(text: string): void }).__fileCspViolation(`${event.effectiveDirective} refused ${event.blockedURI}`),
      true,
    );
  });
  return violations;
}

/** Clicks a Download button in the file frame and returns the saved file's name and its text (UTF-8). */
async function download(page: Page, buttonName: string): Promise<{ name: string; text: string }> {
  const button = fileFrame(page).getByRole('button', { name: buttonName, exact: true });
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), 'utf8') };
}

describe('the exports', () => {
  let app: HostTestApp;
  beforeAll(async () => {
    app = await startHostApp();
  }, 120_000);
  afterAll(() => app?.close());
  afterEach(() => expect(app.simulator.contractViolations).toEqual([]));

  test('a user\'s properties download as JSON and as CSV, byte for byte the export the modal shows', async () => {
    // A value whose text another client stored with CRLF and a 20-digit integer: the export keeps both as they are.
    (app.simulator.store as SimStore).putPropertyJson(bob, 'export.crlf', '{\r\n  "id": 12345678901234567890\r\n}');
    (app.simulator.store as SimStore).putPropertyJson(bob, 'export.flat', '"a, \\"quoted\\""');
    const view = await openHostPage(browser, app, { as: 'admin', module: MODULE_KEYS.adminPage });
    const { page } = view;
    const violations = await watchCsp(page);
    await pickUser(page, 'Bob', 'Bob Martin');
    const exportButton = page.getByRole('button', { name: 'Export', exact: true });
    await page.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent === 'Export' && !b.disabled));
    await exportButton.click();
    const dialog = page.getByRole('dialog');

    // Bob's accountId has a colon, which file systems refuse: the name has a dash there.
    const fileBase = 'user-properties-557058-9c2f6c1e-3b8a-4e57-a6d2-0f4b7e1d9a33';
    const json = await download(page, `Download ${fileBase}.json`);
    const shownJson = await dialog.getByLabel('JSON export (read-only)').inputValue();
    expect(json.name).toBe(`${fileBase}.json`);
    // A textarea's value has LF where the text has CRLF (HTML normalises them); the file has the text's own bytes.
    expect(json.text).toContain('"export.crlf": {\r\n  "id": 12345678901234567890\r\n}');
    expect(json.text.replace(/\r\n/g, '\n')).toBe(shownJson);
    expect(Object.keys((JSON.parse(json.text) as Record<string, object>)[bob]).sort()).toEqual(app.simulator.store.listKeys(bob).sort());
    await fileFrame(page).getByRole('status').getByText(`Download started: ${fileBase}.json`, { exact: false }).waitFor();
    await saveScreenshot(page, 'file-transfer-1-export-json');

    await dialog.getByRole('combobox', { name: 'Format' }).click();
    await page.getByRole('option', { name: 'CSV (flat values)' }).click();
    const csv = await download(page, `Download ${fileBase}.csv`);
    const shownCsv = await dialog.getByLabel('CSV export (read-only)').inputValue();
    expect(csv.name).toBe(`${fileBase}.csv`);
    expect(csv.text.startsWith('accountId,key,json\r\n')).toBe(true);
    expect(csv.text).toContain(`${bob},export.flat,"""a, \\""quoted\\"""""\r\n`);
    expect(csv.text.replace(/\r\n/g, '\n')).toBe(shownCsv);
    // The copy path stays next to the button.
    await dialog.getByText(`Or copy it: click in the box, select all the text (Ctrl+A, or Cmd+A on a Mac), copy it and paste it into a file named ${fileBase}.csv.`).waitFor();

    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(violations).toEqual([]);
    expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
    await page.close();
  }, 90_000);

  test('the History tab\'s export downloads as the JSON it shows', async () => {
    const answer = (await app.runtime.invoke({
      functionKey: 'setProperty',
      payload: { accountId: bob, key: 'hist.file', json: '{"n":12345678901234567890}' },
      context: { accountId: DEMO_USERS.admin.accountId, moduleKey: MODULE_KEYS.adminPage },
    })) as Envelope<unknown>;
    expect(answer.success).toBe(true);
    const view = await openHostPage(browser, app, { as: 'admin', module: MODULE_KEYS.adminPage });
    const { page } = view;
    const violations = await watchCsp(page);
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByRole('table').waitFor();
    await page.getByRole('button', { name: 'Export JSON' }).click();
    const dialog = page.getByRole('dialog');
    const shown = dialog.getByLabel('JSON export (read-only)');
    await shown.waitFor();
    const file = await download(page, 'Download user-properties-history.json');
    expect(file.name).toBe('user-properties-history.json');
    expect(file.text).toBe(await shown.inputValue());
    const exported = JSON.parse(file.text) as { entries: Array<{ key: string; after?: string }> };
    expect(exported.entries.find((e) => e.key === 'hist.file')?.after).toBe('{"n":12345678901234567890}');
    await saveScreenshot(page, 'file-transfer-2-history');
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(violations).toEqual([]);
    expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
    await page.close();
  }, 90_000);
});

describe('a page with FileOpen (fixture), then FileDownload', () => {
  let app: HostTestApp;
  beforeAll(async () => {
    app = await startHostApp({ entryOverrides: { [MODULE_KEYS.personalSettings]: path.join(__dirname, 'fixtures/file-transfer-app.tsx') } });
  }, 120_000);
  afterAll(() => app?.close());

  test('a picked file reaches the page whole; one over the limit is refused in the frame and to the page', async () => {
    const view = await openHostPage(browser, app, { as: 'alice', module: MODULE_KEYS.personalSettings });
    const { page } = view;
    const violations = await watchCsp(page);
    const input = fileFrame(page).getByLabel('JSON file to import');
    await input.waitFor();
    expect(await input.getAttribute('accept')).toBe('.json,application/json');

    // Three parts (64,000 characters at most each), with an emoji at a cut and a byte order mark the page never sees.
    const text = `{"v":"${'ж'.repeat(63_994)}🎉${'x'.repeat(70_000)}"}`;
    await input.setInputFiles({ name: 'import.json', mimeType: 'application/json', buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]) });
    await page.getByText(`Picked: import.json, ${text.length} characters, fingerprint ${fingerprint(text)}, starts {"v":"жжжжжж`).waitFor();
    await fileFrame(page).getByRole('status').getByText(/^Read import\.json/).waitFor();
    await saveScreenshot(page, 'file-transfer-3-open');

    await input.setInputFiles({ name: 'large.json', mimeType: 'application/json', buffer: Buffer.alloc(FIXTURE_MAX_BYTES + 1, 0x20) });
    const message = 'large.json is 293.0 KB (300,001 bytes): files up to 293.0 KB (300,000 bytes) can be opened here.';
    await page.getByText(`Problem: ${message}`).waitFor();
    await fileFrame(page).getByRole('status').getByText(message).waitFor();
    await page.getByText('Picked: import.json').waitFor();

    // The page swaps the FileOpen for a FileDownload: a new Frame, configured for the download.
    await page.getByRole('button', { name: 'Offer a download' }).click();
    const file = await download(page, 'Download fixture.csv');
    expect(file).toEqual({ name: 'fixture.csv', text: 'a,b\r\n1,"Grüße 🎉"\r\n' });
    expect(violations).toEqual([]);
    expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
    await page.close();
  }, 90_000);
});
