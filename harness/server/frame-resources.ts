// Custom UI resources for UI Kit's `Frame`: each resource folder is served under /__host/resources/<key>/, and its
// index.html gets the host's frame bridge (harness/host/frame-client.ts, bundled here on first use) inlined at the very
// top of <head>, before any of the app's scripts, as Forge injects its own bridge into Custom UI.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { resourceUrl, type FrameResourceInfo } from '../host/config';

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

/** `html` with `script` inlined first thing in <head> (a <head> start tag is optional in HTML; so is <html>). */
export function injectBridgeScript(html: string, script: string): string {
  const element = `<script data-forge-host-bridge>${script.replace(/<\/(script)/gi, '<\\/$1')}</script>`;
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

/**
 * Serves `rest` (the path after /__host/resources/<key>/, still URL-encoded) from the resource folder `dir`. The
 * folder's index.html (also for an empty `rest`) carries the frame bridge.
 */
export async function serveResourceFile(res: http.ServerResponse, key: string, dir: string | undefined, rest: string): Promise<void> {
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
  const file = path.resolve(root, relative);
  if (!file.startsWith(root + path.sep) || relative.includes('\0') || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    return sendNotFound(res, `resource '${key}' has no file ${relative}`);
  }
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  if (relative === 'index.html') {
    const html = injectBridgeScript(fs.readFileSync(file, 'utf8'), await frameBridgeScript());
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    return void res.end(html);
  }
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' });
  fs.createReadStream(file).pipe(res);
}
