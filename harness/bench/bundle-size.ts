import { gzipSync } from 'node:zlib';
import path from 'node:path';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(__dirname, '../..');

export interface BundleSize {
  name: string;
  minified: number;
  gzipped: number;
}

/** Bundles a UI Kit entry the way Forge ships it to the browser (minified, production React) and weighs it. */
export async function measureBundle(name: string, entry: string): Promise<BundleSize> {
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, entry)],
    bundle: true,
    minify: true,
    write: false,
    outdir: path.join(ROOT, '.build/bench'),
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    logLevel: 'silent',
  });
  const code = result.outputFiles.find((file) => file.path.endsWith('.js'));
  if (!code) throw new Error(`bundle-size: no JavaScript output for ${entry}`);
  return { name, minified: code.contents.length, gzipped: gzipSync(code.contents, { level: 9 }).length };
}
