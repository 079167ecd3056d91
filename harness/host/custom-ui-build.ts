// The app's Custom UI resources (what UI Kit's Frame shows) are built by harness/static/build-static.ts, which may not
// exist yet in a checkout: `npm start` and the browser tests build them when it does, and say so when it does not.
import fs from 'node:fs';
import path from 'node:path';

export const STATIC_BUILDER = path.resolve(__dirname, '../static/build-static');

type BuildStaticResources = () => Promise<unknown>;

/**
 * The `buildStaticResources` function of `modulePath` (extension-less), or undefined after logging why there is none.
 * Loaded at run time by path, so the type check does not depend on the module existing.
 */
export async function loadCustomUiBuilder(modulePath: string = STATIC_BUILDER, log: (line: string) => void = console.log): Promise<BuildStaticResources | undefined> {
  const shown = path.relative(path.resolve(__dirname, '../..'), modulePath);
  if (!['.ts', '.js'].some((ext) => fs.existsSync(`${modulePath}${ext}`))) {
    log(`Custom UI resources: ${shown}.ts does not exist yet; not building them (Frames show what is already built, or "Not Found").`);
    return undefined;
  }
  const loaded = (await import(modulePath)) as { buildStaticResources?: unknown };
  if (typeof loaded.buildStaticResources !== 'function') {
    log(`Custom UI resources: ${shown} exports no buildStaticResources(); not building them.`);
    return undefined;
  }
  const build = loaded.buildStaticResources as (...args: unknown[]) => Promise<unknown>;
  return () => build();
}

/** One line about what a build did, from what buildStaticResources() returned (one entry per resource). */
export function describeCustomUiBuild(result: unknown): string {
  if (!Array.isArray(result)) return 'done';
  return result
    .map((output: { key?: unknown; cached?: unknown; total?: { bytes?: unknown } }) => {
      const size = typeof output?.total?.bytes === 'number' ? ` ${(output.total.bytes / 1024).toFixed(0)} KB` : '';
      return `${String(output?.key)}${size}${output?.cached === true ? ' (unchanged)' : ''}`;
    })
    .join(', ');
}
