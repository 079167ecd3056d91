// Builds the app's Custom UI resources (static/<name>/src → static/<name>/build, the folder manifest.yml's resource
// `path` names): one minified browser IIFE per resource, its CSS, and index.html. Forge uploads the build folder as is.
//
// Quick when nothing changed: each build records the size and mtime of every input esbuild read (sources and
// node_modules files alike), and a later call whose inputs all match returns the recorded result without bundling.
// Outputs are written to a temporary name and renamed, so a page loading them never sees half a file, and two
// processes building at once (the local host and a test) leave a consistent folder.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const ROOT = path.resolve(__dirname, '../..');

export interface StaticResource {
  /** The manifest resource key, also the folder name under static/. */
  key: string;
  /** Entry module, relative to the repository root. */
  entry: string;
  /** HTML page copied into the build, relative to the repository root; it loads ./main.js and ./main.css. */
  html: string;
}

export const STATIC_RESOURCES: readonly StaticResource[] = [
  { key: 'json-editor', entry: 'static/json-editor/src/index.ts', html: 'static/json-editor/src/index.html' },
  { key: 'file-transfer', entry: 'static/file-transfer/src/index.ts', html: 'static/file-transfer/src/index.html' },
];

export interface FileSize {
  bytes: number;
  gzipBytes: number;
}

export interface StaticBuildOutput {
  key: string;
  outDir: string;
  /** File name in outDir → size. */
  files: Record<string, FileSize>;
  /** JS + CSS (index.html excluded). */
  total: FileSize;
  /** True when the previous build was still current and nothing was bundled. */
  cached: boolean;
  ms: number;
}

export interface StaticBuildOptions {
  /** Folder that receives <key>/ for each resource; default: static/<key>/build. */
  outRoot?: string;
  /** Bundle even when the recorded inputs are unchanged. */
  force?: boolean;
}

const BUILD_INFO = '.build-info.json';
// Bump when the options below change, so that old builds are not taken as current.
const BUILD_FORMAT = 1;

interface BuildInfo {
  format: number;
  /** Input path (relative to ROOT) → "size:mtimeMs". */
  inputs: Record<string, string>;
  files: Record<string, FileSize>;
}

function stamp(file: string): string | undefined {
  try {
    const stat = fs.statSync(path.resolve(ROOT, file));
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return undefined;
  }
}

function readCurrentInfo(outDir: string, resource: StaticResource): BuildInfo | undefined {
  let info: BuildInfo;
  try {
    info = JSON.parse(fs.readFileSync(path.join(outDir, BUILD_INFO), 'utf8')) as BuildInfo;
  } catch {
    return undefined;
  }
  if (info.format !== BUILD_FORMAT || !info.inputs[resource.html]) return undefined;
  for (const [file, recorded] of Object.entries(info.inputs)) if (stamp(file) !== recorded) return undefined;
  for (const name of Object.keys(info.files)) if (!fs.existsSync(path.join(outDir, name))) return undefined;
  return info;
}

function writeAtomically(file: string, contents: string | Uint8Array) {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  fs.writeFileSync(temporary, contents);
  fs.renameSync(temporary, file);
}

const sizeOf = (contents: Uint8Array | string): FileSize => ({
  bytes: Buffer.byteLength(contents),
  gzipBytes: zlib.gzipSync(contents, { level: 9 }).length,
});

async function buildOne(resource: StaticResource, outDir: string, force: boolean): Promise<StaticBuildOutput> {
  const started = performance.now();
  const current = force ? undefined : readCurrentInfo(outDir, resource);
  if (current) {
    return { key: resource.key, outDir, files: current.files, total: totalOf(current.files), cached: true, ms: performance.now() - started };
  }
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { main: resource.entry },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    minify: true,
    sourcemap: false,
    legalComments: 'eof',
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    metafile: true,
    write: false,
    outdir: outDir,
    logLevel: 'silent',
  });
  fs.mkdirSync(outDir, { recursive: true });
  const files: Record<string, FileSize> = {};
  for (const output of result.outputFiles) {
    const name = path.relative(outDir, output.path);
    writeAtomically(output.path, output.contents);
    files[name] = sizeOf(output.contents);
  }
  const html = fs.readFileSync(path.resolve(ROOT, resource.html), 'utf8');
  writeAtomically(path.join(outDir, 'index.html'), html);
  files['index.html'] = sizeOf(html);

  const inputs: Record<string, string> = {};
  for (const input of [...Object.keys(result.metafile.inputs), resource.html]) {
    const recorded = stamp(input);
    if (recorded) inputs[input] = recorded;
  }
  const info: BuildInfo = { format: BUILD_FORMAT, inputs, files };
  writeAtomically(path.join(outDir, BUILD_INFO), JSON.stringify(info));
  return { key: resource.key, outDir, files, total: totalOf(files), cached: false, ms: performance.now() - started };
}

function totalOf(files: Record<string, FileSize>): FileSize {
  return Object.entries(files)
    .filter(([name]) => name !== 'index.html')
    .reduce((sum, [, size]) => ({ bytes: sum.bytes + size.bytes, gzipBytes: sum.gzipBytes + size.gzipBytes }), { bytes: 0, gzipBytes: 0 });
}

// Calls that overlap share one build per output folder.
const inFlight = new Map<string, Promise<StaticBuildOutput>>();

/** Builds every Custom UI resource (or returns the current build) and reports the sizes, minified and gzipped. */
export async function buildStaticResources(options: StaticBuildOptions = {}): Promise<StaticBuildOutput[]> {
  return Promise.all(
    STATIC_RESOURCES.map((resource) => {
      const outDir = options.outRoot ? path.resolve(options.outRoot, resource.key) : path.join(ROOT, 'static', resource.key, 'build');
      const running = inFlight.get(outDir);
      if (running && !options.force) return running;
      const build = buildOne(resource, outDir, options.force ?? false).finally(() => inFlight.delete(outDir));
      inFlight.set(outDir, build);
      return build;
    }),
  );
}

/** The build folder of a resource (where the local host serves it from). */
export function staticResourceDir(key: string): string {
  return path.join(ROOT, 'static', key, 'build');
}

if (require.main === module) {
  buildStaticResources({ force: process.argv.includes('--force') })
    .then((outputs) => {
      for (const output of outputs) {
        const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
        console.log(`${output.key}: ${kb(output.total.bytes)} min, ${kb(output.total.gzipBytes)} gzip${output.cached ? ' (unchanged)' : ''} in ${Math.round(output.ms)} ms → ${path.relative(ROOT, output.outDir)}`);
      }
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
