import { launchBrowser, openHostPage, saveScreenshot, startHostApp, type HostTestApp, type TestBrowser } from '../support/browser';
import { DEMO_USERS, MODULE_KEYS } from '../support/test-app';

// The real frontends, built and served as `npm start` does, in Chromium.
jest.setTimeout(60_000);

let app: HostTestApp;
let browser: TestBrowser;
beforeAll(async () => {
  [app, browser] = await Promise.all([startHostApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

test('the admin page, as the seeded admin, renders through Atlaskit inside the Jira chrome', async () => {
  const view = await openHostPage(browser, app, { as: 'admin', module: MODULE_KEYS.adminPage });
  const { page } = view;
  const heading = page.getByTestId('forge-app').getByRole('heading', { level: 1, name: 'User properties' });
  await heading.waitFor();
  // @atlaskit/heading xlarge takes the typography token (weight 653, 28/32px), not a browser-default h1 (700, 2em).
  expect(await heading.evaluate((h) => [getComputedStyle(h).fontWeight, getComputedStyle(h).lineHeight])).toEqual(['653', '32px']);
  expect(await page.getByTestId('host-user-switcher').innerText()).toContain('Alex Admin');
  expect(await page.getByTestId('jira-side-nav').getByRole('link', { name: 'User properties' }).getAttribute('aria-current')).toBe('page');
  await saveScreenshot(page, 'host-admin-page');
  expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
  expect(await page.locator('[data-testid=forge-host-unsupported], [data-testid=forge-host-error-banner]').count()).toBe(0);

  // The module switcher in the top bar: personal settings, same account (the choice lives in the URL).
  await page.getByTestId('host-module-switcher').click();
  await Promise.all([page.waitForURL(/module=my-preferences/), page.getByRole('option', { name: 'Personal settings: My preferences' }).click()]);
  expect(new URL(page.url()).searchParams.get('as')).toBe(DEMO_USERS.admin.accountId);
  await page.getByTestId('forge-app').getByRole('heading', { level: 1, name: 'My preferences' }).waitFor();
  expect(await page.getByTestId('forge-app').innerText()).toContain('of 32,768 bytes');
  await saveScreenshot(page, 'host-my-preferences');
  expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
  expect(app.simulator.contractViolations).toEqual([]);
});
