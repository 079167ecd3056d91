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

test('one build writes the host bundle, its Atlaskit CSS, one bundle per module, and assets.json', () => {
  const { assets } = result;
  expect(assets.host).toEqual({ js: 'host.js', css: ['host.css'] });
  expect(Object.keys(assets.apps).sort()).toEqual(['my-preferences', 'user-properties-admin']);
  expect(assets.apps['user-properties-admin']).toMatchObject({ js: 'app-user-properties-admin.js', entry: 'src/frontend/admin/index.tsx' });
  expect(assets.apps['my-preferences']).toMatchObject({ js: 'app-my-preferences.js', entry: 'src/frontend/preferences/index.tsx' });
  for (const file of ['host.js', 'host.css', 'app-user-properties-admin.js', 'app-my-preferences.js']) {
    expect(result.sizes[file]).toBeGreaterThan(1000);
    expect(fs.statSync(path.join(outDir, file)).size).toBe(result.sizes[file]);
  }
  expect(readHostAssets(outDir)).toEqual(assets);
  // Sanity bounds: a minified production build, and not everything Atlaskit ships.
  expect(result.sizes['host.js']).toBeLessThan(2_000_000);
  expect(fs.readFileSync(path.join(outDir, 'host.js'), 'utf8')).not.toContain('react-dom.development');
});

test('each app bundle carries the real @forge/react reconciler and its own entry', () => {
  const admin = fs.readFileSync(path.join(outDir, 'app-user-properties-admin.js'), 'utf8');
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
