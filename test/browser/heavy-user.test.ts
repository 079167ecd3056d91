import type { Page } from 'playwright-core';
import { SimStore } from '../../harness/simulator/store';
import { FORGE_PAYLOAD_LIMIT_BYTES, FORGE_RESPONSE_LIMIT_BYTES } from '../../src/domain/read-pages';
import { MODULE_KEYS, type PropertyPage } from '../../src/shared/contract';
import { launchBrowser, openHostPage, saveScreenshot, startHostApp, type HostPageView, type HostTestApp, type TestBrowser } from '../support/browser';
import { DEMO_USERS } from '../support/test-app';

// Issue 9, in Debian's Chromium: a user with many (or large) properties opens fully in the admin page, a page of
// values per invocation, each answer within Forge's limits, and the table shows before the last value is read.
let app: HostTestApp;
let browser: TestBrowser;
beforeAll(async () => {
  [app, browser] = await Promise.all([startHostApp(), launchBrowser()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const PAGE_FUNCTIONS = ['listProperties', 'getPropertyValues'];
interface CaptionSeen {
  caption: string;
  progressBar: boolean;
  rows: number;
}

/** Replaces the user's properties in the simulator store (fast: no HTTP) with `count` JSON texts. */
function seed(accountId: string, count: number, key: (i: number) => string, json: (i: number) => string) {
  const store = app.simulator.store; // the SimStore behind the simulator's narrower SimulatorStore interface
  if (!(store instanceof SimStore)) throw new Error('the simulator store is not a SimStore');
  for (const existing of store.listKeys(accountId)) store.deleteProperty(accountId, existing);
  for (let i = 0; i < count; i++) store.putPropertyJson(accountId, key(i), json(i));
  expect(store.listKeys(accountId)).toHaveLength(count);
}

/**
 * Pastes the accountId, presses Open and waits for the complete caption. Answers every caption the table showed (in
 * order, with whether the progress bar was up), the page answers of this open, and the runtime/simulator records.
 */
async function openUser(page: Page, accountId: string, finalCaption: string) {
  const invocationsBefore = app.runtime.invocations.length;
  const requestsBefore = app.simulator.requests.length;
  const answers: Array<Promise<{ functionKey: string; body: { success: boolean; data: PropertyPage } }>> = [];
  const onResponse = (response: import('playwright-core').Response) => {
    if (!response.url().endsWith('/__forge/invoke')) return;
    const { functionKey } = response.request().postDataJSON() as { functionKey: string };
    if (PAGE_FUNCTIONS.includes(functionKey)) answers.push(response.json().then((body) => ({ functionKey, body })));
  };
  page.on('response', onResponse);
  await page.evaluate(() => {
    const seen: CaptionSeen[] = [];
    (window as unknown as { __captions: CaptionSeen[] }).__captions = seen;
    const record = () => {
      const caption = document.querySelector('table caption')?.textContent;
      if (caption && seen[seen.length - 1]?.caption !== caption) {
        seen.push({ caption, progressBar: document.querySelector('[role="progressbar"]') !== null, rows: document.querySelectorAll('table tbody tr').length });
      }
    };
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByRole('textbox', { name: 'Or paste an accountId' }).fill(accountId);
  const started = Date.now();
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.locator('table caption', { hasText: new RegExp(`^${finalCaption}$`) }).waitFor({ timeout: 45_000 });
  const ms = Date.now() - started;
  page.off('response', onResponse);
  const captions = await page.evaluate(() => (window as unknown as { __captions: CaptionSeen[] }).__captions);
  const invocations = app.runtime.invocations.slice(invocationsBefore).filter((i) => PAGE_FUNCTIONS.includes(i.functionKey));
  return { captions, answers: await Promise.all(answers), invocations, requests: app.simulator.requests.slice(requestsBefore), ms };
}

async function filterFinds(page: Page, key: string, caption: string) {
  await page.getByRole('textbox', { name: 'Filter by key' }).fill(key);
  await page.locator('table caption', { hasText: caption }).waitFor();
  await page.getByRole('cell', { name: key, exact: true }).waitFor();
  expect(await page.locator('table tbody tr').count()).toBe(1);
}

async function expectClean(view: HostPageView) {
  expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
  expect(app.runtime.violations).toEqual([]);
  expect(app.simulator.contractViolations).toEqual([]);
}

test('300 properties of 20,000 bytes: all shown, the table early, every invoke answer within Forge limits', async () => {
  const dmitri = DEMO_USERS.dmitri.accountId;
  const key = (i: number) => `heavy.${String(i).padStart(3, '0')}`;
  const json = (i: number) => {
    const head = `{"i":${i},"pad":"`;
    const text = `${head}${'x'.repeat(20_000 - head.length - 2)}"}`;
    expect(Buffer.byteLength(text, 'utf8')).toBe(20_000);
    return text;
  };
  seed(dmitri, 300, key, json);

  const view = await openHostPage(browser, app, { as: 'admin', module: MODULE_KEYS.adminPage });
  const opened = await openUser(view.page, dmitri, '300 properties');
  console.log(`heavy user: table complete ${opened.ms} ms after Open; captions seen: ${opened.captions.map((c) => c.caption).join(' → ')}; answers: ${opened.invocations.map((i) => `${i.functionKey} ${i.responseBytes?.toLocaleString('en-US')} B in ${i.ms} ms`).join(', ')}`);

  // The first rows showed while values were still loading, with the progress bar up.
  const [first] = opened.captions;
  expect(first.caption).toMatch(/^\d+ of 300 properties loaded$/);
  expect(first.progressBar).toBe(true);
  expect(first.rows).toBeGreaterThan(0);
  expect(opened.captions[opened.captions.length - 1]).toMatchObject({ caption: '300 properties', progressBar: false });

  // Every page answer within Forge's limits; one listing; 300 distinct values in all.
  expect(opened.invocations.filter((i) => i.functionKey === 'listProperties')).toHaveLength(1);
  expect(opened.invocations.length).toBeGreaterThan(2); // 300 × 20 KB cannot fit in one 5 MB answer
  for (const invocation of opened.invocations) {
    expect(invocation.failure).toBeUndefined();
    expect(invocation.responseBytes).toBeLessThanOrEqual(FORGE_RESPONSE_LIMIT_BYTES);
    expect(invocation.payloadBytes).toBeLessThanOrEqual(FORGE_PAYLOAD_LIMIT_BYTES);
  }
  expect(FORGE_RESPONSE_LIMIT_BYTES).toBe(5_242_880);
  expect(FORGE_PAYLOAD_LIMIT_BYTES).toBe(512_000);
  expect(opened.answers.every((a) => a.body.success)).toBe(true);
  const loaded = opened.answers.flatMap((a) => a.body.data.properties);
  expect(loaded).toHaveLength(300);
  expect(new Set(loaded.map((p) => p.key)).size).toBe(300);
  expect(loaded.every((p) => p.bytes === 20_000)).toBe(true);

  await filterFinds(view.page, 'heavy.299', '1 of 300 properties');
  await view.page.getByRole('row', { name: /heavy\.299/ }).getByText('20,000 B', { exact: false }).waitFor();
  await saveScreenshot(view.page, 'heavy-user');
  await expectClean(view);
  await view.page.close();
}, 60_000);

test('1,000 small properties: all shown, the last found, each value read from Jira exactly once', async () => {
  const alice = DEMO_USERS.alice.accountId;
  const key = (i: number) => `small.${String(i).padStart(4, '0')}`;
  seed(alice, 1_000, key, (i) => JSON.stringify({ i, note: `value ${i}` }));

  const view = await openHostPage(browser, app, { as: 'admin', module: MODULE_KEYS.adminPage });
  const opened = await openUser(view.page, alice, '1,000 properties');
  console.log(`1,000 small properties: table complete ${opened.ms} ms after Open, ${opened.invocations.length} page invocations`);

  const ofAlice = opened.requests.filter((r) => r.method === 'GET' && r.query.accountId === alice);
  const listings = ofAlice.filter((r) => r.pathname === '/rest/api/3/user/properties');
  const valueReads = ofAlice.filter((r) => r.pathname.startsWith('/rest/api/3/user/properties/'));
  expect(listings).toHaveLength(1);
  expect(valueReads).toHaveLength(1_000);
  expect(new Set(valueReads.map((r) => r.pathname)).size).toBe(1_000);
  expect(valueReads.every((r) => r.status === 200)).toBe(true);
  expect(opened.invocations.filter((i) => i.functionKey === 'listProperties')).toHaveLength(1);
  expect(opened.invocations.every((i) => i.failure === undefined && (i.responseBytes ?? Infinity) <= FORGE_RESPONSE_LIMIT_BYTES)).toBe(true);
  expect(opened.answers.flatMap((a) => a.body.data.properties)).toHaveLength(1_000);

  await filterFinds(view.page, 'small.0999', '1 of 1,000 properties');
  await saveScreenshot(view.page, 'heavy-user-1000-small');
  await expectClean(view);
  await view.page.close();
}, 60_000);
