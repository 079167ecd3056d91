import type { Permissions } from '@forge/manifest';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readManifestPermissions, resourceCsp, resourceCspDirectives } from '../../harness/server/resource-csp';

// The policy a Custom UI resource is served with: @forge/csp's, from the document and the manifest's permissions.
const PAGE = '<!doctype html><html><head><link rel="stylesheet" href="./main.css"></head><body><script src="./main.js"></script></body></html>';
const SITE = '127.0.0.1:4567';

const directive = (policy: string[], name: string) => policy.find((d) => d.startsWith(`${name} `));

function policyOf({ html = PAGE, permissions = {} }: { html?: string; permissions?: Permissions } = {}): string[] {
  return resourceCspDirectives({ html, permissions, siteHost: SITE });
}

test('without content permissions: no inline script or style, no eval; Forge\'s production frame around it', () => {
  const policy = policyOf();
  expect(policy.map((d) => d.split(' ')[0])).toEqual([
    'default-src', 'frame-ancestors', 'frame-src', 'font-src', 'img-src', 'media-src', 'connect-src', 'script-src', 'style-src', 'form-action', 'sandbox', 'report-uri',
  ]);
  expect(directive(policy, 'script-src')).toMatch(/^script-src 'self' https:\/\/forge\.cdn\.prod\.atlassian-dev\.net /);
  expect(directive(policy, 'style-src')).toMatch(/^style-src 'self' 127\.0\.0\.1:4567 https:\/\/forge\.cdn\.prod\.atlassian-dev\.net /);
  expect(directive(policy, 'frame-ancestors')).toContain(` *.atlassian.net `);
  expect(directive(policy, 'frame-ancestors')).toContain(` ${SITE} `);
  expect(directive(policy, 'sandbox')).toBe('sandbox allow-popups allow-popups-to-escape-sandbox allow-downloads allow-forms allow-modals allow-pointer-lock allow-same-origin allow-scripts');
  expect(policy.join('; ')).not.toMatch(/unsafe-|localhost|sha256-/); // production, not `forge tunnel`
  expect(resourceCsp({ html: PAGE, permissions: {}, siteHost: SITE })).toBe(policy.join('; '));
});

test('an inline <script> the app ships in its document is allowed by its hash, as Forge does; unless unsafe-inline is declared', () => {
  const inline = 'window.answer = 42;';
  const hash = `'sha256-${crypto.createHash('sha256').update(inline).digest('base64')}'`;
  const html = PAGE.replace('<body>', `<body><script>${inline}</script>`);
  expect(directive(policyOf({ html }), 'script-src')).toMatch(new RegExp(` ${hash.replace(/[+/]/g, '\\$&')}$`));
  expect(directive(policyOf({ html, permissions: { content: { scripts: ['unsafe-inline'] } } }), 'script-src')).toMatch(/ 'unsafe-inline'$/);
});

test.each<[string, string, Permissions, string]>([
  ['content.styles', 'style-src', { content: { styles: ['unsafe-inline'] } }, "'unsafe-inline'"],
  ['content.scripts', 'script-src', { content: { scripts: ['unsafe-eval'] } }, "'unsafe-eval'"],
  ['external.fetch.client', 'connect-src', { external: { fetch: { client: ['https://api.example.com'] } } }, 'https://api.example.com'],
  ['external.images', 'img-src', { external: { images: [{ address: 'https://img.example.com' }] } }, 'https://img.example.com'],
  ['external.fonts', 'font-src', { external: { fonts: ['https://fonts.example.com'] } }, 'https://fonts.example.com'],
])('the manifest\'s %s goes into %s', (_permission, name, permissions, source) => {
  expect(directive(policyOf(), name)).not.toContain(source);
  expect(directive(policyOf({ permissions }), name)?.split(' ')).toContain(source);
});

test('the permissions are read from the manifest as it is now', () => {
  expect(readManifestPermissions().scopes).toContain('storage:app');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-'));
  try {
    const manifest = path.join(dir, 'manifest.yml');
    fs.writeFileSync(manifest, 'permissions:\n  content:\n    styles:\n      - unsafe-inline\n');
    expect(readManifestPermissions(manifest)).toEqual({ content: { styles: ['unsafe-inline'] } });
    fs.writeFileSync(manifest, 'app:\n  id: x\n');
    expect(readManifestPermissions(manifest)).toEqual({});
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
