// @forge/lint's client-side linters (manifest, permission scopes) run offline: the permission linter reads our
// vendored Jira OpenAPI subset instead of downloading Atlassian's specs, and `forge lint` (login, network) is not needed.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const CONTRACT = path.resolve(__dirname, '../contract');

export interface LintProblem {
  level: 'error' | 'warning';
  file: string;
  line: number;
  message: string;
}

function useVendoredSpecs() {
  const empty = path.join(CONTRACT, 'empty-openapi.json');
  Object.assign(process.env, {
    USE_LOCAL_SWAGGER: '1',
    LOCAL_JIRA_SWAGGER: path.join(CONTRACT, 'jira-openapi.subset.json'),
    LOCAL_JSM_SWAGGER: empty,
    LOCAL_JSW_SWAGGER: empty,
    LOCAL_CONF_SWAGGER: empty,
    LOCAL_CONF_V2_SWAGGER: empty,
    LOCAL_BB_SWAGGER: empty,
  });
}

export async function lintApp(manifestPath: string, srcDir: string): Promise<LintProblem[]> {
  useVendoredSpecs();
  // Loaded lazily: @forge/lint reads the environment above when its linters bootstrap.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { lint } = require('@forge/lint') as typeof import('@forge/lint');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { FileSystemReader } = require('@forge/cli-shared') as { FileSystemReader: new () => { recursiveReadDir(dir: string, exclude: string[]): Promise<string[]> } };
  const manifest = parse(fs.readFileSync(manifestPath, 'utf8'));
  // The linters read './' + file, so the files must be relative to the working directory.
  const files = (await new FileSystemReader().recursiveReadDir(srcDir, ['node_modules', '.git'])).map((file) =>
    path.relative(process.cwd(), path.resolve(file)),
  );
  const quiet = { info: () => undefined, debug: () => undefined, warn: () => undefined, error: () => undefined, trace: () => undefined };
  const statsig = { getDeprecatedRuntimes: async () => [] };
  const results = await (lint as (...args: unknown[]) => Promise<Array<{ file: string; errors: RawProblem[]; warnings: RawProblem[] }>>)(
    files, manifest, 'development', quiet, statsig, { linter: { mode: 'client-side' } },
  );
  return results.flatMap((result) => [
    ...result.errors.map((p) => ({ level: 'error' as const, file: result.file, line: p.line, message: p.message })),
    ...result.warnings.map((p) => ({ level: 'warning' as const, file: result.file, line: p.line, message: p.message })),
  ]);
}

interface RawProblem {
  line: number;
  message: string;
}

if (require.main === module) {
  const root = path.resolve(__dirname, '../..');
  void lintApp(path.join(root, 'manifest.yml'), path.join(root, 'src')).then((problems) => {
    for (const p of problems) console.log(`${p.level.toUpperCase()} ${path.relative(root, p.file)}:${p.line} ${p.message}`);
    const errors = problems.filter((p) => p.level === 'error').length;
    console.log(`forge lint (offline): ${errors} error(s), ${problems.length - errors} warning(s)`);
    process.exit(errors > 0 ? 1 : 0);
  });
}
