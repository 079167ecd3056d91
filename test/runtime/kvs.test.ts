import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { Filter, FilterConditions, ForgeKvsAPIError, MetadataField, Sort, WhereConditions, kvs } from '@forge/kvs';
import { createLocalRuntime, type LocalRuntime } from '../../harness/runtime/local-runtime';
import { useRuntimeInProcess } from '../../harness/runtime/in-process-client';

// The real @forge/kvs client against the local runtime's KVS service: no Jira needed.

const APP_MANIFEST = path.resolve(__dirname, '../../manifest.yml');
const ENTITIES = [
  {
    name: 'employee',
    attributes: {
      surname: { type: 'string' },
      age: { type: 'integer' },
      gender: { type: 'string' },
      active: { type: 'boolean' },
      notes: { type: 'any' },
    },
    indexes: ['surname', { name: 'by-age-per-gender', partition: ['gender'], range: ['age'] }],
  },
];

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kvs-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The app's manifest.yml, with or without the storage:app scope, plus the test entities. */
function writeManifest(withStorageScope: boolean): string {
  const manifest = parse(fs.readFileSync(APP_MANIFEST, 'utf8'));
  const scopes: string[] = (manifest.permissions.scopes ?? []).filter((scope: string) => scope !== 'storage:app');
  manifest.permissions.scopes = withStorageScope ? [...scopes, 'storage:app'] : scopes;
  manifest.app.storage = { entities: ENTITIES };
  const file = path.join(dir, `manifest-${withStorageScope ? 'storage' : 'no-storage'}.yml`);
  fs.writeFileSync(file, stringify(manifest));
  return file;
}

async function startRuntime(kvsDbPath?: string, withStorageScope = true): Promise<LocalRuntime> {
  const started = await createLocalRuntime({ jiraBaseUrl: 'http://127.0.0.1:9', forgeSecret: 'x', manifestPath: writeManifest(withStorageScope), kvsDbPath });
  useRuntimeInProcess(started);
  return started;
}

function refused(code: string, status: number) {
  return expect.objectContaining({ name: 'ForgeKvsError', code, responseDetails: expect.objectContaining({ status }) });
}

let runtime: LocalRuntime;
beforeEach(async () => {
  runtime = await startRuntime();
});
afterEach(() => runtime.close());

describe('get, set, delete', () => {
  test.each<[string, unknown]>([
    ['an object', { theme: 'dark', sizes: [1, 2], nested: { ok: true, none: 0 } }],
    ['a string', 'hello world'],
    ['an empty string', ''],
    ['a number', 42.5],
    ['zero', 0],
    ['a boolean', false],
    ['an array', ['a', 1, { b: null }]],
  ])('%s round-trips', async (_, value) => {
    await kvs.set('prefs:user-1', value);
    expect(await kvs.get('prefs:user-1')).toEqual(value);
    await kvs.delete('prefs:user-1');
    expect(await kvs.get('prefs:user-1')).toBeUndefined();
  });

  test('a missing key reads as undefined and deletes without error', async () => {
    expect(await kvs.get('never-written')).toBeUndefined();
    await expect(kvs.delete('never-written')).resolves.toBeUndefined();
  });

  test('set overwrites; metadata keeps createdAt and moves updatedAt', async () => {
    await kvs.set('counter', 1);
    const first = await kvs.get<number>('counter', { metadataFields: [MetadataField.CREATED_AT, MetadataField.UPDATED_AT] });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await kvs.set('counter', 2);
    const second = await kvs.get<number>('counter', { metadataFields: [MetadataField.CREATED_AT, MetadataField.UPDATED_AT] });
    expect(second).toEqual({ key: 'counter', value: 2, createdAt: first!.createdAt, updatedAt: expect.any(Number) });
    expect(second!.updatedAt).toBeGreaterThan(first!.updatedAt!);
  });

  test('keyPolicy FAIL_IF_EXISTS refuses an existing key with 409; returnValue answers the previous or latest value', async () => {
    await kvs.set('lock', 'a', { keyPolicy: 'FAIL_IF_EXISTS' });
    await expect(kvs.set('lock', 'b', { keyPolicy: 'FAIL_IF_EXISTS' })).rejects.toEqual(refused('KEY_ALREADY_EXISTS', 409));
    expect(await kvs.get('lock')).toBe('a');
    expect(await kvs.set('lock', 'c', { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' })).toEqual({ key: 'lock', value: 'a' });
    expect(await kvs.set('lock', 'd', { keyPolicy: 'OVERRIDE', returnValue: 'LATEST' })).toEqual({ key: 'lock', value: 'd' });
    expect(await kvs.set('fresh', 'e', { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' })).toBeUndefined();
  });

  test('secrets live apart from plain keys and never show in queries', async () => {
    await kvs.setSecret('token', { value: 's3cret' });
    expect(await kvs.getSecret('token')).toEqual({ value: 's3cret' });
    expect(await kvs.get('token')).toBeUndefined();
    expect((await kvs.query().getMany()).results).toEqual([]);
    await kvs.deleteSecret('token');
    expect(await kvs.getSecret('token')).toBeUndefined();
  });
});

describe('query', () => {
  test('beginsWith with limit and cursor paging returns every match once, in key order', async () => {
    const keys = Array.from({ length: 23 }, (_, i) => `user:${String(i).padStart(3, '0')}`);
    for (const key of [...keys].reverse()) await kvs.set(key, { n: key });
    for (const other of ['user', 'users:1', 'a:user:1', 'zzz']) await kvs.set(other, 'other');

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      let query = kvs.query().where('key', WhereConditions.beginsWith('user:')).limit(5);
      if (cursor) query = query.cursor(cursor);
      const page = await query.getMany<{ n: string }>();
      expect(page.results.length).toBeLessThanOrEqual(5);
      for (const result of page.results) expect(result.value).toEqual({ n: result.key });
      seen.push(...page.results.map((result) => result.key));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    expect(seen).toEqual(keys);
    expect(pages).toBe(5);
  });

  test('without a where clause it lists every plain key, 10 by default; getOne answers the first', async () => {
    for (let i = 0; i < 12; i += 1) await kvs.set(`k${String(i).padStart(2, '0')}`, i);
    const page = await kvs.query().getMany<number>();
    expect(page.results.map((result) => result.value)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(page.nextCursor).toEqual(expect.any(String));
    expect(await kvs.query().where('key', WhereConditions.beginsWith('k1')).getOne()).toEqual({ key: 'k10', value: 10 });
    expect(await kvs.query().where('key', WhereConditions.beginsWith('nothing')).getOne()).toBeUndefined();
  });

  test('more than 100 results per page and a forged cursor are refused', async () => {
    await expect(kvs.query().limit(101).getMany()).rejects.toEqual(refused('LIST_QUERY_LIMIT_EXCEEDED', 400));
    await expect(kvs.query().cursor('not-a-cursor').getMany()).rejects.toEqual(refused('INVALID_CURSOR', 400));
  });
});

describe('limits, refused with the service error the client reports', () => {
  test('keys: at most 500 characters, the documented pattern, not blank', async () => {
    await expect(kvs.set('k'.repeat(500), 1)).resolves.toBeUndefined();
    await expect(kvs.set('k'.repeat(501), 1)).rejects.toEqual(refused('KEY_TOO_LONG', 400));
    await expect(kvs.set('k'.repeat(501), 1)).rejects.toBeInstanceOf(ForgeKvsAPIError);
    for (const bad of ['a/b', 'a?b', 'naïve', 'a@b', 'emoji-😀']) {
      await expect(kvs.set(bad, 1)).rejects.toEqual(refused('INVALID_KEY', 400));
    }
    await expect(kvs.set('   ', 1)).rejects.toEqual(refused('INVALID_KEY', 400));
    await expect(kvs.set('', 1)).rejects.toEqual(refused('KEY_TOO_SHORT', 400));
    await expect(kvs.get('a/b')).rejects.toEqual(refused('INVALID_KEY', 400));
    await kvs.set('Aa0:._ -#x', 'every allowed kind of character');
    expect(await kvs.get('Aa0:._ -#x')).toBe('every allowed kind of character');
  });

  test('values: 240 KiB of JSON at most, and never null', async () => {
    const limit = 240 * 1024;
    const atLimit = 'x'.repeat(limit - 2); // the JSON string adds two quotes
    await expect(kvs.set('big', atLimit)).resolves.toBeUndefined();
    expect(await kvs.get('big')).toBe(atLimit);
    await expect(kvs.set('big', `${atLimit}x`)).rejects.toEqual(refused('MAX_SIZE', 400));
    await expect(kvs.set('big', { text: atLimit })).rejects.toEqual(refused('MAX_SIZE', 400));
    expect(await kvs.get('big')).toBe(atLimit);
    await expect(kvs.set('null', null)).rejects.toEqual(refused('BAD_REQUEST', 400));
  });

  test('values: at most 32 levels of nesting', async () => {
    const nest = (levels: number): unknown => (levels === 0 ? 'leaf' : { d: nest(levels - 1) });
    await expect(kvs.set('deep', nest(32))).resolves.toBeUndefined();
    await expect(kvs.set('deep', nest(33))).rejects.toEqual(refused('MAX_DEPTH', 400));
  });

  test('TTL: at most one year', async () => {
    await expect(kvs.set('ttl', 1, { ttl: { value: 365, unit: 'DAYS' } })).resolves.toBeUndefined();
    await expect(kvs.set('ttl', 1, { ttl: { value: 366, unit: 'DAYS' } })).rejects.toEqual(refused('BAD_REQUEST', 400));
    const expiring = await kvs.get('ttl', { metadataFields: [MetadataField.EXPIRE_TIME] });
    expect(Date.parse(expiring!.expireTime!)).toBeGreaterThan(Date.now() + 364 * 24 * 3600 * 1000);
  });
});

describe('transactions', () => {
  test('apply all operations together', async () => {
    await kvs.set('old', 'gone soon');
    await kvs.transact().set('a', 1).set('b', { two: 2 }).delete('old').delete('never-there').execute();
    expect([await kvs.get('a'), await kvs.get('b'), await kvs.get('old')]).toEqual([1, { two: 2 }, undefined]);
  });

  test('25 operations pass; 26 are refused and nothing is written', async () => {
    let ok = kvs.transact();
    for (let i = 0; i < 25; i += 1) ok = ok.set(`t25:${i}`, i);
    await ok.execute();
    expect((await kvs.query().where('key', WhereConditions.beginsWith('t25:')).limit(100).getMany()).results).toHaveLength(25);

    let tooMany = kvs.transact();
    for (let i = 0; i < 26; i += 1) tooMany = tooMany.set(`t26:${i}`, i);
    await expect(tooMany.execute()).rejects.toEqual(refused('BAD_REQUEST', 400));
    expect((await kvs.query().where('key', WhereConditions.beginsWith('t26:')).getMany()).results).toEqual([]);
  });

  test('a key used twice, or one invalid operation, fails the whole transaction', async () => {
    await expect(kvs.transact().set('dup', 1).delete('dup').execute()).rejects.toEqual(refused('BAD_REQUEST', 400));
    await expect(kvs.transact().set('fine', 1).set('bad/key', 2).execute()).rejects.toEqual(refused('INVALID_KEY', 400));
    expect(await kvs.get('fine')).toBeUndefined();
  });
});

describe('custom entities (declared in manifest.yml)', () => {
  const employees = kvs.entity<{ surname: string; age: number; gender: string; active?: boolean; notes?: unknown }>('employee');

  beforeEach(async () => {
    await employees.set('e1', { surname: 'Smith', age: 30, gender: 'female', active: true });
    await employees.set('e2', { surname: 'Scott', age: 41, gender: 'male' });
    await employees.set('e3', { surname: 'Jones', age: 25, gender: 'female', notes: { any: ['thing'] } });
    await employees.set('e4', { surname: 'Brown', age: 35, gender: 'female', active: false });
  });

  test('get and delete; entity keys do not collide with plain keys', async () => {
    expect(await employees.get('e1')).toEqual({ surname: 'Smith', age: 30, gender: 'female', active: true });
    expect(await kvs.get('e1')).toBeUndefined();
    await employees.delete('e1');
    expect(await employees.get('e1')).toBeUndefined();
  });

  test('index queries: partition, range condition, sort, filters and paging', async () => {
    const women = await employees
      .query()
      .index('by-age-per-gender', { partition: ['female'] })
      .where(WhereConditions.greaterThan(26))
      .sort(Sort.DESC)
      .getMany();
    expect(women.results.map((r) => r.key)).toEqual(['e4', 'e1']);

    const bySurname = await employees.query().index('surname').where(WhereConditions.beginsWith('S')).getMany();
    expect(bySurname.results.map((r) => r.value.surname)).toEqual(['Scott', 'Smith']);

    const filtered = await employees
      .query()
      .index('by-key')
      .filters(new Filter<{ active: boolean; age: number }>().and('active', FilterConditions.exists()).and('age', FilterConditions.lessThan(33)))
      .getMany();
    expect(filtered.results.map((r) => r.key)).toEqual(['e1']);

    const first = await employees.query().index('by-key').limit(3).getMany();
    const rest = await employees.query().index('by-key').limit(3).cursor(first.nextCursor!).getMany();
    expect([...first.results, ...rest.results].map((r) => r.key)).toEqual(['e1', 'e2', 'e3', 'e4']);
  });

  test('values must match the declared attribute types; undeclared entities and attributes are refused', async () => {
    await expect(employees.set('bad', { surname: 'X', age: 1.5, gender: 'male' })).rejects.toEqual(refused('INVALID_ENTITY_VALUE', 400));
    await expect(employees.set('bad', { surname: 'X', age: 1, gender: 'male', salary: 9 } as never)).rejects.toEqual(
      refused('INVALID_ENTITY_VALUE', 400),
    );
    await expect(kvs.entity('department').set('d1', { name: 'R&D' })).rejects.toEqual(refused('INVALID_ENTITY_TYPE', 400));
    await expect(employees.query().index('no-such-index').getMany()).rejects.toEqual(refused('INVALID_ENTITY_INDEX', 400));
    await expect(
      employees.query().index('by-key').filters(new Filter<{ notes: string }>().and('notes', FilterConditions.exists())).getMany(),
    ).rejects.toEqual(refused('INVALID_FILTER_ATTRIBUTE', 422));
  });

  test('transaction conditions: all operations apply only when every condition holds', async () => {
    const isSmith = new Filter<{ surname: string }>().and('surname', FilterConditions.equalTo('Smith'));
    await expect(
      kvs
        .transact()
        .set('e2', { surname: 'Scott', age: 42, gender: 'male' }, { entityName: 'employee' })
        .check('e3', { entityName: 'employee', conditions: isSmith })
        .execute(),
    ).rejects.toEqual(refused('CONDITIONAL_CHECK_FAILED', 409));
    expect((await employees.get('e2'))!.age).toBe(41);

    await kvs
      .transact()
      .set('e2', { surname: 'Scott', age: 42, gender: 'male' }, { entityName: 'employee' })
      .check('e1', { entityName: 'employee', conditions: isSmith })
      .delete('e4', { entityName: 'employee' })
      .execute();
    expect((await employees.get('e2'))!.age).toBe(42);
    expect(await employees.get('e4')).toBeUndefined();
  });
});

test('batch operations report each key on its own', async () => {
  const set = await kvs.batchSet<unknown>([
    { key: 'b1', value: 1 },
    { key: 'b2', value: { two: 2 } },
    { key: 'bad/key', value: 3 },
    { key: 'e9', value: { surname: 'Lee', age: 50, gender: 'male' }, entityName: 'employee' },
  ]);
  expect(set.successfulKeys).toEqual([{ key: 'b1' }, { key: 'b2' }, { key: 'e9', entityName: 'employee' }]);
  expect(set.failedKeys).toEqual([{ key: 'bad/key', error: { code: 'INVALID_KEY', message: expect.any(String) } }]);

  const got = await kvs.batchGet([{ key: 'b1' }, { key: 'missing' }, { key: 'e9', entityName: 'employee' }]);
  expect(got.successfulKeys).toEqual([
    { key: 'b1', value: 1 },
    { key: 'e9', entityName: 'employee', value: { surname: 'Lee', age: 50, gender: 'male' } },
  ]);
  expect(got.failedKeys).toEqual([{ key: 'missing', error: { code: 'KEY_NOT_FOUND', message: 'Key does not exist' } }]);

  const deleted = await kvs.batchDelete([{ key: 'b1' }, { key: 'b2' }]);
  expect(deleted).toEqual({ successfulKeys: [{ key: 'b1' }, { key: 'b2' }], failedKeys: [] });
  await expect(kvs.batchSet(Array.from({ length: 26 }, (_, i) => ({ key: `x${i}`, value: i })))).rejects.toEqual(refused('BAD_REQUEST', 400));
});

test('data persists across runtime re-creation on the same SQLite file', async () => {
  const dbPath = path.join(dir, 'persist', 'kvs.db');
  const first = await startRuntime(dbPath);
  await kvs.set('survives', { restarts: true });
  await kvs.setSecret('secret', 'kept');
  await kvs.entity('employee').set('e1', { surname: 'Smith', age: 30, gender: 'female' });
  await first.close();

  const second = await startRuntime(dbPath);
  try {
    expect(await kvs.get('survives')).toEqual({ restarts: true });
    expect(await kvs.getSecret('secret')).toBe('kept');
    expect(await kvs.entity('employee').get('e1')).toEqual({ surname: 'Smith', age: 30, gender: 'female' });
    expect(second.kvs.entries().map((entry) => `${entry.space}/${entry.key}`)).toEqual(['entity/e1', 'kvs/survives', 'secret/secret']);
  } finally {
    await second.close();
  }
});

test('without the storage:app scope in manifest.yml every storage call is refused', async () => {
  const narrow = await startRuntime(undefined, false);
  try {
    await expect(kvs.get('anything')).rejects.toEqual(refused('FORBIDDEN', 403));
    await expect(kvs.set('anything', 1)).rejects.toEqual(refused('FORBIDDEN', 403));
    expect(narrow.kvs.requests).toEqual([]);
  } finally {
    await narrow.close();
  }
});
