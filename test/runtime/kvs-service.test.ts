import { KvsService } from '../../harness/runtime/kvs';

// The wire level of the local KVS service: what @forge/kvs's StorageApi sends (POST, JSON body) and what it reads
// back (status, JSON body or none, `{ code, message }` on errors, an x-trace-id header).

let clock = Date.UTC(2025, 0, 1);
let service: KvsService;
beforeEach(() => {
  clock = Date.UTC(2025, 0, 1);
  service = new KvsService({ now: () => clock });
});
afterEach(() => service.close());

async function call(path: string, body: unknown, method = 'POST') {
  const response = await service.handle(path, {
    method,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
  const text = await response.text();
  return { status: response.status, statusText: response.statusText, traceId: response.headers.get('x-trace-id'), body: text ? JSON.parse(text) : undefined };
}

test('set answers 204 without a body; get answers the entry with the metadata asked for', async () => {
  expect(await call('/api/v1/set', { key: 'k', value: { a: 1 } })).toMatchObject({ status: 204, body: undefined });
  clock += 1000;
  await call('/api/v1/set', { key: 'k', value: { a: 2 } });
  expect(await call('/api/v1/get', { key: 'k' })).toMatchObject({ status: 200, body: { key: 'k', value: { a: 2 } } });
  expect((await call('/api/v1/get', { key: 'k', options: { metadataFields: ['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME'] } })).body).toEqual({
    key: 'k',
    value: { a: 2 },
    createdAt: Date.UTC(2025, 0, 1),
    updatedAt: Date.UTC(2025, 0, 1) + 1000,
  });
});

test('errors carry a status, a code and a message, and a trace id', async () => {
  expect(await call('/api/v1/get', { key: 'missing' })).toEqual({
    status: 404,
    statusText: 'Not Found',
    traceId: expect.stringMatching(/^[0-9a-f]{16}$/),
    body: { code: 'KEY_NOT_FOUND', message: 'Provided key does not exist' },
  });
  expect(await call('/api/v1/set', { key: 'x'.repeat(501), value: 1 })).toMatchObject({
    status: 400,
    body: { code: 'KEY_TOO_LONG', message: 'The provided key has exceeded the maximum 500 characters.' },
  });
  expect((await call('/api/v1/set', '{not json')).body).toMatchObject({ code: 'BAD_REQUEST' });
  expect((await call('/api/v1/set', { key: 'k', value: 1 }, 'GET')).status).toBe(405);
  expect((await call('/api/v1/nope', {})).body).toMatchObject({ code: 'NOT_FOUND' });
  expect(service.requests.map((r) => `${r.path} ${r.status} ${r.code ?? ''}`.trim())).toEqual([
    '/api/v1/get 404 KEY_NOT_FOUND',
    '/api/v1/set 400 KEY_TOO_LONG',
    '/api/v1/set 400 BAD_REQUEST',
    '/api/v1/set 405 METHOD_NOT_ALLOWED',
    '/api/v1/nope 404 NOT_FOUND',
  ]);
});

test('a TTL expires the entry: gone from get and query once its expireTime passes', async () => {
  await call('/api/v1/set', { key: 'session:1', value: 'v', options: { ttl: { value: 5, unit: 'MINUTES' } } });
  await call('/api/v1/set', { key: 'session:2', value: 'kept' });
  expect((await call('/api/v1/get', { key: 'session:1', options: { metadataFields: ['EXPIRE_TIME'] } })).body).toEqual({
    key: 'session:1',
    value: 'v',
    expireTime: '2025-01-01T00:05:00.000Z',
  });
  clock += 5 * 60 * 1000;
  expect((await call('/api/v1/get', { key: 'session:1' })).status).toBe(404);
  expect((await call('/api/v1/query', { where: [{ property: 'key', condition: 'BEGINS_WITH', values: ['session:'] }] })).body).toEqual({
    data: [{ key: 'session:2', value: 'kept' }],
  });
  // A later write without a TTL does not inherit one, and a re-created key starts a new createdAt.
  await call('/api/v1/set', { key: 'session:1', value: 'again' });
  expect((await call('/api/v1/get', { key: 'session:1', options: { metadataFields: ['CREATED_AT', 'EXPIRE_TIME'] } })).body).toEqual({
    key: 'session:1',
    value: 'again',
    createdAt: clock,
  });
});

test('query answers { data, cursor } and refuses what the service refuses', async () => {
  for (const key of ['a:1', 'a:2', 'a:3', 'b:1']) await call('/api/v1/set', { key, value: key });
  const where = [{ property: 'key', condition: 'BEGINS_WITH', values: ['a:'] }];
  const first = await call('/api/v1/query', { limit: 2, where });
  expect(first.body).toEqual({ data: [{ key: 'a:1', value: 'a:1' }, { key: 'a:2', value: 'a:2' }], cursor: expect.any(String) });
  expect((await call('/api/v1/query', { limit: 2, after: first.body.cursor, where })).body).toEqual({ data: [{ key: 'a:3', value: 'a:3' }] });

  const refusals: Array<[unknown, string]> = [
    [{ where: [...where, ...where] }, 'QUERY_WHERE_INVALID'],
    [{ where: [{ property: 'value', condition: 'BEGINS_WITH', values: ['a'] }] }, 'QUERY_WHERE_FIELD_INVALID'],
    [{ where: [{ property: 'key', condition: 'EQUAL_TO', values: ['a'] }] }, 'INVALID_FILTER_CONDITION'],
    [{ where: [{ property: 'key', condition: 'BEGINS_WITH', values: ['a', 'b'] }] }, 'INVALID_FILTER_VALUES'],
    [{ limit: 101 }, 'LIST_QUERY_LIMIT_EXCEEDED'],
    [{ after: 'garbage' }, 'INVALID_CURSOR'],
  ];
  for (const [body, code] of refusals) expect(await call('/api/v1/query', body)).toMatchObject({ status: 400, body: { code } });
});

test('transactions and batches are checked as a whole before anything is written', async () => {
  const sets = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `t${i}`, value: i }));
  expect(await call('/api/v1/transaction', { set: sets(26) })).toMatchObject({ status: 400, body: { code: 'BAD_REQUEST' } });
  expect(await call('/api/v1/transaction', { set: sets(20), delete: sets(6).map(({ key }) => ({ key: `d${key}` })) })).toMatchObject({
    status: 400,
  });
  expect(await call('/api/v1/transaction', {})).toMatchObject({ status: 400 });
  expect(await call('/api/v1/transaction', { set: [{ key: 'k', value: 1, conditions: { and: [] } }] })).toMatchObject({ status: 400 });
  expect(service.entries()).toEqual([]);
  expect(await call('/api/v1/transaction', { set: sets(25) })).toMatchObject({ status: 204 });
  expect(service.entries()).toHaveLength(25);

  expect(await call('/api/v1/batch/set', [])).toMatchObject({ status: 400 });
  expect(await call('/api/v1/batch/get', [{ key: 'a' }, { key: 'a' }])).toMatchObject({ status: 400 });
  expect(await call('/api/v1/batch/delete', [{ key: 't0' }, { key: 'nope' }])).toMatchObject({
    status: 200,
    body: { successfulKeys: [{ key: 't0' }], failedKeys: [{ key: 'nope', error: { code: 'KEY_NOT_FOUND', message: 'Key does not exist' } }] },
  });
});

test('entity operations need an entity declared in the manifest', async () => {
  expect(await call('/api/v1/entity/set', { entityName: 'employee', key: 'e1', value: { name: 'x' } })).toMatchObject({
    status: 400,
    body: { code: 'INVALID_ENTITY_TYPE' },
  });
  expect(await call('/api/v1/entity/get', { entityName: 'ab', key: 'e1' })).toMatchObject({ body: { code: 'ENTITY_TYPE_TOO_SHORT' } });
});
