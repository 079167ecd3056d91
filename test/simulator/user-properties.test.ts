import { DEMO_PROPERTIES, DEMO_USERS } from '../../harness/simulator';
import { API, basic, expectErrorCollection, forge, keysPath, propertyPath, start, type Caller, type Running } from './helpers';

const { admin, alice, bob, carol, dmitri } = DEMO_USERS;
const UNKNOWN_ACCOUNT = '5f0000000000000000000000';

let run: Running;
beforeEach(async () => {
  run = await start();
});
afterEach(async () => {
  await run.sim.close();
});

describe('permission model', () => {
  const asAdmin = () => basic(admin.email);
  const asAlice = () => basic(alice.email);
  const asApp = () => forge(run.sim, 'app');
  const asBobViaForge = () => forge(run.sim, `user:${bob.accountId}`);

  const cases: Array<{ name: string; caller: () => Caller; accountId: string; status: number }> = (
    [
    ['admin reads another user', asAdmin, alice.accountId, 200],
    ['admin reads an inactive user', asAdmin, carol.accountId, 200],
    ['the app reads any user', asApp, dmitri.accountId, 200],
    ['a user reads their own record', asAlice, alice.accountId, 200],
    ['a user reads another user', asAlice, bob.accountId, 403],
    ['a user reads the admin', asAlice, admin.accountId, 403],
    ['a user via the Forge channel reads their own record', asBobViaForge, bob.accountId, 200],
    ['a user via the Forge channel reads another user', asBobViaForge, alice.accountId, 403],
    ['a non-admin asks for an unknown user (403 comes before 404)', asAlice, UNKNOWN_ACCOUNT, 403],
    ['admin asks for an unknown user', asAdmin, UNKNOWN_ACCOUNT, 404],
  ] as Array<[string, () => Caller, string, number]>
  ).map(([name, caller, accountId, status]) => ({ name, caller, accountId, status }));

  test.each(cases)('$name: list keys → $status', async ({ caller, accountId, status }) => {
    const response = await run.call('GET', keysPath(accountId), { as: caller() });
    expect(response.status).toBe(status);
    if (status !== 200) await expectErrorCollection(response);
  });

  test.each(cases)('$name: write', async ({ caller, accountId, status }) => {
    const response = await run.put(propertyPath('perm.check', accountId), caller(), '{"ok":true}');
    expect(response.status).toBe(status === 200 ? 201 : status);
    expect(run.sim.store.getProperty(accountId, 'perm.check')).toEqual(status === 200 ? { ok: true } : undefined);
  });

  test.each(cases)('$name: delete', async ({ caller, accountId, status }) => {
    if (run.sim.store.getUser(accountId)) run.sim.store.setProperty(accountId, 'perm.check', 1);
    const response = await run.call('DELETE', propertyPath('perm.check', accountId), { as: caller() });
    expect(response.status).toBe(status === 200 ? 204 : status);
    if (status === 200) expect(run.sim.store.getProperty(accountId, 'perm.check')).toBeUndefined();
    if (status === 403 && run.sim.store.getUser(accountId)) expect(run.sim.store.getProperty(accountId, 'perm.check')).toBe(1);
  });
});

describe('GET /user/properties', () => {
  test('lists every key, sorted, with a self link that leads to the property', async () => {
    const response = await run.call('GET', keysPath(alice.accountId), { as: basic(alice.email) });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { keys: Array<{ key: string; self: string }> };
    const expected = DEMO_PROPERTIES.filter((p) => p.accountId === alice.accountId).map((p) => p.key);
    expect(body.keys.map((k) => k.key)).toEqual([...expected].sort());
    for (const { key, self } of body.keys) {
      expect(typeof self).toBe('string');
      expect(self).toBe(`${run.base}${propertyPath(key, alice.accountId)}`);
      const followed = await fetch(self, { headers: basic(alice.email) });
      expect(((await followed.json()) as { key: string }).key).toBe(key);
    }
  });

  test('a user without properties gets an empty list', async () => {
    const response = await run.call('GET', keysPath(alice.accountId), { as: basic(alice.email) });
    expect(response.status).toBe(200);
    for (const key of run.sim.store.listKeys(alice.accountId)) {
      await run.call('DELETE', propertyPath(key, alice.accountId), { as: basic(alice.email) });
    }
    const empty = await run.call('GET', keysPath(alice.accountId), { as: basic(alice.email) });
    expect(await empty.json()).toEqual({ keys: [] });
  });

  test.each([
    ['no accountId', 400, `${API}/user/properties`],
    ['an empty accountId', 400, `${API}/user/properties?accountId=`],
    ['an accountId over 128 characters', 400, keysPath('x'.repeat(129))],
    ['an unknown user', 404, keysPath(UNKNOWN_ACCOUNT)],
  ])('%s → %d', async (_name, status, path) => {
    const response = await run.call('GET', path, { as: basic(admin.email) });
    expect(response.status).toBe(status);
    await expectErrorCollection(response);
  });
});

describe('GET /user/properties/{propertyKey}', () => {
  test('returns { key, value } exactly as seeded, including unicode', async () => {
    for (const property of DEMO_PROPERTIES) {
      const response = await run.call('GET', propertyPath(property.key, property.accountId), { as: basic(admin.email) });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ key: property.key, value: property.value });
    }
  });

  test.each([
    ['a missing property', 404, propertyPath('does.not.exist', alice.accountId)],
    ['an unknown user', 404, propertyPath('team', UNKNOWN_ACCOUNT)],
    ['no accountId', 400, `${API}/user/properties/team`],
    ['a malformed percent-encoded key', 400, `${API}/user/properties/%E0%A4%A?accountId=${alice.accountId}`],
  ])('%s → %d', async (_name, status, path) => {
    const response = await run.call('GET', path, { as: basic(admin.email) });
    expect(response.status).toBe(status);
    await expectErrorCollection(response);
  });
});

describe('PUT /user/properties/{propertyKey}', () => {
  test('201 when created, 200 when updated, with no body', async () => {
    const path = propertyPath('myapp.settings', alice.accountId);
    const created = await run.put(path, basic(alice.email), '{"v":1}');
    expect(created.status).toBe(201);
    expect(await created.text()).toBe('');
    const updated = await run.put(path, basic(alice.email), '{"v":2}');
    expect(updated.status).toBe(200);
    expect(await updated.text()).toBe('');
    expect(run.sim.store.getProperty(alice.accountId, 'myapp.settings')).toEqual({ v: 2 });
  });

  test.each([
    ['an object', '{"a":{"b":[1,2,{"c":null}]}}', { a: { b: [1, 2, { c: null }] } }],
    ['an array', '[1,"two",false]', [1, 'two', false]],
    ['a string', '"hello"', 'hello'],
    ['a number', '42.5', 42.5],
    ['a boolean', 'true', true],
    ['null', 'null', null],
    ['unicode text', '{"msg":"Привет 👋 你好"}', { msg: 'Привет 👋 你好' }],
  ])('stores %s and reads it back', async (_name, body, expected) => {
    const path = propertyPath('roundtrip', bob.accountId);
    expect((await run.put(path, basic(bob.email), body)).status).toBe(201);
    const response = await run.call('GET', path, { as: basic(bob.email) });
    expect(await response.json()).toEqual({ key: 'roundtrip', value: expected });
  });

  test.each([
    ['an empty body', ''],
    ['a whitespace body', '   \n'],
    ['invalid JSON', '{"unterminated": '],
    ['two JSON values', '1 2'],
  ])('400 for %s', async (_name, body) => {
    const response = await run.put(propertyPath('bad.value', alice.accountId), basic(alice.email), body);
    expect(response.status).toBe(400);
    await expectErrorCollection(response);
    expect(run.sim.store.getProperty(alice.accountId, 'bad.value')).toBeUndefined();
  });

  test('400 without accountId', async () => {
    const response = await run.put(`${API}/user/properties/k`, basic(admin.email), '1');
    expect(response.status).toBe(400);
    await expectErrorCollection(response);
  });

  test('404 for an unknown user', async () => {
    const response = await run.put(propertyPath('k', UNKNOWN_ACCOUNT), basic(admin.email), '1');
    expect(response.status).toBe(404);
    await expectErrorCollection(response);
  });

  test('415 when the body is not declared as JSON', async () => {
    const path = propertyPath('k', alice.accountId);
    const untyped = await run.call('PUT', path, { as: basic(alice.email), body: new Blob(['1']) });
    expect(untyped.status).toBe(415);
    const textPlain = await run.call('PUT', path, { as: basic(alice.email), body: '1', headers: { 'content-type': 'text/plain' } });
    expect(textPlain.status).toBe(415);
    await expectErrorCollection(textPlain);
    const withCharset = await run.call('PUT', path, {
      as: basic(alice.email),
      body: '1',
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(withCharset.status).toBe(201);
  });

  describe('key length is counted in UTF-16 code units, at most 255', () => {
    test.each([
      ['255 ASCII characters', 201, 'k'.repeat(255)],
      ['256 ASCII characters', 400, 'k'.repeat(256)],
      ['127 emoji (254 code units)', 201, '😀'.repeat(127)],
      ['128 emoji (256 code units)', 400, '😀'.repeat(128)],
      ['255 Cyrillic characters', 201, 'ж'.repeat(255)],
    ])('%s → %d', async (_name, status, key) => {
      const response = await run.put(propertyPath(key, alice.accountId), basic(alice.email), '1');
      expect(response.status).toBe(status);
      expect(run.sim.store.getProperty(alice.accountId, key)).toBe(status === 201 ? 1 : undefined);
    });
  });

  describe('value size is counted in UTF-8 bytes, at most 32,768', () => {
    const jsonString = (content: string) => JSON.stringify(content);
    test.each([
      ['exactly 32,768 ASCII bytes', 201, jsonString('x'.repeat(32_766))],
      ['32,769 ASCII bytes', 400, jsonString('x'.repeat(32_767))],
      ['exactly 32,768 bytes of two-byte characters', 201, jsonString('é'.repeat(16_383))],
      ['32,769 bytes in only 16,386 characters', 400, jsonString(`${'é'.repeat(16_383)}x`)],
      ['3-byte CJK characters over the limit', 400, jsonString('数'.repeat(10_923))],
    ])('%s → %d', async (_name, status, body) => {
      const response = await run.put(propertyPath('big', bob.accountId), basic(bob.email), body);
      expect(response.status).toBe(status);
      if (status === 400) {
        const error = await expectErrorCollection(response);
        expect(error.errorMessages[0]).toMatch(/32768/);
      }
      expect(run.sim.store.getProperty(bob.accountId, 'big') !== undefined).toBe(status === 201);
    });
  });

  test.each([
    ['PUT', `${API}/user/properties?accountId=${alice.accountId}`],
    ['PUT', `${API}/user/properties/?accountId=${alice.accountId}`],
    ['DELETE', `${API}/user/properties?accountId=${alice.accountId}`],
  ])('%s %s (no key) → 405', async (method, path) => {
    const response = await run.call(method, path, { as: basic(alice.email), body: '1', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
    await expectErrorCollection(response);
  });

  test('other methods on a property → 405', async () => {
    const response = await run.call('POST', propertyPath('k', alice.accountId), { as: basic(alice.email), body: '1' });
    expect(response.status).toBe(405);
    await expectErrorCollection(response);
  });
});

describe('percent-encoded keys', () => {
  test.each([['a/b'], ['ключ'], ['a?b'], ['a b'], ['100%'], ['x#y&z=1'], ['a+b'], ['emoji 🎉']])('%s round-trips', async (key) => {
    const path = propertyPath(key, dmitri.accountId);
    expect((await run.put(path, basic(dmitri.email), '{"k":1}')).status).toBe(201);
    expect(run.sim.store.getProperty(dmitri.accountId, key)).toEqual({ k: 1 });

    const read = await run.call('GET', path, { as: basic(dmitri.email) });
    expect(await read.json()).toEqual({ key, value: { k: 1 } });

    const list = (await (await run.call('GET', keysPath(dmitri.accountId), { as: basic(dmitri.email) })).json()) as {
      keys: Array<{ key: string; self: string }>;
    };
    const entry = list.keys.find((k) => k.key === key);
    expect(entry?.self).toBe(`${run.base}${path}`);

    expect((await run.call('DELETE', path, { as: basic(dmitri.email) })).status).toBe(204);
    expect(run.sim.store.getProperty(dmitri.accountId, key)).toBeUndefined();
  });

  test('"a/b" unencoded is a different path and does not reach the property', async () => {
    run.sim.store.setProperty(alice.accountId, 'a/b', 1);
    const response = await run.call('GET', `${API}/user/properties/a/b?accountId=${alice.accountId}`, { as: basic(alice.email) });
    expect(response.status).toBe(404);
  });
});

describe('DELETE /user/properties/{propertyKey}', () => {
  test('204 then 404', async () => {
    const path = propertyPath('team', alice.accountId);
    const first = await run.call('DELETE', path, { as: basic(alice.email) });
    expect(first.status).toBe(204);
    expect(await first.text()).toBe('');
    const second = await run.call('DELETE', path, { as: basic(alice.email) });
    expect(second.status).toBe(404);
    await expectErrorCollection(second);
  });

  test.each([
    ['no accountId', 400, `${API}/user/properties/team`],
    ['an unknown user', 404, propertyPath('team', UNKNOWN_ACCOUNT)],
  ])('%s → %d', async (_name, status, path) => {
    const response = await run.call('DELETE', path, { as: basic(admin.email) });
    expect(response.status).toBe(status);
    await expectErrorCollection(response);
  });
});
