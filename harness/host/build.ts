// Bundles the local Jira host (harness/host/main.tsx) for the browser, and places next to it each UI Kit module's
// frontend as Forge's bundler built it (NativeUIBundler, `npm run build`: .build/forge/resources/<resource>). The page
// loads host.js first (it defines window.__bridge synchronously), then the scripts of the resource's index.html,
// exactly as Forge loads a UI Kit resource next to its bridge. Host tests may put a fixture frontend in a module's
// place instead; only those are bundled here, by esbuild.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { RESOURCES_DIR } from '../forge-build/forge-bundle';
import { DEFAULT_MANIFEST, loadHostedModules, type HostedModule } from './modules';

const ROOT = path.resolve(__dirname, '../..');
const HOST_ENTRY = path.join(__dirname, 'main.tsx');

// @atlaskit/code imports all of refractor (every Prism grammar); the host takes a subset (see refractor-subset.js).
const refractorSubset: esbuild.Plugin = {
  name: 'refractor-subset',
  setup(build) {
    build.onResolve({ filter: /^refractor$/ }, () => ({ path: path.join(__dirname, 'refractor-subset.js') }));
  },
};

// npm nests a copy of @atlaskit/feature-gate-js-client (Statsig, ~20 KB each) under most Atlaskit packages; the copies
// share one API, and every flag is off here anyway. Resolve them all to the top-level copy.
const DEDUPED = /^@atlaskit\/feature-gate-js-client(\/.*)?$/;
const dedupe: esbuild.Plugin = {
  name: 'dedupe',
  setup(build) {
    build.onResolve({ filter: DEDUPED }, async (args) => {
      if (args.pluginData === 'dedupe') return undefined;
      const result = await build.resolve(args.path, { kind: args.kind, resolveDir: ROOT, pluginData: 'dedupe' });
      return result.errors.length > 0 ? { errors: result.errors } : { path: result.path, sideEffects: result.sideEffects };
    });
  },
};

export const ASSETS_MANIFEST = 'assets.json';

/** What the server needs to write the page: file names relative to the output folder. */
export interface HostAssets {
  builtAt: string;
  host: { js: string; css: string[] };
  /** moduleKey → the module's app: its scripts in page order, its CSS, its entry, and what built it. */
  apps: Record<string, { scripts: string[]; css: string[]; entry: string; builtBy: '@forge/bundler' | 'esbuild (fixture)' }>;
}

export interface HostBuildOptions {
  manifestPath?: string;
  /** Where Forge's bundler put the UI Kit resources (default .build/forge/resources). */
  forgeResourcesDir?: string;
  /** moduleKey → entry file to bundle instead of the manifest's resource (tests put fixture apps in a module's place). */
  entryOverrides?: Record<string, string>;
  /** Default true. */
  minify?: boolean;
}

export interface HostBuildResult {
  outDir: string;
  ms: number;
  /** output file name → bytes. */
  sizes: Record<string, number>;
  assets: HostAssets;
}

export interface HostBuilder {
  /** Builds (incrementally after the first time) and rewrites assets.json. Rejects with esbuild's messages. */
  build(): Promise<HostBuildResult>;
  dispose(): Promise<void>;
}

function commonOptions(outDir: string, minify: boolean): esbuild.BuildOptions {
  return {
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    minify,
    sourcemap: false,
    metafile: true,
    write: true,
    outdir: outDir,
    absWorkingDir: ROOT,
    jsx: 'transform',
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    loader: { '.svg': 'dataurl', '.png': 'dataurl', '.gif': 'dataurl', '.woff': 'dataurl', '.woff2': 'dataurl' },
    logLevel: 'silent',
    legalComments: 'none',
  };
}

function outputsOf(result: esbuild.BuildResult, outDir: string): { js: string; css: string[]; sizes: Record<string, number> } {
  const sizes: Record<string, number> = {};
  let js = '';
  const css: string[] = [];
  for (const [file, output] of Object.entries(result.metafile?.outputs ?? {})) {
    const name = path.relative(outDir, path.resolve(ROOT, file));
    sizes[name] = output.bytes;
    if (name.endsWith('.js')) js = name;
    else if (name.endsWith('.css')) css.push(name);
  }
  return { js, css, sizes };
}

async function formatFailure(error: unknown): Promise<Error> {
  const failure = error as esbuild.BuildFailure;
  if (!Array.isArray(failure?.errors)) return error as Error;
  const text = await esbuild.formatMessages(failure.errors, { kind: 'error', color: false });
  return new Error(`host build failed:\n${text.join('\n')}`);
}

/**
 * Copies a resource Forge's bundler built into the host's output, and answers its files' sizes and the scripts its
 * index.html loads, in order (webpack's html plugin writes `<script defer src=…>`; the chunks they load find their
 * way from the script's own URL, `publicPath: 'auto'`).
 */
function placeForgeResource(builtDir: string, placedDir: string): { scripts: string[]; sizes: Record<string, number> } {
  const indexFile = path.join(builtDir, 'index.html');
  if (!fs.existsSync(indexFile)) {
    throw new Error(`host build failed: no UI Kit resource built by Forge's bundler in ${builtDir}; run \`npm run build\` first`);
  }
  fs.rmSync(placedDir, { recursive: true, force: true });
  fs.cpSync(builtDir, placedDir, { recursive: true });
  const scripts = [...fs.readFileSync(indexFile, 'utf8').matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((match) => match[1]);
  const sizes: Record<string, number> = {};
  for (const file of fs.readdirSync(placedDir)) sizes[file] = fs.statSync(path.join(placedDir, file)).size;
  return { scripts, sizes };
}

/** An incremental builder: `npm start` keeps one to rebuild on page loads; tests build once. */
export async function createHostBuilder(outDir: string, options: HostBuildOptions = {}): Promise<HostBuilder> {
  const modules: HostedModule[] = loadHostedModules(options.manifestPath ?? DEFAULT_MANIFEST);
  for (const key of Object.keys(options.entryOverrides ?? {})) {
    if (!modules.some((m) => m.key === key)) throw new Error(`entryOverrides: manifest.yml has no hosted UI Kit module '${key}'`);
  }
  const common = commonOptions(outDir, options.minify ?? true);
  const forgeResourcesDir = options.forgeResourcesDir ?? RESOURCES_DIR;
  const host = await esbuild.context({ ...common, entryPoints: { host: HOST_ENTRY }, plugins: [refractorSubset, dedupe] });
  const fixtures = await Promise.all(
    modules
      .filter((module) => options.entryOverrides?.[module.key])
      .map(async (module) => {
        const entry = options.entryOverrides![module.key];
        const context = await esbuild.context({ ...common, entryPoints: { [module.bundle.replace(/\.js$/, '')]: entry } });
        return { module, entry, context };
      }),
  );
  const forgeBuilt = modules.filter((module) => !options.entryOverrides?.[module.key]);

  return {
    async build() {
      const started = Date.now();
      fs.mkdirSync(outDir, { recursive: true });
      let hostResult: esbuild.BuildResult;
      let fixtureResults: esbuild.BuildResult[];
      try {
        [hostResult, ...fixtureResults] = await Promise.all([host.rebuild(), ...fixtures.map((app) => app.context.rebuild())]);
      } catch (error) {
        throw await formatFailure(error);
      }
      const hostOut = outputsOf(hostResult, outDir);
      const sizes = { ...hostOut.sizes };
      const assets: HostAssets = { builtAt: new Date().toISOString(), host: { js: hostOut.js, css: hostOut.css }, apps: {} };
      fixtures.forEach((app, i) => {
        const out = outputsOf(fixtureResults[i], outDir);
        Object.assign(sizes, out.sizes);
        assets.apps[app.module.key] = { scripts: [out.js], css: out.css, entry: path.relative(ROOT, app.entry), builtBy: 'esbuild (fixture)' };
      });
      for (const module of forgeBuilt) {
        const placed = placeForgeResource(path.join(forgeResourcesDir, module.resource), path.join(outDir, 'forge', module.resource));
        for (const [file, bytes] of Object.entries(placed.sizes)) sizes[`forge/${module.resource}/${file}`] = bytes;
        assets.apps[module.key] = {
          scripts: placed.scripts.map((script) => `forge/${module.resource}/${script}`),
          css: [],
          entry: path.relative(ROOT, module.entry),
          builtBy: '@forge/bundler',
        };
      }
      fs.writeFileSync(path.join(outDir, ASSETS_MANIFEST), `${JSON.stringify(assets, null, 2)}\n`);
      return { outDir, ms: Date.now() - started, sizes, assets };
    },
    async dispose() {
      await Promise.all([host.dispose(), ...fixtures.map((app) => app.context.dispose())]);
    },
  };
}

/** One full build into `outDir` (default `.build/host`). */
export async function buildHostAssets(outDir: string = path.join(ROOT, '.build/host'), options: HostBuildOptions = {}): Promise<HostBuildResult> {
  const builder = await createHostBuilder(outDir, options);
  try {
    return await builder.build();
  } finally {
    await builder.dispose();
  }
}

/** Reads the assets.json a build wrote, or undefined if there is none yet. */
export function readHostAssets(outDir: string): HostAssets | undefined {
  const file = path.join(outDir, ASSETS_MANIFEST);
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as HostAssets;
}
