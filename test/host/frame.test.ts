import * as esbuild from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { HOST_CONFIG_ELEMENT_ID, type HostPageConfig } from '../../harness/host/config';
import { loadCustomUiBuilder } from '../../harness/host/custom-ui-build';
import { BRIDGE_FILE, injectBridgeScript } from '../../harness/server/frame-resources';
import { readManifestPermissions, resourceCsp } from '../../harness/server/resource-csp';
import { launchBrowser, openHostPage, saveScreenshot, startHostApp, type HostPageView, type HostTestApp, type TestBrowser } from '../support/browser';
import { DEMO_USERS, MODULE_KEYS } from '../support/test-app';

// UI Kit's Frame in Chromium: a fixture UI Kit app (in both modules' place) shows a fixture Custom UI resource built
// with the real @forge/bridge, and the two talk through `events`.
jest.setTimeout(90_000);

const FIXTURES = path.join(__dirname, 'fixtures');
const APP = path.join(FIXTURES, 'frame-app.tsx');

let resourceDir: string;
let app: HostTestApp;
let browser: TestBrowser;

/** The fixture resource as a Custom UI build: its index.html and its script bundled with @forge/bridge. */
async function buildFixtureResource(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-resource-'));
  for (const file of ['index.html', 'style.css']) fs.copyFileSync(path.join(FIXTURES, 'frame-resource', file), path.join(dir, file));
  await esbuild.build({
    entryPoints: [path.join(FIXTURES, 'frame-resource/app.ts')],
    outfile: path.join(dir, 'app.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    logLevel: 'silent',
  });
  return dir;
}

beforeAll(async () => {
  resourceDir = await buildFixtureResource();
  [app, browser] = await Promise.all([
    startHostApp({
      entryOverrides: { [MODULE_KEYS.adminPage]: APP, [MODULE_KEYS.personalSettings]: APP },
      resourceDirs: { 'fixture-frame': resourceDir, 'not-built': path.join(resourceDir, 'build') },
    }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (resourceDir) fs.rmSync(resourceDir, { recursive: true, force: true });
});
afterEach(() => expect(app.simulator.contractViolations).toEqual([]));

const get = (pathAndQuery: string) => fetch(`${app.url}${pathAndQuery}`);

async function openFramePage(module: string): Promise<{ view: HostPageView; page: Page; frame: FrameLocator }> {
  const view = await openHostPage(browser, app, { as: 'admin', module });
  const { page } = view;
  await page.getByTestId('forge-app').getByRole('heading', { name: 'Frame fixture' }).waitFor();
  const frame = page.frameLocator('iframe[data-forge-resource="fixture-frame"]');
  await page.getByTestId('forge-app').getByText('Frame ready: 1').waitFor();
  return { view, page, frame };
}

const appText = (page: Page, text: string) => page.getByTestId('forge-app').getByText(text, { exact: true }).waitFor();

describe('serving a Custom UI resource', () => {
  test('its index.html carries the frame bridge first thing in <head>, before the app\'s own scripts', async () => {
    const response = await get('/__host/resources/fixture-frame/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    // An external script, as Forge adds its global-bridge.js: Forge's script-src allows no inline script it did not hash.
    const bridge = html.indexOf(`<script src="/__host/resources/fixture-frame/${BRIDGE_FILE}" data-forge-host-bridge></script>`);
    expect(bridge).toBe(html.search(/<head>/i) + '<head>'.length);
    expect(html.indexOf('<meta charset')).toBeGreaterThan(bridge);
    expect(html.indexOf('src="./app.js"')).toBeGreaterThan(bridge);
    expect(await (await get('/__host/resources/fixture-frame/index.html')).text()).toBe(html);

    const bridgeScript = await get(`/__host/resources/fixture-frame/${BRIDGE_FILE}`);
    expect(bridgeScript.status).toBe(200);
    expect(bridgeScript.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await bridgeScript.text()).toContain('__bridge');

    const script = await get('/__host/resources/fixture-frame/app.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toBe(fs.readFileSync(path.join(resourceDir, 'app.js'), 'utf8'));
  });

  test('each of its files carries the CSP Forge computes from the index.html the app ships (not the one with the bridge)', async () => {
    const expected = resourceCsp({
      html: fs.readFileSync(path.join(resourceDir, 'index.html')),
      permissions: readManifestPermissions(),
      siteHost: new URL(app.url).host,
    });
    expect(expected).toMatch(/^default-src 'self' /);
    for (const file of ['', 'index.html', 'app.js', 'style.css', BRIDGE_FILE]) {
      const response = await get(`/__host/resources/fixture-frame/${file}`);
      expect([file, response.headers.get('content-security-policy')]).toEqual([file, expected]);
    }
    // Pages of the host itself are not Custom UI.
    expect((await get(`/?as=${DEMO_USERS.admin.accountId}`)).headers.get('content-security-policy')).toBeNull();
  });

  test('unknown resources, missing files and paths out of the folder are Not Found', async () => {
    for (const [url, text] of [
      ['/__host/resources/no-such-resource/', 'declares no resource &#39;no-such-resource&#39;'],
      ['/__host/resources/fixture-frame/nope.js', 'has no file nope.js'],
      // URL parsing turns %2e%2e into `..` (here and in the server): the path leaves /__host/resources/ altogether.
      ['/__host/resources/fixture-frame/%2e%2e/%2e%2e/package.json', 'no local host endpoint GET /__host/package.json'],
      ['/__host/resources/fixture-frame/..%2F..%2Fpackage.json', 'has no file'],
      ['/__host/resources/not-built/', 'does not exist'],
      ['/__host/resources/admin-page/', 'is a UI Kit resource'],
    ]) {
      const response = await get(url);
      expect([url, response.status]).toEqual([url, 404]);
      expect(await response.text()).toContain(text);
    }
    const bare = await get('/__host/resources/fixture-frame');
    expect(bare.url).toBe(`${app.url}/__host/resources/fixture-frame/`);
  });

  test('the page tells its Frames where each resource is, and why one cannot be shown', async () => {
    const html = await (await get(`/?as=${DEMO_USERS.admin.accountId}`)).text();
    const match = new RegExp(`<script id="${HOST_CONFIG_ELEMENT_ID}" type="application/json">([^<]*)</script>`).exec(html);
    const config = JSON.parse(match![1]) as HostPageConfig;
    expect(config.resources['fixture-frame']).toEqual({ url: '/__host/resources/fixture-frame/' });
    expect(config.resources['not-built']).toEqual({ problem: expect.stringContaining('does not exist (is the Custom UI built?)') });
    expect(config.resources['admin-page']).toEqual({ problem: expect.stringContaining('is a UI Kit resource') });
  });

  test('the bridge goes at the top of <head> whatever the page looks like', () => {
    const tag = '<script src="/b.js" data-forge-host-bridge></script>';
    expect(injectBridgeScript('<!DOCTYPE html><HTML><HEAD lang="x"><title>t</title></HEAD></HTML>', '/b.js')).toBe(
      `<!DOCTYPE html><HTML><HEAD lang="x">${tag}<title>t</title></HEAD></HTML>`,
    );
    expect(injectBridgeScript('<!doctype html><html><header></header>', '/b.js')).toBe(`<!doctype html><html>${tag}<header></header>`);
    expect(injectBridgeScript('<p>hi', '/b.js')).toBe(`${tag}<p>hi`);
    expect(injectBridgeScript('<p>hi', '/a"b&c.js')).toBe('<script src="/a&#34;b&#38;c.js" data-forge-host-bridge></script><p>hi');
  });
});

describe('a Frame with a fixed height', () => {
  let view: HostPageView;
  let page: Page;
  let frame: FrameLocator;
  beforeAll(async () => {
    ({ view, page, frame } = await openFramePage(MODULE_KEYS.adminPage));
  });
  afterAll(() => page.close());

  test('loads its resource in an iframe of that height, with the module\'s context', async () => {
    const iframe = page.getByTestId('forge-frame');
    expect(await iframe.getAttribute('src')).toBe('/__host/resources/fixture-frame/');
    expect(await iframe.evaluate((e) => e.getBoundingClientRect().height)).toBe(200);
    await frame.getByText(`${MODULE_KEYS.adminPage} as ${DEMO_USERS.admin.accountId}`).waitFor();
    await saveScreenshot(page, 'host-frame');
    expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
  });

  test('an event the frame emits reaches the UI Kit app', async () => {
    await frame.getByRole('button', { name: 'Send to app' }).click();
    await appText(page, 'From frame: hello from the frame [1,2,3]');
    expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
  });

  test('an event the app emits reaches the frame, and the app\'s own subscription', async () => {
    await page.getByRole('button', { name: 'Send to frame' }).click();
    await frame.getByText('hello from UI Kit (42) #1').waitFor();
    await appText(page, 'Own echo: hello from UI Kit');
    await page.getByRole('button', { name: 'Send to frame' }).click();
    await frame.getByText('hello from UI Kit (42) #2').waitFor();
    expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
  });

  test('after unsubscribe() the frame hears nothing more; the app still hears its own event', async () => {
    await frame.getByRole('button', { name: 'Stop listening' }).click();
    await frame.getByText('stopped listening').waitFor();
    await page.getByRole('button', { name: 'Send to frame' }).click();
    await appText(page, 'Own echo: hello from UI Kit');
    // A barrier instead of a pause: the host posts to the frame in order, so once the answer to a bridge call made now
    // reaches the frame, an event delivered with the app's echo would have reached it before.
    await frame.locator('body').evaluate(() => window.__bridge!.callBridge('getContext'));
    expect(await frame.locator('#received').innerText()).toBe('hello from UI Kit (42) #2');
    expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
  });

  test('a payload that cannot be cloned makes emit reject in the frame', async () => {
    await frame.getByRole('button', { name: 'Emit a function' }).click();
    await frame.getByText('emit rejected: DataCloneError').waitFor();
    expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
  });

  test('a bridge command the host does not implement rejects in the frame and is a host error', async () => {
    await frame.getByRole('button', { name: 'Call an unknown command' }).click();
    await frame.getByText(/^rejected: bridge command 'noSuchCommand'/).waitFor();
    expect(await view.hostErrors()).toEqual([
      expect.objectContaining({
        kind: 'bridge-command',
        message: "bridge command 'noSuchCommand' (from the Frame of resource 'fixture-frame') is not implemented by the local Jira host",
      }),
    ]);
    await page.getByTestId('forge-host-error-banner').getByText(/noSuchCommand/).waitFor();
    expect(view.pageErrors).toEqual([]);
  });

  test('a second Frame renders (with its width) but is a host error: UI Kit shows one Frame per module', async () => {
    await page.getByRole('button', { name: 'Show a second Frame' }).click();
    const second = page.getByTestId('forge-frame').nth(1);
    await second.waitFor();
    const [outer, inner] = await Promise.all([page.getByTestId('forge-frame').first(), second].map((f) => f.evaluate((e) => e.getBoundingClientRect())));
    expect([inner.width, inner.height]).toEqual([outer.width / 2, 50]);
    await page.waitForFunction(() => window.__hostErrors.length === 2);
    expect((await view.hostErrors())[1]).toMatchObject({
      kind: 'frame',
      message: "this module renders 2 Frames at once ('fixture-frame', 'fixture-frame'); UI Kit renders only one Frame per module",
    });
    expect(view.pageErrors).toEqual([]);
  });
});

describe('a Frame without a height', () => {
  let view: HostPageView;
  let page: Page;
  let frame: FrameLocator;
  beforeAll(async () => {
    ({ view, page, frame } = await openFramePage(MODULE_KEYS.personalSettings));
  });
  afterAll(() => page.close());

  const frameHeight = () => page.getByTestId('forge-frame').evaluate((e) => e.getBoundingClientRect().height);

  test('follows the height of its content, as it changes', async () => {
    await page.waitForFunction(() => document.querySelector('[data-testid=forge-frame]')?.getBoundingClientRect().height === 120);
    await frame.getByRole('button', { name: 'Grow' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid=forge-frame]')?.getBoundingClientRect().height === 520);
    expect(await frameHeight()).toBe(520);
    expect(await view.problems()).toEqual({ pageErrors: [], hostErrors: [] });
  });

  test('a resource the manifest does not declare shows Not Found and is a host error', async () => {
    await page.getByRole('button', { name: 'Use a missing resource' }).click();
    const notFound = page.getByTestId('forge-frame-not-found');
    await notFound.getByText('Not Found', { exact: true }).waitFor();
    expect(await notFound.innerText()).toContain('manifest.yml declares no resource with this key');
    expect(await page.getByTestId('forge-frame').count()).toBe(0);
    expect(await view.hostErrors()).toEqual([
      expect.objectContaining({ kind: 'frame', message: 'Frame: resource "no-such-resource": manifest.yml declares no resource with this key' }),
    ]);
    await saveScreenshot(page, 'host-frame-not-found');
    expect(view.pageErrors).toEqual([]);
  });
});

describe('building the Custom UI resources', () => {
  test('without harness/static/build-static.ts there is nothing to build, and a log line says so', async () => {
    const lines: string[] = [];
    expect(await loadCustomUiBuilder(path.join(os.tmpdir(), 'no-such-build-static'), (line) => lines.push(line))).toBeUndefined();
    expect(lines).toEqual([expect.stringMatching(/no-such-build-static\.ts does not exist yet; not building them/)]);
  });

  test('with it, its buildStaticResources() is what runs', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'build-static-'));
    try {
      fs.writeFileSync(path.join(dir, 'build-static.ts'), 'export async function buildStaticResources(): Promise<string> { return "built"; }\n');
      const build = await loadCustomUiBuilder(path.join(dir, 'build-static'), () => undefined);
      expect(await build?.()).toBe('built');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
