import { isUtf8 } from 'node:buffer';
import { DEMO_USERS, MAX_VALUE_BYTES, MAX_VALUE_DEPTH } from '../../harness/simulator';
import { nestingDepth } from '../../harness/simulator/routes/userProperties';
import { API, anonymous, basic, expectErrorCollection, keysPath, propertyPath, rawExchange, start, type Caller, type Running } from './helpers';

// Whatever a client sends, the simulator answers as Jira does: 4xx for bad input, never a 5xx, never a hang, never
// a crash. Every route × every documented method × a set of hostile inputs, with the contract validator on (it reads
// every request too).
const { admin, alice, bob } = DEMO_USERS;

let run: Running;
beforeEach(async () => {
  run = await start({ validateContract: true });
});
afterEach(async () => {
  await run.sim.close();
});

const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const huge = 'x'.repeat(8000);

/** Every route and method the simulator serves, plus an unknown path, each with query parameters it reads. */
const TARGETS: Array<[method: string, path: string]> = [
  ...['GET', 'PUT', 'DELETE', 'POST'].map((m): [string, string] => [m, `${API}/user/properties?accountId=${alice.accountId}`]),
  ...['GET', 'PUT', 'DELETE', 'POST'].map((m): [string, string] => [m, propertyPath('k', alice.accountId)]),
  ['GET', `${API}/myself?expand=groups`],
  ['GET', `${API}/mypermissions?permissions=ADMINISTER,USER_PICKER`],
  ['GET', `${API}/user?accountId=${encodeURIComponent(bob.accountId)}&expand=groups`],
  ['GET', `${API}/user/search?query=a&startAt=0&maxResults=5`],
  ['GET', `${API}/user/search?property=team%3DSupport`],
  ['GET', `${API}/users/search?startAt=0&maxResults=5`],
  ['GET', `${API}/user/picker?query=a&excludeAccountIds=${admin.accountId}`],
  ['GET', `${API}/group/member?groupname=hr-managers&includeInactiveUsers=true`],
  ['GET', `${API}/groups/picker?query=a&caseInsensitive=true`],
  ['GET', `/avatars/${encodeURIComponent(alice.accountId)}.svg?size=48`],
  ['GET', `${API}/issue/EX-1`],
];

type Variant = { name: string; caller?: Caller; body?: BodyInit; contentType?: string; query?: (path: string) => string };

const VARIANTS: Variant[] = [
  { name: '5,000-deep array', body: deepArray(5000) },
  { name: '5,000-deep object', body: deepObject(5000) },
  { name: '100,000-deep array (over 32,768 bytes)', body: deepArray(100_000) },
  { name: 'invalid UTF-8 bytes', body: new Uint8Array([0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22]) },
  { name: 'an encoded lone surrogate (CESU)', body: new Uint8Array([0x22, 0xed, 0xa0, 0x80, 0x22]) },
  { name: 'a NUL byte and control characters', body: '"a\u0000b\u0001"' },
  { name: 'a UTF-8 BOM', body: new Uint8Array([0xef, 0xbb, 0xbf, 0x31]) },
  { name: 'huge numbers', body: '[1e999999, -1e-999999, 123456789012345678901234567890]' },
  { name: 'text/plain', body: '{"a":1}', contentType: 'text/plain' },
  { name: 'a form', body: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
  { name: 'multipart', body: '--x\r\n\r\n1\r\n--x--', contentType: 'multipart/form-data; boundary=x' },
  { name: 'a bogus JSON-ish type', body: '1', contentType: 'application/json; charset=""; ;;' },
  { name: 'no body at all' },
  { name: 'anonymous with a deep body', caller: anonymous, body: deepArray(5000) },
  { name: 'a 12 KB Basic credential', caller: { authorization: `Basic ${'QUFB'.repeat(3000)}` } },
  { name: 'a 12 KB header', caller: { ...basic(admin.email), 'x-filler': huge.slice(0, 12_000) } },
  { name: 'a Basic credential that is not base64 of UTF-8', caller: { authorization: 'Basic //79/w==' } },
  { name: '8 KB query values', query: (p) => p.replace(/=[^&]*/g, `=${huge}`) },
  { name: 'bad percent-encoding in the query', query: (p) => `${p}${p.includes('?') ? '&' : '?'}accountId=%E0%A4%A&query=%&property=%ff%3D1&expand=%zz` },
  { name: 'bad percent-encoding in the path', query: (p) => p.replace(/\/([^/?]+)(\?|$)/, '/%E0%A4%A%$1%zz%ED%A0%80$2') },
  { name: 'repeated and prototype-named parameters', query: (p) => `${p}${p.includes('?') ? '&' : '?'}__proto__=1&constructor=x&accountId=a&accountId=b&hasOwnProperty=1` },
  { name: 'a property filter walking the prototype', query: (p) => `${p}${p.includes('?') ? '&' : '?'}property=${encodeURIComponent('onboarding.__proto__={}')}` },
  { name: 'absurd paging', query: (p) => `${p}${p.includes('?') ? '&' : '?'}startAt=99999999999999999999&maxResults=-99999999999999999999` },
];

test('no route answers a 5xx to any hostile input', async () => {
  const failures: string[] = [];
  for (const [method, target] of TARGETS) {
    for (const variant of VARIANTS) {
      const path = variant.query ? variant.query(target) : target;
      const withBody = method === 'PUT' || method === 'POST' || method === 'DELETE';
      const headers = { ...(variant.caller ?? basic(admin.email)), 'content-type': variant.contentType ?? 'application/json' };
      const response = await run.call(method, path, { headers, body: withBody ? variant.body : undefined });
      const text = await response.text();
      const where = `${method} ${path.slice(0, 80)} [${variant.name}] → ${response.status}`;
      if (response.status >= 500) failures.push(`${where}: ${text.slice(0, 120)}`);
      // Including 431 from Node's HTTP parser (request line and headers over 16 KB): answered as an ErrorCollection too.
      if (response.status >= 400 && !isErrorCollection(text)) {
        failures.push(`${where}: not an ErrorCollection: ${text.slice(0, 120)}`);
      }
    }
  }
  expect(failures).toEqual([]);
  expect(run.sim.requests.filter((r) => r.status >= 500)).toEqual([]);
  expect(run.sim.internalErrors).toEqual([]);
  expect((await run.call('GET', `${API}/myself`, { as: basic(alice.email) })).status).toBe(200);
});

function isErrorCollection(text: string): boolean {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    return Array.isArray(body.errorMessages) && typeof body.errors === 'object' && body.errors !== null;
  } catch {
    return false;
  }
}

describe('property values deeper than Jira accepts', () => {
  const put = (body: string) => run.put(propertyPath('deep', alice.accountId), basic(alice.email), body);

  test(`${MAX_VALUE_DEPTH} levels are stored and read back; ${MAX_VALUE_DEPTH + 1} are a 400 with an ErrorCollection`, async () => {
    expect((await put(deepArray(MAX_VALUE_DEPTH))).status).toBe(201);
    const read = await run.call('GET', propertyPath('deep', alice.accountId), { as: basic(alice.email) });
    expect(read.status).toBe(200);
    expect(JSON.stringify(((await read.json()) as { value: unknown }).value)).toBe(deepArray(MAX_VALUE_DEPTH));
    const tooDeep = await put(deepArray(MAX_VALUE_DEPTH + 1));
    expect(tooDeep.status).toBe(400);
    expect((await expectErrorCollection(tooDeep)).errorMessages[0]).toMatch(/nested too deeply.*1000/);
    expect(run.sim.contractViolations).toEqual([]);
  });

  test.each([
    ['arrays', deepArray(5000)],
    ['objects', deepObject(5000)],
    ['arrays inside a string do not count, real ones do', `["${'['.repeat(2000)}",${deepArray(1001)}]`],
  ])('5,000 levels of %s: 400, nothing stored', async (_name, body) => {
    const response = await put(body);
    expect(response.status).toBe(400);
    await expectErrorCollection(response);
    expect(run.sim.store.getProperty(alice.accountId, 'deep')).toBeUndefined();
  });

  test('brackets inside strings are not nesting', async () => {
    expect((await put(JSON.stringify({ text: '['.repeat(5000), escaped: '\\"[[[' }))).status).toBe(201);
  });
});

test('invalid UTF-8 in a value is a 400, not silently replaced with U+FFFD', async () => {
  const path = propertyPath('bytes', alice.accountId);
  for (const bytes of [[0x22, 0xff, 0x22], [0x22, 0xc3, 0x28, 0x22], [0x22, 0xed, 0xa0, 0x80, 0x22]]) {
    const response = await run.call('PUT', path, { as: basic(alice.email), body: new Uint8Array(bytes), headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
    expect((await expectErrorCollection(response)).errorMessages[0]).toMatch(/UTF-8/);
  }
  expect(run.sim.store.getProperty(alice.accountId, 'bytes')).toBeUndefined();
  expect((await run.put(path, basic(alice.email), '"é ✓ 🎉"')).status).toBe(201);
});

test('a property filter cannot walk into the prototype chain', async () => {
  for (const spec of ['onboarding.__proto__={}', 'onboarding.toString.name=toString']) {
    const response = await run.call('GET', `${API}/user/search?property=${encodeURIComponent(spec)}`, { as: basic(admin.email) });
    expect(await response.json()).toEqual([]);
  }
});

describe('what fetch cannot send', () => {
  const host = () => new URL(run.base).host;

  test.each([
    ['a Host header that is no host', (h: string) => `GET ${API}/myself HTTP/1.1\r\nHost: [${h}`],
    ['a Host header with a space', () => `GET ${API}/myself HTTP/1.1\r\nHost: a b`],
    ['a Host header with a path', () => `GET ${API}/myself HTTP/1.1\r\nHost: evil.example/x?y`],
    ['no Host header', () => `GET ${API}/myself HTTP/1.1`],
    ['raw non-ASCII bytes in the target', (h: string) => `GET ${API}/user/properties/\u00ff\u00fe?accountId=\u00e9 HTTP/1.1\r\nHost: ${h}`],
    ['an absolute-form target with a bad host', () => `GET http://[/rest/api/3/myself HTTP/1.1\r\nHost: x`],
    ['a protocol-relative target', (h: string) => `GET //[/rest/api/3/myself HTTP/1.1\r\nHost: ${h}`],
    ['an OPTIONS * request', (h: string) => `OPTIONS * HTTP/1.1\r\nHost: ${h}`],
    ['headers over Node\'s 16 KB limit', (h: string) => `GET ${API}/myself HTTP/1.1\r\nHost: ${h}\r\nX-Filler: ${'x'.repeat(20_000)}`],
    ['a request target over 16 KB', (h: string) => `GET ${API}/user/properties?accountId=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: ${h}`],
    ['a request line that is not HTTP', () => 'GET /rest/api/3/myself BANANA/9'],
    ['a header without a colon', (h: string) => `GET ${API}/myself HTTP/1.1\r\nHost: ${h}\r\nNot a header`],
    ['a NUL byte in a header value', (h: string) => `GET ${API}/myself HTTP/1.1\r\nHost: ${h}\r\nX-Nul: a\u0000b`],
    ['Content-Length with Transfer-Encoding', (h: string) => `PUT ${propertyPath('k', alice.accountId)} HTTP/1.1\r\nHost: ${h}\r\nContent-Type: application/json\r\nContent-Length: 3\r\nTransfer-Encoding: chunked`],
    ['a Content-Length that is no number', (h: string) => `PUT ${propertyPath('k', alice.accountId)} HTTP/1.1\r\nHost: ${h}\r\nContent-Length: 1e3`],
  ])('%s: an answer below 500 (an ErrorCollection when 4xx), then the simulator still serves', async (_name, request) => {
    const answer = await rawExchange(run.base, { head: `${request(host())}\r\nAuthorization: Basic ${Buffer.from(`${alice.email}:x`).toString('base64')}\r\nConnection: close` });
    expect(answer.status).toBeGreaterThanOrEqual(200);
    expect(answer.status).toBeLessThan(500);
    if (answer.status >= 400) expect(isErrorCollection(answer.body.toString('utf8'))).toBe(true);
    expect((await run.call('GET', `${API}/myself`, { as: basic(alice.email) })).status).toBe(200);
  });

  test.each([
    ['broken chunk framing mid-body', '3\r\n[1]\r\nzz\r\n'],
    ['a chunk longer than it says', '2\r\n[1]\r\n0\r\n\r\n'],
  ])('an authenticated PUT with %s: 400 with an ErrorCollection, nothing stored', async (_name, body) => {
    const head = [
      `PUT ${propertyPath('chunked', alice.accountId)} HTTP/1.1`,
      `Host: ${host()}`,
      `Authorization: Basic ${Buffer.from(`${alice.email}:x`).toString('base64')}`,
      'Content-Type: application/json',
      'Transfer-Encoding: chunked',
    ].join('\r\n');
    const answer = await rawExchange(run.base, { head, body });
    expect(answer.status).toBe(400);
    expect(isErrorCollection(answer.body.toString('utf8'))).toBe(true);
    expect(run.sim.store.getProperty(alice.accountId, 'chunked')).toBeUndefined();
    expect(run.sim.internalErrors).toEqual([]);
  });

  test('the 431 for an oversized request line says why', async () => {
    const answer = await rawExchange(run.base, { head: `GET ${API}/myself?${'q'.repeat(20_000)} HTTP/1.1\r\nHost: ${host()}` });
    expect(answer.status).toBe(431);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(answer.body.toString('utf8'))).toEqual({ errorMessages: [expect.stringMatching(/too large/)], errors: {} });
  });
});

describe('nestingDepth: one pass, no recursion, whatever the input', () => {
  test.each([
    ['100,000 balanced arrays', deepArray(100_000), 100_000],
    ['100,000 balanced objects', deepObject(100_000), 100_000],
    ['100,000 unclosed arrays', '['.repeat(100_000), 100_000],
    ['100,000 closers only', ']'.repeat(100_000), 0],
    ['brackets in a string', JSON.stringify('['.repeat(100_000)), 0],
    ['an escaped quote does not end the string', '["\\"[[[", [[1]]]', 3],
    ['an escaped backslash does', '["\\\\", [[1]]]', 3],
  ])('%s', (_name, text, depth) => {
    const started = performance.now();
    expect(nestingDepth(text)).toBe(depth);
    expect(performance.now() - started).toBeLessThan(250);
  });

  test('stops as soon as the limit is passed', () => {
    const started = performance.now();
    expect(nestingDepth(`${'['.repeat(5_000_000)}`, MAX_VALUE_DEPTH)).toBe(MAX_VALUE_DEPTH + 1);
    expect(performance.now() - started).toBeLessThan(250);
    expect(nestingDepth(deepArray(MAX_VALUE_DEPTH), MAX_VALUE_DEPTH)).toBe(MAX_VALUE_DEPTH);
  });
});

describe('PUT values Jira\'s JSON parser refuses, and some it accepts', () => {
  const path = () => propertyPath('value', alice.accountId);
  const putBytes = (body: string | Uint8Array) =>
    run.call('PUT', path(), { as: basic(alice.email), body: typeof body === 'string' ? body : new Uint8Array(body), headers: { 'content-type': 'application/json' } });
  const stored = () => run.sim.store.getProperty(alice.accountId, 'value');

  test.each([
    ['an unknown escape', String.raw`"\x"`, /valid JSON/],
    ['a short \\u escape', String.raw`"\u12"`, /valid JSON/],
    ['a \\u escape with no hex', String.raw`"\uZZZZ"`, /valid JSON/],
    ['a backslash at the end', '"abc\\', /valid JSON/],
    ['a raw NUL inside a string', '"a\u0000b"', /valid JSON/],
    ['a raw NUL after a value', '1\u0000', /valid JSON/],
    ['a raw tab inside a string', '"a\tb"', /valid JSON/],
    ['a UTF-8 BOM before a valid value', '\ufeff{"a":1}', /valid JSON/],
    ['a BOM alone', '\ufeff', /valid JSON/],
    ['a no-break space alone (not JSON whitespace)', '\u00a0', /valid JSON/],
    ['an empty body', '', /must not be empty/],
    ['JSON whitespace only', ' \t\r\n ', /must not be empty/],
    ['4 unclosed arrays', '[[[[', /valid JSON/],
    ['4 stray closers', ']]]]', /valid JSON/],
    ['5,000 unclosed arrays', '['.repeat(5000), /nested too deeply/],
    ['5,000 unclosed objects', '{"a":'.repeat(5000), /nested too deeply/],
    ['16,000 balanced arrays (32,000 bytes, under the size limit)', deepArray(16_000), /nested too deeply/],
    ['5,000 arrays with garbage after the 1,001st', `${'['.repeat(5000)}}}}"\\x`, /nested too deeply/],
    ['100,000 arrays: too long before too deep', deepArray(100_000), /too long/],
  ])('%s: 400 with an ErrorCollection, nothing stored', async (_name, body, message) => {
    const response = await putBytes(body);
    expect(response.status).toBe(400);
    expect((await expectErrorCollection(response)).errorMessages[0]).toMatch(message);
    expect(stored()).toBeUndefined();
  });

  test.each([
    ['a lone high surrogate escape', String.raw`"\ud800"`, '\ud800'],
    ['a lone low surrogate escape', String.raw`"\udfff"`, '\udfff'],
    ['surrogates in the wrong order', String.raw`"\ude00\ud83d"`, '\ude00\ud83d'],
    ['an escaped NUL', String.raw`"a\u0000b"`, 'a\u0000b'],
    ['a valid pair, escaped', String.raw`"\ud83d\ude00"`, '😀'],
  ])('%s is valid JSON: stored and read back unchanged', async (_name, body, expected) => {
    expect((await putBytes(body)).status).toBe(201);
    expect(stored()).toBe(expected);
    const read = await run.call('GET', path(), { as: basic(alice.email) });
    expect(read.status).toBe(200);
    // The answer is well-formed UTF-8 (lone surrogates travel as \u escapes) and parses back to the same string.
    const bytes = Buffer.from(await read.arrayBuffer());
    expect(isUtf8(bytes)).toBe(true);
    expect(JSON.parse(bytes.toString('utf8'))).toEqual({ key: 'value', value: expected });
  });

  test(`a value at ${MAX_VALUE_BYTES} bytes and ${MAX_VALUE_DEPTH} levels is accepted`, async () => {
    const depth = deepArray(MAX_VALUE_DEPTH - 1); // inside the outer array: MAX_VALUE_DEPTH levels in all
    const body = `[${depth},${JSON.stringify('x'.repeat(MAX_VALUE_BYTES - depth.length - 5))}]`;
    expect(Buffer.byteLength(body)).toBe(MAX_VALUE_BYTES);
    expect(nestingDepth(body)).toBe(MAX_VALUE_DEPTH);
    expect((await putBytes(body)).status).toBe(201);
    expect(run.sim.store.getPropertyJson(alice.accountId, 'value')).toBe(body);
  });
});

describe('hostile paths and query strings on the property operations', () => {
  const as = () => basic(admin.email);
  const methods = ['GET', 'PUT', 'DELETE'];
  const send = (method: string, path: string) =>
    run.call(method, path, { as: as(), body: method === 'PUT' ? '1' : undefined, headers: { 'content-type': 'application/json' } });

  test.each([
    ['a truncated UTF-8 sequence', '%E0%A4%A'],
    ['a lone percent sign', '%'],
    ['a percent sign and one digit', 'a%4'],
    ['an encoded lone surrogate', '%ED%A0%80'],
    ['an overlong encoding', '%C0%AF'],
    ['a byte that is never UTF-8', '%FF'],
  ])('a key with %s: 400 with an ErrorCollection on every method', async (_name, rawKey) => {
    for (const method of methods) {
      const response = await send(method, `${API}/user/properties/${rawKey}?accountId=${alice.accountId}`);
      expect([method, response.status]).toEqual([method, 400]);
      expect((await expectErrorCollection(response)).errorMessages[0]).toMatch(/percent-encoding/);
    }
    expect(run.sim.store.listKeys(alice.accountId)).not.toContain('\ufffd');
  });

  test.each([
    ['a truncated UTF-8 sequence', '%E0%A4%A'],
    ['a lone percent sign', '%'],
    ['bytes that are not UTF-8', '%FF%FE'],
  ])('an accountId with %s names no user: 404 with an ErrorCollection, never a 5xx', async (_name, rawId) => {
    for (const path of [`${API}/user/properties/k?accountId=${rawId}`, `${API}/user/properties?accountId=${rawId}`]) {
      for (const method of path.includes('/k?') ? methods : ['GET']) {
        const response = await send(method, path);
        expect([method, path, response.status]).toEqual([method, path, 404]);
        await expectErrorCollection(response);
      }
    }
  });

  test('an accountId of 128 characters is looked up (404); 129 is a 400 on every operation', async () => {
    const at = (length: number) => 'a'.repeat(length);
    for (const method of methods) {
      expect((await send(method, propertyPath('k', at(128)))).status).toBe(404);
      const tooLong = await send(method, propertyPath('k', at(129)));
      expect(tooLong.status).toBe(400);
      expect((await expectErrorCollection(tooLong)).errorMessages[0]).toMatch(/128/);
    }
    const list = await run.call('GET', keysPath(at(129)), { as: as() });
    expect(list.status).toBe(400);
    await expectErrorCollection(list);
  });

  test('a 15 KB accountId (under Node\'s header limit) is a 400, a 20 KB one a 431, both ErrorCollections', async () => {
    const long = await send('PUT', propertyPath('k', 'a'.repeat(15_000)));
    expect(long.status).toBe(400);
    await expectErrorCollection(long);
    const huge = await send('PUT', propertyPath('k', 'a'.repeat(20_000)));
    expect(huge.status).toBe(431);
    await expectErrorCollection(huge);
  });

  test('repeated accountId parameters: the first one counts, as with a JAX-RS @QueryParam', async () => {
    await run.put(propertyPath('first', alice.accountId), basic(alice.email), '"alice"');
    const path = `${API}/user/properties/first?accountId=${alice.accountId}&accountId=${bob.accountId}`;
    const response = await run.call('GET', path, { as: basic(alice.email) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ key: 'first', value: 'alice' });
    // Bob may not act on Alice: the first accountId is the one checked, the second cannot smuggle his own in.
    const asBob = await run.call('GET', path, { as: basic(bob.email) });
    expect(asBob.status).toBe(403);
    await expectErrorCollection(asBob);
  });

  test('3,000 repeated parameters in one query string are answered', async () => {
    const path = `${keysPath(alice.accountId)}&${'x=1&'.repeat(3000)}`;
    const response = await run.call('GET', path, { as: basic(alice.email) });
    expect(response.status).toBe(200);
  });
});
