import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, openHostPage, saveScreenshot, startHostApp, type HostPageView, type HostTestApp, type TestBrowser } from '../support/browser';
import { MODULE_KEYS } from '../support/test-app';

// Every UI Kit component type the host renders, from a fixture app bundled in the admin page's place (so `invoke`
// reaches the app's real resolver), in Chromium.
jest.setTimeout(90_000);

const FIXTURE = path.join(__dirname, 'fixtures/kitchen-sink.tsx');
// Node types that never appear as components of their own, and ones UI Kit only takes inside props.
const INTERNAL_TYPES = ['Root', 'ContentWrapper'];
const PROP_ONLY_TYPES = ['SectionMessageAction'];
// Types with a browser test of their own (Frame needs a Custom UI resource: test/host/frame.test.ts).
const TESTED_ELSEWHERE = ['Frame'];

let app: HostTestApp;
let browser: TestBrowser;
let view: HostPageView;
let page: Page;

beforeAll(async () => {
  [app, browser] = await Promise.all([startHostApp({ entryOverrides: { [MODULE_KEYS.adminPage]: FIXTURE } }), launchBrowser()]);
  view = await openHostPage(browser, app, { as: 'admin', module: MODULE_KEYS.adminPage });
  page = view.page;
  await page.getByRole('heading', { name: 'Kitchen sink' }).waitFor();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});
afterEach(async () => {
  expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
  expect(app.simulator.contractViolations).toEqual([]);
});

const app$ = () => page.getByTestId('forge-app');
const showsText = (text: string) => app$().getByText(text, { exact: true }).waitFor();

test('every component type renders through Atlaskit, with none unsupported', async () => {
  const a = app$();
  await a.getByRole('heading', { level: 1, name: 'Kitchen sink' }).waitFor();
  await a.locator('strong', { hasText: 'strong' }).waitFor();
  await a.locator('em', { hasText: 'emphasis' }).waitFor();
  await a.locator('s', { hasText: 'struck' }).waitFor();
  await a.locator('code', { hasText: 'inline code' }).waitFor();
  expect(await a.getByRole('link', { name: /^link/ }).getAttribute('target')).toBe('_blank');
  await showsText('Context: user-properties-admin / jira:adminPage'); // useProductContext → getContext
  await a.getByTestId('ks-box').waitFor();
  expect(await a.getByTestId('ks-lozenge').innerText()).toMatch(/lozenge/i);
  expect(await a.getByTestId('ks-badge').innerText()).toBe('99+'); // max={99} applies to the number 120
  await a.getByRole('img', { name: 'Done icon' }).waitFor();
  await a.getByTestId('ks-spinner').waitFor();
  expect(await a.getByTestId('ks-progress').getAttribute('aria-valuenow')).toBe('0.4');
  // Label, its field and the RequiredAsterisk: the label points at the field's (prefixed) id.
  const label = a.locator('label', { hasText: 'Your text' });
  expect(await label.innerText()).toContain('*');
  expect(await a.getByTestId('ks-textfield').getAttribute('id')).toBe(await label.getAttribute('for'));
  await a.getByTestId('ks-helper').waitFor();
  await a.getByTestId('ks-valid').waitFor();
  await a.getByTestId('ks-always-error').waitFor();
  expect(await a.getByLabel('Always invalid').getAttribute('aria-invalid')).toBe('true');
  await a.getByTestId('ks-textarea').waitFor();
  await a.getByTestId('ks-button-group').waitFor();
  await a.getByRole('button', { name: 'Submit' }).waitFor();
  await a.getByTestId('ks-loading-button').waitFor();
  await a.getByText('Pick a fruit').waitFor();
  await a.getByRole('checkbox', { name: 'Check it' }).waitFor();
  await a.getByLabel('Pick a user').waitFor();
  await a.locator('[data-forge-type=User]', { hasText: 'Alice Nguyen' }).waitFor();
  await a.getByTestId('ks-table--table').waitFor();
  expect(await a.getByTestId('ks-codeblock').innerText()).toContain('"theme"');
  await a.getByTestId('ks-section').getByText('Section title').waitFor();
  await a.getByTestId('ks-section').getByRole('link', { name: 'Learn more' }).waitFor();
  await a.getByTestId('ks-empty').getByText('Nothing yet').waitFor();
  await a.getByRole('tab', { name: 'First tab' }).waitFor();
  await a.getByRole('tabpanel').getByText('First panel').waitFor();
  await saveScreenshot(page, 'host-kitchen-sink');

  // Open the modal so its types are in the doc too, then compare with all the host supports.
  await a.getByRole('button', { name: 'Open modal' }).click();
  await page.getByRole('dialog').getByText('Modal title').waitFor();
  const { supported, used } = await page.evaluate(() => ({ supported: window.__forgeHost!.supportedTypes, used: window.__forgeHost!.docTypes() }));
  const missing = supported.filter((type) => !used.includes(type) && !INTERNAL_TYPES.includes(type) && !PROP_ONLY_TYPES.includes(type) && !TESTED_ELSEWHERE.includes(type));
  expect(missing).toEqual([]);
  expect(await page.locator('[data-testid=forge-host-unsupported]').count()).toBe(0);
  await page.getByRole('dialog').getByRole('button', { name: 'Close modal' }).click();
  await showsText('Modal closed by: button');
});

test('typing into a Textfield round-trips through the reconciler without losing the caret', async () => {
  const field = app$().getByTestId('ks-textfield');
  await field.click();
  await field.pressSequentially('helo');
  await showsText('Echo: helo');
  await field.press('ArrowLeft');
  await field.pressSequentially('l');
  await showsText('Echo: hello');
  expect(await field.inputValue()).toBe('hello');
  expect(await field.evaluate((input: HTMLInputElement) => input.selectionStart)).toBe(4);
});

test('clicking a Button runs the app handler, which invokes the real resolver as the acting user', async () => {
  await app$().getByRole('button', { name: 'Submit' }).click();
  await showsText('Submitted: hello');
  await showsText('Session: Alex Admin');
});

test('the app validates as the user types: ValidMessage gives way to ErrorMessage', async () => {
  const field = app$().getByTestId('ks-textfield');
  await field.pressSequentially(' world!');
  await app$().getByTestId('ks-error').getByText('Too long').waitFor();
  expect(await app$().getByTestId('ks-valid').count()).toBe(0);
  await app$().getByTestId('ks-textarea').pressSequentially('line one');
  await showsText('Notes: line one');
});

test('Select, Toggle and Checkbox hand the app what UI Kit does', async () => {
  await app$().locator('input[id$="ks-select"]').click();
  await page.getByRole('option', { name: 'Banana' }).click();
  await showsText('Choice: banana');
  await app$().locator('label:has(input[type=checkbox][id$="ks-toggle"])').click();
  await showsText('Toggle: on');
  await app$().getByRole('checkbox', { name: 'Check it' }).click();
  await showsText('Checkbox: checked');
  await app$().getByRole('checkbox', { name: 'Check it' }).click();
  await showsText('Checkbox: unchecked');
});

test('UserPicker searches Jira as the acting user and hands the app { id, name, avatarUrl, email, type }', async () => {
  await app$().getByLabel('Pick a user').pressSequentially('ali');
  await page.getByRole('option', { name: 'Alice Nguyen' }).click();
  await showsText('Picked: Alice Nguyen <alice@example.com>');
  expect(app.simulator.requests.some((r) => r.pathname === '/rest/api/3/user/picker' && r.principal.kind === 'user')).toBe(true);
});

test('DynamicTable sorts by the cell keys, and Tabs report the selected index', async () => {
  const names = () => app$().locator('[data-testid^="ks-table--row-"] [data-testid="ks-table--cell-0"]').allInnerTexts();
  expect(await names()).toEqual(['Alpha', 'Bravo', 'Charlie']);
  await app$().getByTestId('ks-table--head').getByRole('button', { name: 'Name' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid^="ks-table--row-"]')?.textContent?.startsWith('Charlie'));
  expect(await names()).toEqual(['Charlie', 'Bravo', 'Alpha']);
  await app$().getByRole('tab', { name: 'Second tab' }).click();
  await showsText('Tab: 1');
  await app$().getByRole('tabpanel').getByText('Second panel').waitFor();
});

test('Modal onClose fires on Escape; EmptyState actions and Tooltips work', async () => {
  await app$().getByRole('button', { name: 'Open modal' }).click();
  await page.getByRole('dialog').waitFor();
  await page.keyboard.press('Escape');
  await showsText('Modal closed by: onClose');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await app$().getByTestId('ks-empty').getByRole('button', { name: 'Fill' }).click();
  await showsText('Echo: from empty state');
  await app$().getByText('Hover me').hover();
  await page.getByRole('tooltip').getByText('Tooltip content').waitFor();
});

test('showFlag shows an Atlaskit flag, and flag.close() closes it and resolves true', async () => {
  await app$().getByRole('button', { name: 'Show flag' }).click();
  const flag = page.getByTestId('forge-flag-ks-flag');
  await flag.getByText('Saved').waitFor();
  expect(await flag.innerText()).toContain('The flag description');
  await showsText('Flag closed: true');
  await flag.waitFor({ state: 'detached' });
});

test('an unknown bridge command fails loudly: it throws, shows a red banner and lands in window.__hostErrors', async () => {
  const outcome = await page.evaluate(async () => {
    try {
      await window.__bridge!.callBridge('openRovo', {});
      return 'resolved';
    } catch (error) {
      return (error as Error).message;
    }
  });
  expect(outcome).toBe("bridge command 'openRovo' is not implemented by the local Jira host");
  await page.getByTestId('forge-host-error-banner').getByText(/openRovo/).waitFor();
  expect(await view.hostErrors()).toEqual([expect.objectContaining({ kind: 'bridge-command', message: outcome })]);
  // Clear what this test provoked on purpose, so afterEach still guards the rest.
  await page.evaluate(() => window.__hostErrors.splice(0));
});
