import { DEMO_USERS, MAX_VALUE_DEPTH } from '../../harness/simulator';
import { API, anonymous, basic, expectErrorCollection, propertyPath, rawExchange, start, type Caller, type Running } from './helpers';

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
      // 431 comes from Node's HTTP parser (request line and headers over 16 KB), before the simulator sees anything.
      if (response.status >= 400 && response.status !== 431 && !isErrorCollection(text)) {
        failures.push(`${where}: not an ErrorCollection: ${text.slice(0, 120)}`);
      }
    }
  }
  expect(failures).toEqual([]);
  expect(run.sim.requests.filter((r) => r.status >= 500)).toEqual([]);
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
  ])('%s: an answer below 500, then the simulator still serves', async (_name, request) => {
    const answer = await rawExchange(run.base, { head: `${request(host())}\r\nAuthorization: Basic ${Buffer.from(`${alice.email}:x`).toString('base64')}\r\nConnection: close` });
    expect(answer.status).toBeGreaterThanOrEqual(200);
    expect(answer.status).toBeLessThan(500);
    expect((await run.call('GET', `${API}/myself`, { as: basic(alice.email) })).status).toBe(200);
  });
});
