// Custom UI resources for UI Kit's `Frame`: each resource folder is served under /__host/resources/<key>/, with the
// Content-Security-Policy Forge serves Custom UI with (resource-csp.ts). Its index.html gets the host's frame bridge
// (harness/host/frame-client.ts, bundled here on first use) as the very first element of <head>, before any of the
// app's scripts, the way Forge adds its own: an external <script src> (Forge's BridgeScriptService prepends
// `<script src="https://forge.cdn.<env>.atlassian-dev.net/global-bridge.js">`, an origin its script-src lists). The
// local bridge is served from the resource's own origin, which script-src allows as 'self'; an inline bridge would need
// a hash or 'unsafe-inline' that Forge's policy does not have.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { resourceUrl, type FrameResourceInfo } from '../host/config';
import { readManifestPermissions, resourceCsp } from './resource-csp';

const FRAME_CLIENT = path.resolve(__dirname, '../host/frame-client.ts');
const ROOT = path.resolve(__dirname, '../..');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

let bridgeScript: Promise<string> | undefined;

/** The frame bridge as one classic script (bundled once per server process). */
export function frameBridgeScript(): Promise<string> {
  bridgeScript ??= esbuild
    .build({
      entryPoints: [FRAME_CLIENT],
      absWorkingDir: ROOT,
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      minify: true,
      logLevel: 'silent',
      legalComments: 'none',
    })
    .then((result) => result.outputFiles[0].text.trim())
    .catch((error: unknown) => {
      bridgeScript = undefined;
      throw error;
    });
  return bridgeScript;
}

/**
 * Where a resource's documents load the bridge from: a name inside the resource's folder (so it is 'self'), reserved
 * by the host as `__LOCALES__/` is; a file of the resource at this path is shadowed.
 */
export const BRIDGE_FILE = '__forge__/global-bridge.js';

export const bridgeScriptUrl = (key: string) => `${resourceUrl(key)}${BRIDGE_FILE}`;

/** `html` with a <script src> for the bridge first thing in <head> (a <head> start tag is optional in HTML; so is <html>). */
export function injectBridgeScript(html: string, src: string): string {
  const element = `<script src="${src.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}" data-forge-host-bridge></script>`;
  const at = (match: RegExpExecArray | null) => (match ? match.index + match[0].length : -1);
  let index = at(/<head\b[^>]*>/i.exec(html));
  if (index < 0) index = at(/<html\b[^>]*>/i.exec(html));
  if (index < 0) index = at(/<!doctype[^>]*>/i.exec(html));
  if (index < 0) index = 0;
  return `${html.slice(0, index)}${element}${html.slice(index)}`;
}

/** Whether a resource can be shown in a Frame: a folder with an index.html. */
export function frameResourceInfo(key: string, resourcePath: string): FrameResourceInfo {
  const shown = path.relative(ROOT, resourcePath) || resourcePath;
  if (!fs.existsSync(resourcePath)) return { problem: `the resource's path ${shown} does not exist (is the Custom UI built?)` };
  if (!fs.statSync(resourcePath).isDirectory()) {
    return { problem: `${shown} is a UI Kit resource; a Frame loads a Custom UI resource (a folder with an index.html)` };
  }
  if (!fs.existsSync(path.join(resourcePath, 'index.html'))) return { problem: `${shown} has no index.html (is the Custom UI built?)` };
  return { url: resourceUrl(key) };
}

const notFoundPage = (text: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not Found</title></head><body style="font-family:system-ui,sans-serif;text-align:center;color:#44546f"><h1 style="font-size:16px;color:#172b4d">Not Found</h1><p>${text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</p></body></html>`;

function sendNotFound(res: http.ServerResponse, text: string): void {
  res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(notFoundPage(text));
}

/** The app server's own host and port, which is the local site's (what the page's context gives as siteUrl). */
function siteHostOf(res: http.ServerResponse): string {
  const { localAddress = '127.0.0.1', localPort } = res.req.socket;
  return `${localAddress.includes(':') ? `[${localAddress}]` : localAddress}:${localPort}`;
}

/**
 * Serves `rest` (the path after /__host/resources/<key>/, still URL-encoded) from the resource folder `dir`. The
 * folder's index.html (also for an empty `rest`) carries the frame bridge. Every response carries the resource's CSP:
 * an HTML document the one computed from it, any other file (a worker script, an SVG opened on its own) its index.html's.
 * `manifestPath` is where the manifest's `permissions` come from (default: the app's manifest.yml).
 */
export async function serveResourceFile(res: http.ServerResponse, key: string, dir: string | undefined, rest: string, manifestPath?: string): Promise<void> {
  if (!dir) return sendNotFound(res, `manifest.yml declares no resource '${key}'`);
  const info = frameResourceInfo(key, dir);
  if ('problem' in info) return sendNotFound(res, info.problem);
  let relative: string;
  try {
    relative = decodeURIComponent(rest) || 'index.html';
  } catch {
    return sendNotFound(res, `bad path ${rest}`);
  }
  const root = path.resolve(dir);
  const policyFor = (html: string) => resourceCsp({ html, permissions: readManifestPermissions(manifestPath), siteHost: siteHostOf(res) });
  const resourcePolicy = () => policyFor(fs.readFileSync(path.join(root, 'index.html'), 'utf8'));
  if (relative === BRIDGE_FILE) {
    const script = await frameBridgeScript();
    res.writeHead(200, { 'content-type': CONTENT_TYPES['.js'], 'cache-control': 'no-cache', 'content-security-policy': resourcePolicy() });
    return void res.end(script);
  }
  const file = path.resolve(root, relative);
  if (!file.startsWith(root + path.sep) || relative.includes('\0') || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    return sendNotFound(res, `resource '${key}' has no file ${relative}`);
  }
  const extension = path.extname(file).toLowerCase();
  const type = CONTENT_TYPES[extension] ?? 'application/octet-stream';
  if (extension === '.html') {
    // Forge's policy for the document as the app ships it; the bridge is added after, as Forge adds its own.
    const shipped = fs.readFileSync(file, 'utf8');
    const html = relative === 'index.html' ? injectBridgeScript(shipped, bridgeScriptUrl(key)) : shipped;
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', 'content-security-policy': policyFor(shipped) });
    return void res.end(html);
  }
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache', 'content-security-policy': resourcePolicy() });
  fs.createReadStream(file).pipe(res);
}
