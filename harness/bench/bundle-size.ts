// What Forge's bundler built, weighed: the function (what runs in Forge's runtime) and each UI Kit resource (what the
// browser downloads), the JavaScript files only (no source maps), raw and gzip -9.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { FUNCTION_DIR, RESOURCES_DIR, type ForgeBuildRecord } from '../forge-build/forge-bundle';

export interface BundleSize {
  name: string;
  files: string;
  bytes: number;
  gzipped: number;
}

function weigh(name: string, dir: string, files: string[]): BundleSize {
  const code = files.map((file) => fs.readFileSync(path.join(dir, file)));
  return { name, files: files.join(', '), bytes: code.reduce((sum, c) => sum + c.length, 0), gzipped: code.reduce((sum, c) => sum + gzipSync(c, { level: 9 }).length, 0) };
}

const javascript = (files: Record<string, number>) => Object.keys(files).filter((file) => /\.c?js$/.test(file)).sort();

export function measureForgeBundles(record: ForgeBuildRecord): BundleSize[] {
  return [
    weigh('function (node bundler)', FUNCTION_DIR, javascript(record.function.files)),
    ...Object.entries(record.resources).map(([key, resource]) => weigh(`${key} (NativeUIBundler)`, path.join(RESOURCES_DIR, key), javascript(resource.files))),
  ];
}
