// Shared setup for browser tests of the local Jira host: build the bundles, start the app server on an in-memory
// simulator, drive Debian's Chromium through playwright-core (never `playwright install`: there is no network).
//
//   const app = await startHostApp();                    // or startHostApp({ entryOverrides: { [moduleKey]: file } })
//                                                        // and resourceDirs: { [resourceKey]: folder } for a Frame
//   const browser = await launchBrowser();
//   const view = await openHostPage(browser, app, { as: 'alice', module: MODULE_KEYS.personalSettings });
//   await view.page.getByRole('heading', { name: 'My preferences' }).waitFor();
//   expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
//   await saveScreenshot(view.page, 'my-preferences');
//   await browser.close(); await app.close();
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from '../../harness/host/chromium';
import { buildHostAssets, type HostBuildOptions, type HostBuildResult } from '../../harness/host/build';
import { loadCustomUiBuilder } from '../../harness/host/custom-ui-build';
import { hostPageUrl } from '../../harness/host/config';
import type { HostError } from '../../harness/host/host-errors';
import { startAppServer, type AppServer, type AppServerOptions } from '../../harness/server/app-server';
import { DEMO_USERS, type DemoUser } from './test-app';

export const ARTIFACTS_DIR = path.resolve(__dirname, '../../test-artifacts');

export interface HostTestApp extends AppServer {
  /** The bundles this app serves (a fresh temporary folder, removed by close()). */
  build: HostBuildResult;
}

export interface HostTestAppOptions extends HostBuildOptions {
  /** Resource key → Custom UI folder, next to the manifest's resources (a fixture resource for a `Frame`). */
  resourceDirs?: Record<string, string>;
  /** More options of the app server: a generated site, queue settings. */
  server?: Omit<AppServerOptions, 'validateContract' | 'hostAssetsDir' | 'hostResourceDirs'>;
}

// One Custom UI build per test process: the resources under static/ do not change while tests run.
let customUiBuild: Promise<unknown> | undefined;
function buildCustomUiOnce(): Promise<unknown> {
  customUiBuild ??= loadCustomUiBuilder().then((build) => build?.());
  return customUiBuild;
}

/**
 * Builds the host bundles into a temporary folder (and the app's Custom UI resources into static/…/build, when
 * harness/static/build-static.ts exists) and starts the app server on them: in-memory demo site, every simulator
 * exchange checked against the OpenAPI contract (assert `app.simulator.contractViolations` is empty).
 */
export async function startHostApp(options: HostTestAppOptions = {}): Promise<HostTestApp> {
  const { resourceDirs, server, ...buildOptions } = options;
  const assetsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'forge-host-assets-'));
  const [build] = await Promise.all([buildHostAssets(assetsDir, buildOptions), buildCustomUiOnce()]);
  const app = await startAppServer({ ...server, validateContract: true, hostAssetsDir: assetsDir, hostResourceDirs: resourceDirs });
  return {
    ...app,
    build,
    close: async () => {
      await app.close();
      fs.rmSync(assetsDir, { recursive: true, force: true });
    },
  };
}

export type TestBrowser = ChromiumSession;

/** Chromium with a fresh profile, for one test file. */
export const launchBrowser = launchChromium;

export interface HostPageView {
  page: Page;
  /** Uncaught exceptions and unhandled rejections in the page. */
  pageErrors: string[];
  /** console.error lines (informational: Atlaskit may log; tests assert on pageErrors and hostErrors). */
  consoleErrors: string[];
  /** window.__hostErrors: gaps the host met (unknown bridge commands, unsupported components, crashes). */
  hostErrors(): Promise<HostError[]>;
  /** Both lists at once, to assert they are empty. */
  problems(): Promise<{ pageErrors: string[]; hostErrors: HostError[] }>;
}

/** Opens the host page as a seeded user on a module, and waits until the app has rendered its first forgeDoc. */
export async function openHostPage(browser: TestBrowser, app: AppServer, options: { as: DemoUser; module: string }): Promise<HostPageView> {
  const page = await browser.context.newPage();
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  const response = await page.goto(`${app.url}${hostPageUrl(DEMO_USERS[options.as].accountId, options.module)}`);
  if (!response?.ok()) throw new Error(`host page answered HTTP ${response?.status()}: ${await response?.text()}`);
  await page.locator('[data-forge-root]').waitFor();
  const hostErrors = () => page.evaluate(() => window.__hostErrors);
  return { page, pageErrors, consoleErrors, hostErrors, problems: async () => ({ pageErrors, hostErrors: await hostErrors() }) };
}

/** Saves a full-page PNG to test-artifacts/<name>.png (git-ignored) and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Picks a user in the admin page's user picker and waits for their properties table. */
export async function pickUser(page: Page, query: string, name: string): Promise<void> {
  const picker = page.getByRole('combobox', { name: 'User' });
  await picker.click();
  await picker.pressSequentially(query, { delay: 20 });
  await page.getByRole('option', { name: new RegExp(name) }).click();
  await page.getByRole('table').waitFor();
}

/** The Custom UI code editor (static/json-editor) inside a dialog's Frame. */
export const jsonEditorIn = (page: Page) => page.frameLocator('iframe[data-forge-resource="json-editor"]').locator('.cm-content');
