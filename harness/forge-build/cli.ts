// `npm run build [-- --force]`: bundles the app with Forge's bundler and prints what it built.
import { buildForgeApp, FORGE_BUILD_DIR, type BundleRecord } from './forge-bundle';

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const sizeOf = (record: BundleRecord, pattern: RegExp) =>
  Object.entries(record.files)
    .filter(([file]) => pattern.test(file))
    .map(([file, bytes]) => `${file} ${kib(bytes)}`)
    .join(', ');

async function main() {
  const built = await buildForgeApp({ force: process.argv.includes('--force'), verbose: true });
  if (built.reused) console.log(`Nothing changed since ${built.builtAt}; the bundles in ${FORGE_BUILD_DIR} are current (--force rebuilds).`);
  console.log(`function (node bundler, ${built.function.ms} ms): ${sizeOf(built.function, /\.cjs$/)}`);
  for (const [key, record] of Object.entries(built.resources)) console.log(`resource ${key} (NativeUIBundler, ${record.ms} ms): ${sizeOf(record, /\.(js|html)$/)}`);
  for (const warning of built.warnings) console.log(`warning: ${warning.split('\n')[0]}`);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
