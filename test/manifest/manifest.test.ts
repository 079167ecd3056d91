import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validate } from '@forge/manifest';
import { parse, stringify } from 'yaml';
import { lintApp } from '../../harness/lint/forge-lint-offline';

const ROOT = path.resolve(__dirname, '../..');
const MANIFEST = path.join(ROOT, 'manifest.yml');

function manifestWithout(scope: string): string {
  const manifest = parse(fs.readFileSync(MANIFEST, 'utf8')) as { permissions: { scopes: string[] } };
  manifest.permissions.scopes = manifest.permissions.scopes.filter((s) => s !== scope);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-')), 'manifest.yml');
  fs.writeFileSync(file, stringify(manifest));
  return file;
}

test('manifest.yml passes @forge/manifest full validation (handler and resources resolve)', async () => {
  const result = await validate(false, MANIFEST);
  expect(result.errors ?? []).toEqual([]);
  expect(result.success).toBe(true);
});

test('offline @forge/lint finds no missing scope in the app', async () => {
  const problems = await lintApp(MANIFEST, 'src');
  expect(problems).toEqual([]);
});

test('offline @forge/lint fails when a scope the code needs is missing', async () => {
  const problems = await lintApp(manifestWithout('write:jira-work'), 'src');
  expect(problems.map((p) => p.message).sort()).toEqual([
    'Jira endpoint: DELETE /rest/api/3/user/properties/{propertyKey} requires "write:jira-work" scope',
    'Jira endpoint: PUT /rest/api/3/user/properties/{propertyKey} requires "write:jira-work" scope',
  ]);
  const readProblems = await lintApp(manifestWithout('read:jira-work'), 'src');
  expect(readProblems.map((p) => p.message)).toEqual(['Jira endpoint: GET /rest/api/3/mypermissions requires "read:jira-work" scope']);
});
