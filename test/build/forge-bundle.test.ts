import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bufferingLogger, bundleFunctions, FUNCTION_DIR, inDirectory, readForgeBuild, RESOURCES_DIR } from '../../harness/forge-build/forge-bundle';
import { FORGE_RUNTIME_DIR } from '../../harness/forge-build/runtime-scripts';

// The app as `forge deploy` bundles it: test/support/global-setup.ts runs Forge's bundler before any test, and every
// integration and browser test runs what it built. These tests check what is in the bundles, and that a tsconfig or an
// import that would break `forge deploy` breaks this too.

const ROOT = path.resolve(__dirname, '../..');

/** The app files a bundle was built from, from its source map (webpack://<package>/./<path>), outside node_modules. */
function appSources(mapFile: string): string[] {
  const map = JSON.parse(fs.readFileSync(mapFile, 'utf8')) as { sources: string[] };
  return map.sources
    .map((source) => source.replace(/^webpack:\/\/[^/]*\//, ''))
    .filter((source) => source.startsWith('./') && !source.startsWith('./node_modules/'))
    .map((source) => source.slice(2));
}

test('the function bundle is what Forge deploys: the loader as entry, the wrapper beside it, the handler file', () => {
  const record = readForgeBuild();
  expect(record).toBeDefined();
  expect(Object.keys(record!.function.files).sort()).toEqual(['__forge__.cjs', '__forge_wrapper__.cjs', 'index.cjs', 'index.cjs.map', 'runtime.json']);
  // The wrapper and loader are the local platform's, taken through LocalWrapperProvider.
  expect(fs.readFileSync(path.join(FUNCTION_DIR, '__forge__.cjs'), 'utf8')).toBe(fs.readFileSync(path.join(FORGE_RUNTIME_DIR, 'dist/loader.js'), 'utf8'));
  expect(fs.readFileSync(path.join(FUNCTION_DIR, '__forge_wrapper__.cjs'), 'utf8')).toBe(fs.readFileSync(path.join(FORGE_RUNTIME_DIR, 'dist/wrapper.js'), 'utf8'));
  expect(JSON.parse(fs.readFileSync(path.join(FUNCTION_DIR, 'runtime.json'), 'utf8'))).toEqual({ version: 'local' });
  expect(record!.function.modules).toEqual(expect.arrayContaining(['@forge/api', '@forge/resolver', '@forge/kvs']));
});

test('the function bundles only src/: nothing of the harness, the tests or the frontends', () => {
  const sources = appSources(path.join(FUNCTION_DIR, 'index.cjs.map'));
  expect(sources).toContain('src/index.ts');
  expect(sources).toContain('src/resolvers/index.ts');
  expect(sources.filter((source) => !source.startsWith('src/'))).toEqual([]);
  expect(sources.filter((source) => source.startsWith('src/frontend/'))).toEqual([]);
});

test.each([
  ['admin-page', 'src/frontend/admin/index.tsx'],
  ['my-preferences', 'src/frontend/preferences/index.tsx'],
])('the UI Kit resource %s is built by NativeUIBundler from its entry, with nothing of the harness or the backend', (key, entry) => {
  const dir = path.join(RESOURCES_DIR, key);
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  expect(html).toContain(`<script defer="defer" src="${key}.js"></script>`);
  const sources = appSources(path.join(dir, `${key}.js.map`));
  expect(sources).toContain(entry);
  const backendOrLocal = /^(harness|test)\/|^src\/(resolvers|jira|storage|security)\/|^src\/index\.ts$/;
  expect(sources.filter((source) => backendOrLocal.test(source))).toEqual([]);
});

describe('what would break `forge deploy` breaks the build', () => {
  let appDir: string;
  beforeEach(() => {
    appDir = fs.mkdtempSync(path.join(os.tmpdir(), 'forge-app-copy-'));
    fs.cpSync(path.join(ROOT, 'src'), path.join(appDir, 'src'), { recursive: true });
    for (const file of ['manifest.yml', 'package.json', 'tsconfig.json']) fs.copyFileSync(path.join(ROOT, file), path.join(appDir, file));
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(appDir, 'node_modules'));
  });
  afterEach(() => fs.rmSync(appDir, { recursive: true, force: true }));

  const bundle = () => inDirectory(appDir, () => bundleFunctions(appDir, FORGE_RUNTIME_DIR, bufferingLogger([], false)));

  test('a tsconfig with "noEmit": true (ts-loader then emits nothing)', async () => {
    const tsconfig = fs.readFileSync(path.join(appDir, 'tsconfig.json'), 'utf8').replace('"strict": true,', '"strict": true,\n    "noEmit": true,');
    expect(tsconfig).toContain('"noEmit": true');
    fs.writeFileSync(path.join(appDir, 'tsconfig.json'), tsconfig);
    await expect(bundle()).rejects.toThrow(/TypeScript emitted no output for .*src\/index\.ts/);
  }, 60_000);

  test('the copy as it is bundles, and an import from outside src/ shows in its source map', async () => {
    const clean = await bundle();
    expect(appSources(path.join(clean.outputDir, 'index.cjs.map')).filter((source) => !source.startsWith('src/'))).toEqual([]);
    fs.mkdirSync(path.join(appDir, 'harness'));
    fs.writeFileSync(path.join(appDir, 'harness/local-only.ts'), 'export const LOCAL_ONLY = "harness";\n');
    fs.appendFileSync(path.join(appDir, 'src/index.ts'), "import { LOCAL_ONLY } from '../harness/local-only';\nexport const leaked = LOCAL_ONLY;\n");
    const leaky = await bundle();
    expect(appSources(path.join(leaky.outputDir, 'index.cjs.map'))).toContain('harness/local-only.ts');
  }, 90_000);
});
