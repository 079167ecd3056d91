// The file-transfer Custom UI resource on its own: the build, then the built frame in Debian's Chromium the way Forge
// shows a Custom UI resource: in an iframe of another origin, with the iframe `sandbox` Forge documents and the
// Content-Security-Policy @forge/csp computes for the document, behind a stub bridge that records what the frame
// emits and delivers what the UI Kit page would send.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from '../../harness/host/chromium';
import { buildStaticResources, type StaticBuildOutput } from '../../harness/static/build-static';
import { readManifestPermissions, resourceCsp } from '../../harness/server/resource-csp';
import { FILE_TRANSFER_EVENTS, PART_CHARS, type FileTransferPart, type FileTransferRefused } from '../../static/file-transfer/src/protocol';

const ARTIFACTS_DIR = path.resolve(__dirname, '../../test-artifacts');
// @forge/bridge is most of it (~95 KB minified with iframe-resizer); the frame's own code is a few KB.
const MAX_BYTES = 120 * 1024;

// The sandbox of Forge's Custom UI iframe, as https://developer.atlassian.com/platform/forge/custom-ui/iframe lists it.
const FORGE_IFRAME_SANDBOX = 'allow-downloads allow-forms allow-modals allow-pointer-lock allow-same-origin allow-scripts';

let build: StaticBuildOutput;

describe('build', () => {
  beforeAll(async () => {
    build = (await buildStaticResources()).find((b) => b.key === 'file-transfer')!;
  }, 60_000);

  test('writes index.html, the bundle and its CSS into static/file-transfer/build, with nothing inline', () => {
    expect(build.outDir).toBe(path.resolve(__dirname, '../../static/file-transfer/build'));
    expect(Object.keys(build.files).sort()).toEqual(['index.html', 'main.css', 'main.js']);
    const html = fs.readFileSync(path.join(build.outDir, 'index.html'), 'utf8');
    expect(html).toContain('<script src="./main.js"></script>');
    expect(html).toContain('<link rel="stylesheet" href="./main.css" />');
    expect(html).not.toMatch(/<script>|<style|style="/);
    expect(build.total.bytes).toBeLessThan(MAX_BYTES);
  });
});

// ---------------------------------------------------------------------------------------------------------------------

interface Recorded {
  event: string;
  payload: unknown;
}

declare global {
  interface Window {
    __emitted: Recorded[];
    __deliver(event: string, payload: unknown): void;
    __cspViolations: string[];
  }
}

/** Runs before the bundle in every frame: the stub of the Forge bridge (the `emit` and `on` commands events use). */
function installStubBridge() {
  window.__emitted = [];
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => window.__cspViolations.push(`${event.violatedDirective}: ${event.blockedURI}`));
  const listeners = new Map<string, Set<(payload: unknown) => unknown>>();
  window.__deliver = (event, payload) => listeners.get(event)?.forEach((callback) => callback(payload));
  (window as unknown as { __bridge: unknown }).__bridge = {
    callBridge: async (command: string, data: { event: string; payload?: unknown; callback?: (payload: unknown) => unknown }) => {
      if (command === 'emit') {
        window.__emitted.push({ event: data.event, payload: JSON.parse(JSON.stringify(data.payload)) });
        return undefined;
      }
      if (command === 'on' && data.callback) {
        const set = listeners.get(data.event) ?? new Set();
        listeners.set(data.event, set);
        set.add(data.callback);
        return { unsubscribe: () => set.delete(data.callback!) };
      }
      throw new Error(`the stub bridge does not implement '${command}'`);
    },
  };
}

/**
 * One server, two origins: the "product page" on 127.0.0.1 embeds the resource from localhost, as Jira embeds Forge's
 * CDN. `/?sandbox=…` is the page with that iframe sandbox; `/frame/…` the build, with Forge's policy on every file.
 */
function serve(dir: string): Promise<{ port: number; close(): Promise<void> }> {
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const { port } = server.address() as AddressInfo;
    if (url.pathname === '/') {
      const sandbox = url.searchParams.get('sandbox') ?? FORGE_IFRAME_SANDBOX;
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><title>Product page</title><iframe title="file-transfer" sandbox="${sandbox}" src="http://localhost:${port}/frame/index.html" width="600" height="90"></iframe>`);
      return;
    }
    const name = decodeURIComponent(url.pathname).replace(/^\/frame\/+/, '');
    const file = path.join(dir, name);
    if (!url.pathname.startsWith('/frame/') || !file.startsWith(dir + path.sep) || !fs.existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    const html = fs.readFileSync(path.join(dir, 'index.html'));
    const policy = resourceCsp({ html, permissions: readManifestPermissions(), siteHost: `127.0.0.1:${port}` });
    response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream', 'content-security-policy': policy });
    response.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ port, close: () => new Promise<void>((done) => server.close(() => done())) });
    });
  });
}

describe('the frame in Chromium, sandboxed and under Forge\'s policy', () => {
  let server: { port: number; close(): Promise<void> };
  let browser: ChromiumSession;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    build ??= (await buildStaticResources()).find((b) => b.key === 'file-transfer')!;
    server = await serve(build.outDir);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openFrame(sandbox = FORGE_IFRAME_SANDBOX): Promise<{ page: Page; frame: Frame; frameId: string }> {
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
    await page.addInitScript(installStubBridge);
    await page.goto(`http://127.0.0.1:${server.port}/?sandbox=${encodeURIComponent(sandbox)}`);
    const frame = await (await page.locator('iframe').elementHandle())!.contentFrame();
    await frame!.waitForFunction((event) => window.__emitted?.some((m) => m.event === event), FILE_TRANSFER_EVENTS.hello);
    const [hello] = await emitted<{ frameId: string }>(frame!, FILE_TRANSFER_EVENTS.hello);
    return { page, frame: frame!, frameId: hello.frameId };
  }
  const emitted = <T>(frame: Frame, event: string) => frame.evaluate((name) => window.__emitted.filter((m) => m.event === name).map((m) => m.payload), event) as Promise<T[]>;
  const deliver = (frame: Frame, event: string, payload: unknown) => frame.evaluate(([name, body]) => window.__deliver(name, body), [event, payload] as const);
  const expectClean = async (frame: Frame) => {
    expect(pageErrors).toEqual([]);
    expect(await frame.evaluate(() => window.__cspViolations)).toEqual([]);
  };

  test('the frame document is cross-origin to the page and carries Forge\'s policy, sandbox included', async () => {
    const { page, frame } = await openFrame();
    const response = await page.request.get(frame.url());
    const policy = response.headers()['content-security-policy'];
    expect(policy).toContain('; sandbox allow-popups allow-popups-to-escape-sandbox allow-downloads allow-forms allow-modals allow-pointer-lock allow-same-origin allow-scripts;');
    expect(policy).not.toMatch(/unsafe-/);
    // Why the frame reads a File itself and never fetches a blob: URL.
    expect(policy.split('; ').find((d) => d.startsWith('connect-src '))).not.toContain('blob:');
    expect(new URL(frame.url()).host).not.toBe(new URL(page.url()).host);
    await page.close();
  });

  test('download: the button saves exactly the text the page sent, under its name; no policy violation', async () => {
    const { page, frame, frameId } = await openFrame();
    const text = '{\r\n  "5d53f3cbc6b9320d9ea5bdc2": {\r\n    "name": "Дмитрий 🎉",\r\n    "n": 12345678901234567890\r\n  }\r\n}\r\n';
    await deliver(frame, FILE_TRANSFER_EVENTS.download, { frameId, fileName: 'user-properties-x.json', mimeType: 'application/json', text });
    const button = frame.getByRole('button', { name: 'Download user-properties-x.json' });
    await button.waitFor();
    // Which object URLs the frame makes and revokes.
    await frame.evaluate(() => {
      const record = window as unknown as { made: string[]; revoked: string[] };
      record.made = [];
      record.revoked = [];
      const { createObjectURL, revokeObjectURL } = URL;
      URL.createObjectURL = (blob) => {
        const url = createObjectURL.call(URL, blob);
        record.made.push(url);
        return url;
      };
      URL.revokeObjectURL = (url) => {
        record.revoked.push(url);
        revokeObjectURL.call(URL, url);
      };
    });
    await frame.getByText(`${Buffer.byteLength(text)} bytes`).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe('user-properties-x.json');
    const saved = await download.path();
    expect(fs.readFileSync(saved, 'utf8')).toBe(text);
    await frame.getByRole('status').getByText(/^Download started: user-properties-x\.json/).waitFor();
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'file-transfer-download.png') });
    // The one object URL made for it is revoked after the click, and its link is gone.
    await frame.waitForFunction(() => (window as unknown as { revoked: string[] }).revoked.length === 1);
    const { made, revoked } = await frame.evaluate(() => {
      const record = window as unknown as { made: string[]; revoked: string[] };
      return { made: record.made, revoked: record.revoked };
    });
    expect(made).toEqual([expect.stringMatching(/^blob:http:\/\/localhost:\d+\//)]);
    expect(revoked).toEqual(made);
    expect(await frame.locator('a[download]').count()).toBe(0);
    await expectClean(frame);
    await page.close();
  });

  test('download needs the sandbox\'s allow-downloads: in an iframe without it, Chromium refuses the same click', async () => {
    const { page, frame, frameId } = await openFrame(FORGE_IFRAME_SANDBOX.replace('allow-downloads ', ''));
    await deliver(frame, FILE_TRANSFER_EVENTS.download, { frameId, fileName: 'a.json', mimeType: 'application/json', text: '{}' });
    let downloads = 0;
    page.on('download', () => (downloads += 1));
    await frame.getByRole('button', { name: 'Download a.json' }).click();
    await page.waitForTimeout(1_500);
    expect(downloads).toBe(0);
    await page.close();
  });

  test('open: a picked file reaches the page in parts of at most 64,000 characters; one over the limit is refused', async () => {
    const { page, frame, frameId } = await openFrame();
    await deliver(frame, FILE_TRANSFER_EVENTS.open, { frameId, accept: '.json,application/json', maxBytes: 300_000, label: 'JSON file to import' });
    const input = frame.getByLabel('JSON file to import');
    await input.waitFor();
    expect(await input.getAttribute('accept')).toBe('.json,application/json');
    const text = `{"v":"${'ж'.repeat(100_000)}🎉${'a'.repeat(30_000)}"}`;
    await input.setInputFiles({ name: 'import.json', mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
    await frame.getByRole('status').getByText(/^Read import\.json/).waitFor();
    const parts = await emitted<FileTransferPart>(frame, FILE_TRANSFER_EVENTS.part);
    expect(parts.map((p) => [p.frameId, p.requestId, p.name, p.index, p.count])).toEqual([0, 1, 2].map((i) => [frameId, '1', 'import.json', i, 3]));
    expect(parts.every((p) => p.text.length <= PART_CHARS)).toBe(true);
    expect(parts.map((p) => p.text).join('')).toBe(text);

    await input.setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.alloc(300_001, 0x20) });
    const message = 'big.json is 293.0 KB (300,001 bytes): files up to 293.0 KB (300,000 bytes) can be opened here.';
    await frame.getByRole('status').getByText(message).waitFor();
    expect(await emitted<FileTransferRefused>(frame, FILE_TRANSFER_EVENTS.refused)).toEqual([{ frameId, requestId: '2', name: 'big.json', bytes: 300_001, reason: 'too-large', message }]);
    expect(await emitted(frame, FILE_TRANSFER_EVENTS.part)).toHaveLength(3);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'file-transfer-open-refused.png') });
    await expectClean(frame);
    await page.close();
  });
});
