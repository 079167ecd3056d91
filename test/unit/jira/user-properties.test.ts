import {
  ForbiddenError,
  JiraError,
  NotFoundError,
  RateLimitedError,
  ValidationError,
} from '../../../src/domain/errors';
import { ACCOUNT_ID, clientFor, emptyResponse, FakeJira, jsonResponse, rejectionOf } from './fake-jira';

const PROPERTIES_PATH = '/rest/api/3/user/properties';

describe('listPropertyKeys', () => {
  it('GETs the keys of the user', async () => {
    const fake = new FakeJira().answer(
      jsonResponse(200, { keys: [{ key: 'theme', self: 'https://x/1' }, { key: 'a/b', self: 'https://x/2' }] }),
    );
    const { client } = clientFor(fake);
    await expect(client.listPropertyKeys(ACCOUNT_ID)).resolves.toEqual(['theme', 'a/b']);
    expect(fake.calls).toHaveLength(1);
    const [call] = fake.calls;
    expect(call.method).toBe('GET');
    expect(call.url).toBe(`${PROPERTIES_PATH}?accountId=${ACCOUNT_ID}`);
    expect(call.headers).toEqual({ Accept: 'application/json' });
    expect(call.body).toBeUndefined();
  });

  it.each([
    ['not an object', []],
    ['without keys', {}],
    ['with a key that is not a string', { keys: [{ key: 1 }] }],
    ['with a key entry that is not an object', { keys: ['theme'] }],
  ])('throws JiraError on a body %s', async (_name, body) => {
    const { client } = clientFor(new FakeJira().answer(jsonResponse(200, body)));
    const error = await rejectionOf(() => client.listPropertyKeys(ACCOUNT_ID));
    expect(error).toBeInstanceOf(JiraError);
    expect((error as JiraError).status).toBe(200);
  });

  it('throws JiraError on a body that is not JSON', async () => {
    const { client } = clientFor(new FakeJira().answer(new Response('<html>oops</html>', { status: 200 })));
    await expect(client.listPropertyKeys(ACCOUNT_ID)).rejects.toBeInstanceOf(JiraError);
  });

  it('says the user was not found on 404', async () => {
    const { client } = clientFor(new FakeJira().answer(jsonResponse(404, { errorMessages: ['User not found.'] })));
    const error = await rejectionOf(() => client.listPropertyKeys(ACCOUNT_ID));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(`Jira could not find user ${ACCOUNT_ID}. Jira says: User not found.`);
  });
});

describe('property keys in the path', () => {
  it.each([
    ['theme', 'theme'],
    ['a/b', 'a%2Fb'],
    ['ключ', '%D0%BA%D0%BB%D1%8E%D1%87'],
    ['a?b', 'a%3Fb'],
    ['a#b', 'a%23b'],
    ['%', '%25'],
    ['a b', 'a%20b'],
    ['a\\b', 'a%5Cb'],
    ['a&b=c+d;e', 'a%26b%3Dc%2Bd%3Be'],
    ['.hidden', '.hidden'],
    ['x'.repeat(255), 'x'.repeat(255)],
  ])('encodes %p as %p', async (key, segment) => {
    const fake = new FakeJira().answer(jsonResponse(200, { key, value: 1 }));
    const { client } = clientFor(fake);
    await client.getProperty(ACCOUNT_ID, key);
    expect(fake.calls[0].url).toBe(`${PROPERTIES_PATH}/${segment}?accountId=${ACCOUNT_ID}`);
  });

  const unaddressableKeys: [string, unknown][] = [
    ['".."', '..'],
    ['"."', '.'],
    ['empty', ''],
    ['a lone surrogate', 'a\uD800b'],
    ['absurdly long', 'x'.repeat(1_025)],
    ['not a string', 42],
  ];

  it.each(unaddressableKeys)('refuses a key that is %s without calling Jira', async (_name, key) => {
    const fake = new FakeJira();
    const { client } = clientFor(fake);
    for (const action of [
      () => client.getProperty(ACCOUNT_ID, key as string),
      () => client.setProperty(ACCOUNT_ID, key as string, '1'),
      () => client.deleteProperty(ACCOUNT_ID, key as string),
    ]) {
      await expect(action()).rejects.toBeInstanceOf(ValidationError);
    }
    expect(fake.calls).toEqual([]);
  });

  it.each(unaddressableKeys.filter(([, key]) => typeof key === 'string'))('lists a key that is %s as unreadable, reading the others', async (_name, key) => {
    const fake = new FakeJira().answer(jsonResponse(200, { key: 'fine', value: 1 }));
    const { client } = clientFor(fake);
    await expect(client.getProperties(ACCOUNT_ID, ['fine', key as string])).resolves.toEqual([
      { key: 'fine', json: '1', bytes: 1 },
      { key, json: 'null', bytes: 0, unreadable: expect.any(String) },
    ]);
    expect(fake.calls).toHaveLength(1);
  });

  // Keys another client stored that the app would never create: read and deleted, never written.
  const storedOnlyKeys: [string, string, string][] = [
    ['"a..b"', 'a..b', 'a%2E%2Eb'],
    ['"..x.." with single dots too', '..x..y.z', '%2E%2Ex%2E%2Ey%2Ez'],
    ['only spaces', '   ', '%20%20%20'],
    ['256 characters', 'x'.repeat(256), 'x'.repeat(256)],
    ['a control character', 'a\nb', 'a%0Ab'],
    ['a zero-width joiner', 'cost\u200dCenter', 'cost%E2%80%8DCenter'],
  ];

  it.each(storedOnlyKeys)('reads and deletes a key that is %s, but refuses to write it', async (_name, key, segment) => {
    const fake = new FakeJira().answer(jsonResponse(200, { key, value: 1 }), emptyResponse(204), jsonResponse(200, { key, value: 2 }));
    const { client } = clientFor(fake);
    await expect(client.getProperty(ACCOUNT_ID, key)).resolves.toEqual({ key, json: '1' });
    await client.deleteProperty(ACCOUNT_ID, key);
    await expect(client.getProperties(ACCOUNT_ID, [key])).resolves.toEqual([{ key, json: '2', bytes: 1 }]);
    expect(fake.calls.map((call) => call.url)).toEqual(Array(3).fill(`${PROPERTIES_PATH}/${segment}?accountId=${ACCOUNT_ID}`));
    await expect(client.setProperty(ACCOUNT_ID, key, '1')).rejects.toBeInstanceOf(ValidationError);
    expect(fake.calls).toHaveLength(3);
  });

  it.each(['', 'a b', 'a&b', 'x'.repeat(129), 'a/b'])('refuses the accountId %p without calling Jira', async (accountId) => {
    const fake = new FakeJira();
    const { client } = clientFor(fake);
    for (const action of [
      () => client.listPropertyKeys(accountId),
      () => client.getProperty(accountId, 'theme'),
      () => client.getProperties(accountId, ['theme']),
      () => client.setProperty(accountId, 'theme', '1'),
      () => client.deleteProperty(accountId, 'theme'),
    ]) {
      await expect(action()).rejects.toBeInstanceOf(ValidationError);
    }
    expect(fake.calls).toEqual([]);
  });
});

describe('getProperty', () => {
  it('answers the key and the value as its JSON text', async () => {
    const fake = new FakeJira().answer(jsonResponse(200, { key: 'theme', value: { dark: true } }));
    const { client } = clientFor(fake);
    await expect(client.getProperty(ACCOUNT_ID, 'theme')).resolves.toEqual({ key: 'theme', json: '{"dark":true}' });
    expect(fake.calls[0].method).toBe('GET');
    expect(fake.calls[0].query.get('accountId')).toBe(ACCOUNT_ID);
  });

  it('keeps a null value', async () => {
    const { client } = clientFor(new FakeJira().answer(jsonResponse(200, { key: 'theme', value: null })));
    await expect(client.getProperty(ACCOUNT_ID, 'theme')).resolves.toEqual({ key: 'theme', json: 'null' });
  });

  // Jira embeds the stored text raw (@JsonRawValue): the client cuts it out of the answer's text, never parses it.
  it.each([
    ['a 20-digit integer', '12345678901234567890'],
    ['a negative big integer', '-9007199254740993'],
    ['a long decimal', '0.1000000000000000055511151231257827'],
    ['exponents', '[1E400,1.50e+1,-0.0e-0]'],
    ['-0', '-0'],
    ['an object with spacing and key order', '{ "z" : 1 ,\n "a":[ 1.0 , 2 ] }'],
    ['escapes', '"\\u00e9\\n\\"\\\\\\/"'],
    ['Jira-style \\u escapes of non-ASCII', '{"name":"\\u00C9mile \\uD83D\\uDE00"}'],
    ['raw non-ASCII', '"ключ 😀"'],
    ['a value holding the word "value" and braces', '{"value":"}{][","key":{"value":[]}}'],
  ])('keeps %s exactly as the answer spells it', async (_name, json) => {
    const body = `{"key":"theme", "value" :${json} ,"self":"https://example.atlassian.net/x"}`;
    const { client } = clientFor(new FakeJira().answer(new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } })));
    await expect(client.getProperty(ACCOUNT_ID, 'theme')).resolves.toEqual({ key: 'theme', json });
  });

  it('reads a value nested far deeper than the app writes without overflowing the stack', async () => {
    const json = `${'['.repeat(16_000)}${']'.repeat(16_000)}`;
    const { client } = clientFor(new FakeJira().answer(new Response(`{"key":"deep","value":${json}}`, { status: 200 })));
    await expect(client.getProperty(ACCOUNT_ID, 'deep')).resolves.toEqual({ key: 'deep', json });
    const [entry] = await clientFor(new FakeJira().answer(new Response(`{"key":"deep","value":${json}}`, { status: 200 }))).client.getProperties(ACCOUNT_ID, ['deep']);
    expect(entry).toEqual({ key: 'deep', json, bytes: 32_000 });
  });

  it('throws NotFoundError naming the property on 404', async () => {
    const { client } = clientFor(new FakeJira().answer(emptyResponse(404)));
    const error = await rejectionOf(() => client.getProperty(ACCOUNT_ID, 'theme'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(`Jira could not find the property "theme" of user ${ACCOUNT_ID}, or the user.`);
  });

  it('throws JiraError when the body lacks a value', async () => {
    const { client } = clientFor(new FakeJira().answer(jsonResponse(200, { key: 'theme' })));
    await expect(client.getProperty(ACCOUNT_ID, 'theme')).rejects.toBeInstanceOf(JiraError);
  });

  it('throws ForbiddenError on 403', async () => {
    const { client } = clientFor(new FakeJira().answer(jsonResponse(403, { errorMessages: ['No.'] })));
    await expect(client.getProperty(ACCOUNT_ID, 'theme')).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('getProperties', () => {
  it('reads every key in order with sizes, skipping keys deleted since the listing', async () => {
    const values: Record<string, unknown> = { a: 1, b: 'ключ', d: { nested: [true] } };
    const fake = new FakeJira(async (call) => {
      const key = decodeURIComponent(call.path.slice(PROPERTIES_PATH.length + 1));
      await new Promise((resolve) => setTimeout(resolve, key === 'a' ? 10 : 0));
      return key in values ? jsonResponse(200, { key, value: values[key] }) : emptyResponse(404);
    });
    const { client } = clientFor(fake);
    await expect(client.getProperties(ACCOUNT_ID, ['a', 'b', 'c', 'd'])).resolves.toEqual([
      { key: 'a', json: '1', bytes: 1 },
      { key: 'b', json: '"ключ"', bytes: 10 },
      { key: 'd', json: '{"nested":[true]}', bytes: 17 },
    ]);
    expect(fake.calls).toHaveLength(4);
  });

  it('keeps at most `concurrency` requests in flight (8 by default)', async () => {
    let inFlight = 0;
    let peak = 0;
    const fake = new FakeJira(async (call) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight--;
      return jsonResponse(200, { key: decodeURIComponent(call.path.split('/').pop() ?? ''), value: true });
    });
    const { client } = clientFor(fake);
    const keys = Array.from({ length: 30 }, (_, index) => `key-${index}`);
    const entries = await client.getProperties(ACCOUNT_ID, keys);
    expect(entries.map((entry) => entry.key)).toEqual(keys);
    expect(peak).toBe(8);

    peak = 0;
    await client.getProperties(ACCOUNT_ID, keys, 3);
    expect(peak).toBe(3);
  });

  it('fails on the first error other than 404', async () => {
    const fake = new FakeJira(() => jsonResponse(403, {}));
    const { client } = clientFor(fake);
    await expect(client.getProperties(ACCOUNT_ID, ['a', 'b', 'c'], 1)).rejects.toBeInstanceOf(ForbiddenError);
    expect(fake.calls).toHaveLength(1);
  });

  it('answers [] for no keys without calling Jira', async () => {
    const fake = new FakeJira();
    const { client } = clientFor(fake);
    await expect(client.getProperties(ACCOUNT_ID, [])).resolves.toEqual([]);
    expect(fake.calls).toEqual([]);
  });
});

describe('setProperty', () => {
  it.each([
    [201, 'created'],
    [200, 'updated'],
  ] as const)('PUTs the JSON text exactly as given; %i → %s', async (status, outcome) => {
    const fake = new FakeJira().answer(emptyResponse(status));
    const { client } = clientFor(fake);
    const json = '{ "theme": "dark", "ключ": [1.0, null, -0], "id": 12345678901234567890 }';
    await expect(client.setProperty(ACCOUNT_ID, 'a/b', json)).resolves.toEqual({ outcome, bytes: 76, earlierAttemptMayHaveApplied: false });
    const [call] = fake.calls;
    expect(call.method).toBe('PUT');
    expect(call.url).toBe(`${PROPERTIES_PATH}/a%2Fb?accountId=${ACCOUNT_ID}`);
    expect(call.body).toBe(json);
    expect(call.headers).toEqual({ Accept: 'application/json', 'Content-Type': 'application/json' });
  });

  it('accepts a value of exactly 32,768 bytes', async () => {
    const fake = new FakeJira().answer(emptyResponse(201));
    const { client } = clientFor(fake);
    await expect(client.setProperty(ACCOUNT_ID, 'big', `"${'x'.repeat(32_766)}"`)).resolves.toEqual({ outcome: 'created', bytes: 32_768, earlierAttemptMayHaveApplied: false });
  });

  it.each([
    ['32,769 bytes', `"${'x'.repeat(32_767)}"`],
    ['32,769 bytes of multi-byte text', `"${'я'.repeat(16_383)}x"`],
    ['not a string', 1 as unknown as string],
    ['empty', ''],
    ['only whitespace', ' \n\t'],
    ['not JSON', '{theme: dark}'],
    ['NaN', 'NaN'],
    ['a trailing comma', '[1,]'],
    ['two values', '1 2'],
    ['nested 101 deep', `${'['.repeat(101)}${']'.repeat(101)}`],
    ['a lone surrogate (raw, so it has no UTF-8 form)', '"\ud800"'],
  ])('refuses a value that is %s without calling Jira', async (_name, json) => {
    const fake = new FakeJira();
    const { client } = clientFor(fake);
    await expect(client.setProperty(ACCOUNT_ID, 'theme', json)).rejects.toBeInstanceOf(ValidationError);
    expect(fake.calls).toEqual([]);
  });

  it('treats 404 as user not found and 405 as a missing key', async () => {
    const { client } = clientFor(new FakeJira().answer(emptyResponse(404), emptyResponse(405)));
    const notFound = await rejectionOf(() => client.setProperty(ACCOUNT_ID, 'theme', '1'));
    expect(notFound).toBeInstanceOf(NotFoundError);
    expect(notFound.message).toBe(`Jira could not find user ${ACCOUNT_ID}.`);
    await expect(client.setProperty(ACCOUNT_ID, 'theme', '1')).rejects.toBeInstanceOf(ValidationError);
  });

  it('retries a 429 with the same text and reports the outcome Jira answered last', async () => {
    const fake = new FakeJira().answer(emptyResponse(429, { 'Retry-After': '1' }), emptyResponse(200));
    const { client, clock } = clientFor(fake);
    // A 429 means Jira did nothing, so the 200 is about the stored state before this write.
    await expect(client.setProperty(ACCOUNT_ID, 'theme', '1.50')).resolves.toEqual({ outcome: 'updated', bytes: 4, earlierAttemptMayHaveApplied: false });
    expect(fake.calls.map((call) => call.body)).toEqual(['1.50', '1.50']);
    expect(clock.sleeps).toEqual([1000]);
  });

  it('says when an earlier attempt may have applied (a 503 before the answer), so "updated" may follow its own create', async () => {
    const fake = new FakeJira().answer(emptyResponse(503, { 'Retry-After': '1' }), emptyResponse(200));
    const { client } = clientFor(fake);
    await expect(client.setProperty(ACCOUNT_ID, 'theme', '1')).resolves.toEqual({ outcome: 'updated', bytes: 1, earlierAttemptMayHaveApplied: true });
  });

  it('throws RateLimitedError with retryAfterSeconds once retries run out', async () => {
    const fake = new FakeJira(() => emptyResponse(429, { 'Retry-After': '2' }));
    const { client } = clientFor(fake);
    const error = await rejectionOf(() => client.setProperty(ACCOUNT_ID, 'theme', '1'));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterSeconds).toBe(2);
    expect(fake.calls).toHaveLength(4);
  });
});

describe('deleteProperty', () => {
  it('DELETEs the property; 204 → done', async () => {
    const fake = new FakeJira().answer(emptyResponse(204));
    const { client } = clientFor(fake);
    await expect(client.deleteProperty(ACCOUNT_ID, 'a#b')).resolves.toBeUndefined();
    expect(fake.calls[0].method).toBe('DELETE');
    expect(fake.calls[0].url).toBe(`${PROPERTIES_PATH}/a%23b?accountId=${ACCOUNT_ID}`);
    expect(fake.calls[0].body).toBeUndefined();
  });

  it('throws NotFoundError on a first-attempt 404', async () => {
    const { client } = clientFor(new FakeJira().answer(emptyResponse(404)));
    await expect(client.deleteProperty(ACCOUNT_ID, 'theme')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('counts a 404 after a 503 as deleted: the first attempt may have done it', async () => {
    const fake = new FakeJira().answer(emptyResponse(503), emptyResponse(404));
    const { client } = clientFor(fake);
    await expect(client.deleteProperty(ACCOUNT_ID, 'theme')).resolves.toBeUndefined();
    expect(fake.calls).toHaveLength(2);
  });

  it('counts a 404 after a network error as deleted', async () => {
    const fake = new FakeJira().answer(() => {
      throw new TypeError('fetch failed');
    }, emptyResponse(404));
    const { client } = clientFor(fake);
    await expect(client.deleteProperty(ACCOUNT_ID, 'theme')).resolves.toBeUndefined();
  });

  it('still throws NotFoundError for a 404 after a 429, which Jira did not act on', async () => {
    const fake = new FakeJira().answer(emptyResponse(429, { 'Retry-After': '0' }), emptyResponse(404));
    const { client } = clientFor(fake);
    await expect(client.deleteProperty(ACCOUNT_ID, 'theme')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('throws JiraError on an undocumented success status', async () => {
    const { client } = clientFor(new FakeJira().answer(jsonResponse(200, {})));
    await expect(client.deleteProperty(ACCOUNT_ID, 'theme')).rejects.toBeInstanceOf(JiraError);
  });
});
