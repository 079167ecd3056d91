// `npm run build`: the app bundled as `forge deploy` bundles it, by Atlassian's own @forge/bundler: the function
// modules with its node bundler (webpack + ts-loader with the app's tsconfig.json) and every `render: native`
// resource with NativeUIBundler. Handlers and resources are read from manifest.yml by @forge/cli-shared's ConfigFile,
// as the CLI reads them. Offline, the runtime wrapper and loader come from the harness (LocalWrapperProvider, the
// path the CLI takes when FORGE_RUNTIME_PATH is set). Output: .build/forge/{function,resources/<key>}, git-ignored.
import { LocalWrapperProvider, NativeUIBundler, getEntryPoints, getNodeBundler } from '@forge/bundler';
import { ConfigFile, FileSystemReader, FileSystemWriter, type Logger } from '@forge/cli-shared';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildRuntimeScripts } from './runtime-scripts';

const ROOT = path.resolve(__dirname, '../..');
export const FORGE_BUILD_DIR = path.join(ROOT, '.build/forge');
export const FUNCTION_DIR = path.join(FORGE_BUILD_DIR, 'function');
export const RESOURCES_DIR = path.join(FORGE_BUILD_DIR, 'resources');
const BUILD_RECORD = path.join(FORGE_BUILD_DIR, 'build.json');

// What the bundles depend on: a change to any of these makes the next build run again.
const INPUTS = ['src', 'manifest.yml', 'tsconfig.json', 'package-lock.json', 'harness/runtime/sandbox/child', 'harness/forge-build'];

export interface BundleRecord {
  ms: number;
  /** file name → bytes. */
  files: Record<string, number>;
}

export interface ForgeBuildRecord {
  inputsHash: string;
  builtAt: string;
  function: BundleRecord & { entry: string; modules: string[] };
  resources: Record<string, BundleRecord>;
  warnings: string[];
}

function hashInputs(): string {
  const hash = crypto.createHash('sha256');
  const visit = (file: string) => {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(file).sort()) visit(path.join(file, name));
    } else {
      hash.update(path.relative(ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
    }
  };
  for (const input of INPUTS) if (fs.existsSync(path.join(ROOT, input))) visit(path.join(ROOT, input));
  return hash.digest('hex');
}

export function bufferingLogger(warnings: string[], echo: boolean): Logger {
  const say = (message: string) => echo && console.log(message);
  return {
    traceEnabled: false,
    debugEnabled: false,
    trace: () => undefined,
    debug: () => undefined,
    info: say,
    warn: (message) => {
      warnings.push(message);
      say(`warning: ${message}`);
    },
    error: (error) => say(`error: ${error.message}`),
  };
}

function copyInto(from: string, to: string, additional?: Map<string, string | Buffer>): Record<string, number> {
  fs.rmSync(to, { recursive: true, force: true });
  fs.mkdirSync(to, { recursive: true });
  fs.cpSync(from, to, { recursive: true });
  for (const [name, content] of additional ?? []) {
    fs.mkdirSync(path.dirname(path.join(to, name)), { recursive: true });
    fs.writeFileSync(path.join(to, name), content);
  }
  const files: Record<string, number> = {};
  const list = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) list(file);
      else files[path.relative(to, file)] = fs.statSync(file).size;
    }
  };
  list(to);
  return files;
}

/**
 * The function modules of the app in `appDir` (its manifest.yml, tsconfig.json and src/), bundled by Forge's node
 * bundler into a temporary folder, as `forge deploy` does. The working directory must be `appDir` (see below).
 */
export async function bundleFunctions(appDir: string, runtimePath: string, logger: Logger) {
  const fileReader = new FileSystemReader();
  const config = new ConfigFile(fileReader, new FileSystemWriter());
  const handlers = await config.getAppHandlers();
  const nodeBundler = getNodeBundler(logger, new LocalWrapperProvider(fileReader, runtimePath), config);
  return nodeBundler.bundle({ appDirectory: appDir, entryPoints: getEntryPoints(handlers) });
}

/** Runs `work` with `dir` as the working directory: the bundler and ConfigFile resolve manifest.yml and src/ there. */
export async function inDirectory<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    return await work();
  } finally {
    process.chdir(cwd);
  }
}

export function readForgeBuild(): ForgeBuildRecord | undefined {
  return fs.existsSync(BUILD_RECORD) ? (JSON.parse(fs.readFileSync(BUILD_RECORD, 'utf8')) as ForgeBuildRecord) : undefined;
}

export interface ForgeBuildOptions {
  /** Rebuild even when no input changed. */
  force?: boolean;
  /** Print the bundler's progress. */
  verbose?: boolean;
}

/** Builds unless the inputs are unchanged since the last build; answers the record of the build in place. */
export async function buildForgeApp(options: ForgeBuildOptions = {}): Promise<ForgeBuildRecord & { reused: boolean }> {
  const inputsHash = hashInputs();
  const previous = readForgeBuild();
  if (!options.force && previous?.inputsHash === inputsHash && fs.existsSync(path.join(FUNCTION_DIR, '__forge__.cjs'))) {
    return { ...previous, reused: true };
  }
  const warnings: string[] = [];
  const logger = bufferingLogger(warnings, options.verbose ?? false);
  return inDirectory(ROOT, async () => {
    const runtimePath = await buildRuntimeScripts();
    const fileReader = new FileSystemReader();
    const config = new ConfigFile(fileReader, new FileSystemWriter());
    const resources = await config.getResources(['nativeUI']);

    const functionStarted = Date.now();
    const bundled = await bundleFunctions(ROOT, runtimePath, logger);
    const functionMs = Date.now() - functionStarted;
    const functionFiles = copyInto(bundled.outputDir, FUNCTION_DIR, bundled.additionalOutputs);

    const uiStarted = Date.now();
    const ui = await new NativeUIBundler(logger).bundleResources(resources);
    const uiMs = Date.now() - uiStarted;
    const resourceRecords: Record<string, BundleRecord> = {};
    for (const detail of ui.nativeUiBundlesDetails) {
      // Built side by side, so each resource's own time is not separable: each records the time of the whole step.
      resourceRecords[detail.key] = { ms: uiMs, files: copyInto(detail.path, path.join(RESOURCES_DIR, detail.key)) };
    }

    const record: ForgeBuildRecord = {
      inputsHash,
      builtAt: new Date().toISOString(),
      function: { ms: functionMs, files: functionFiles, entry: '__forge__.cjs', modules: bundled.metadata?.modules ?? [] },
      resources: resourceRecords,
      warnings,
    };
    fs.writeFileSync(BUILD_RECORD, `${JSON.stringify(record, null, 2)}\n`);
    return { ...record, reused: false };
  });
}
