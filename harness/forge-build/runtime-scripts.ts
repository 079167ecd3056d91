// The local Forge runtime's own scripts, built from harness/runtime/sandbox/child: the wrapper and loader Forge's
// bundler takes from FORGE_RUNTIME_PATH (dist/wrapper.js, dist/loader.js) instead of Atlassian's CDN, and the runner
// the local runtime forks. They are the platform, never part of the app.
import * as esbuild from 'esbuild';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const CHILD = path.join(ROOT, 'harness/runtime/sandbox/child');
export const FORGE_RUNTIME_DIR = path.join(ROOT, '.build/forge-runtime');
export const RUNNER_FILE = path.join(FORGE_RUNTIME_DIR, 'runner.js');

export async function buildRuntimeScripts(outDir: string = FORGE_RUNTIME_DIR): Promise<string> {
  await esbuild.build({
    entryPoints: { 'dist/wrapper': path.join(CHILD, 'wrapper.ts'), 'dist/loader': path.join(CHILD, 'loader.ts'), runner: path.join(CHILD, 'runner.ts') },
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'silent',
  });
  return outDir;
}
