import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildHostAssets, readHostAssets, type HostBuildResult } from '../../harness/host/build';
import { loadHostedModules } from '../../harness/host/modules';

let outDir: string;
let result: HostBuildResult;

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'host-build-test-'));
  result = await buildHostAssets(outDir);
}, 60_000);
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

test('the manifest names the two UI Kit pages the host can show', () => {
  expect(loadHostedModules().map((m) => [m.key, m.type, path.relative(path.resolve(__dirname, '../..'), m.entry)])).toEqual([
    ['user-properties-admin', 'jira:adminPage', 'src/frontend/admin/index.tsx'],
    ['my-preferences', 'jira:personalSettingsPage', 'src/frontend/preferences/index.tsx'],
  ]);
});

test('one build writes the host bundle and its Atlaskit CSS, places each module\'s resource as Forge\'s bundler built it, and writes assets.json', () => {
  const { assets } = result;
  expect(assets.host).toEqual({ js: 'host.js', css: ['host.css'] });
  expect(Object.keys(assets.apps).sort()).toEqual(['my-preferences', 'user-properties-admin']);
  // The scripts are those of the resource's index.html from NativeUIBundler, under the resource's key.
  expect(assets.apps['user-properties-admin']).toEqual({ scripts: ['forge/admin-page/admin-page.js'], css: [], entry: 'src/frontend/admin/index.tsx', builtBy: '@forge/bundler' });
  expect(assets.apps['my-preferences']).toEqual({ scripts: ['forge/my-preferences/my-preferences.js'], css: [], entry: 'src/frontend/preferences/index.tsx', builtBy: '@forge/bundler' });
  for (const file of ['host.js', 'host.css', 'forge/admin-page/admin-page.js', 'forge/my-preferences/my-preferences.js']) {
    expect(result.sizes[file]).toBeGreaterThan(1000);
    expect(fs.statSync(path.join(outDir, file)).size).toBe(result.sizes[file]);
  }
  expect(readHostAssets(outDir)).toEqual(assets);
  // Sanity bounds: a minified production build, and not everything Atlaskit ships.
  expect(result.sizes['host.js']).toBeLessThan(2_000_000);
  expect(fs.readFileSync(path.join(outDir, 'host.js'), 'utf8')).not.toContain('react-dom.development');
});

test('each app bundle carries the real @forge/react reconciler and its own entry', () => {
  const admin = fs.readFileSync(path.join(outDir, 'forge/admin-page/admin-page.js'), 'utf8');
  expect(admin).toContain('__bridge');
  expect(admin).toContain('reconcile');
});

test('a module can take a fixture entry instead, and an unknown module key is refused', async () => {
  await expect(buildHostAssets(path.join(outDir, 'x'), { entryOverrides: { 'no-such-module': __filename } })).rejects.toThrow(
    /no hosted UI Kit module 'no-such-module'/,
  );
});

test('a frontend that does not compile fails the build with esbuild\'s message', async () => {
  const broken = path.join(outDir, 'broken.tsx');
  fs.writeFileSync(broken, 'import { Nope } from "./does-not-exist";\nNope();\n');
  await expect(buildHostAssets(path.join(outDir, 'broken-out'), { entryOverrides: { 'my-preferences': broken } })).rejects.toThrow(
    /host build failed:[\s\S]*does-not-exist/,
  );
});
