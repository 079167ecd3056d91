import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadEntityDefinitions } from '../../harness/runtime/kvs/entities';

function manifestWith(indexes: unknown[]): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kvs-entities-')), 'manifest.yml');
  fs.writeFileSync(file, stringify({ app: { storage: { entities: [{ name: 'thing', attributes: { owner: { type: 'string' } }, indexes }] } } }));
  return file;
}

test('an index named by-key is refused, as @forge/manifest refuses it: every entity has that index already', () => {
  expect(() => loadEntityDefinitions(manifestWith([{ name: 'by-key', partition: ['owner'] }]))).toThrow(/index name 'by-key' is reserved/);
  expect(loadEntityDefinitions(manifestWith([{ name: 'by-owner', partition: ['owner'] }])).get('thing')?.indexes.has('by-owner')).toBe(true);
});
