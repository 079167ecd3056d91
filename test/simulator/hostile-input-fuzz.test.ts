import fc from 'fast-check';
import { isUtf8 } from 'node:buffer';
import { DEMO_USERS, MAX_VALUE_BYTES, MAX_VALUE_DEPTH } from '../../harness/simulator';
import { API, anonymous, basic, rawExchange, start, type Caller, type Running } from './helpers';

// Random bodies, keys, query strings and request targets against the user property operations: whatever arrives, the
// answer is below 500, and every 4xx is an ErrorCollection. fast-check picks a new seed per run and prints it (with
// the shrunk counterexample) on failure; rerun with fc.assert(..., { seed, path }) to replay.
const { admin, alice, bob } = DEMO_USERS;

let run: Running;
beforeAll(async () => {
  run = await start({ validateContract: true });
});
afterAll(async () => {
  await run.sim.close();
});

function errorCollectionProblem(status: number, contentType: string | null, text: string): string | undefined {
  if (status < 400) return undefined;
  if (!contentType?.startsWith('application/json')) return `content-type ${contentType}`;
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const ok =
      Array.isArray(body.errorMessages) &&
      body.errorMessages.every((m) => typeof m === 'string') &&
      typeof body.errors === 'object' &&
      body.errors !== null &&
      !Array.isArray(body.errors);
    return ok ? undefined : `not an ErrorCollection: ${text.slice(0, 120)}`;
  } catch {
    return `not JSON: ${text.slice(0, 120)}`;
  }
}

// An independent oracle for nesting depth: the depth of the parsed value (JSON.parse does not recurse in V8), walked
// with an explicit stack. Only called on valid JSON within the size limit.
function depthOf(text: string): number {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 0;
  }
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (typeof node !== 'object' || node === null) continue;
    max = Math.max(max, depth + 1);
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return max;
}

// Characters that make percent-encoding, paths and queries interesting.
const urlish = fc.string({
  unit: fc.constantFrom('%', '%', 'E', '0', 'A', 'd', 'f', 'F', '8', 'z', '/', '?', '&', '=', '#', '+', '.', ' ', '~', 'é', '😀', '\ud800', '\u0000', 'k'),
  maxLength: 40,
});

// Weighted towards requests that get as far as the body: a hostile part is more interesting next to valid ones.
const accountId = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(alice.accountId, bob.accountId, admin.accountId) },
  fc.constant(''),
  urlish,
  fc.integer({ min: 120, max: 200 }).map((n) => 'a'.repeat(n)),
);

const jsonText = fc.json({ maxDepth: 4 });
// Valid JSON with one character inserted, removed or replaced: mostly invalid, near the grammar.
const corruptedJson = fc
  .tuple(jsonText, fc.nat(), fc.constantFrom('', '\\', '"', '[', ']', '{', '}', ',', ':', 'u', '\\u', '\\x', '\u0000', '\ufeff', ' '))
  .map(([text, at, insert]) => {
    const i = text.length === 0 ? 0 : at % text.length;
    return `${text.slice(0, i)}${insert}${text.slice(i + (insert === '' || at % 3 === 0 ? 1 : 0))}`;
  });
const escapes = fc
  .string({ unit: fc.constantFrom('\\', 'u', 'x', 'd', '8', '0', 'D', 'C', 'F', 'Z', '"', '[', ']', '{', '}', ':', ',', 'n'), maxLength: 30 })
  .map((inner) => `"${inner}"`);
const nested = fc
  .record({ depth: fc.integer({ min: 0, max: 20_000 }), open: fc.constantFrom('[', '{"a":', '["x",'), closed: fc.boolean() })
  .map(({ depth, open, closed }) => `${open.repeat(depth)}1${closed ? (open === '{"a":' ? '}' : ']').repeat(depth) : ''}`);
const nearTheLimit = fc.integer({ min: MAX_VALUE_BYTES - 8, max: MAX_VALUE_BYTES + 8 }).map((n) => JSON.stringify('é'.repeat(Math.floor(n / 2))));

const body: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  jsonText,
  corruptedJson,
  escapes,
  nested,
  nearTheLimit,
  fc.constantFrom('', ' ', '\t\r\n', '\u00a0', '\ufeff1', 'null', '1 2'),
);

const callers: Caller[] = [basic(alice.email), basic(bob.email), anonymous, { authorization: 'Basic %%%' }];
const caller = fc.oneof({ weight: 4, arbitrary: fc.constant(basic(admin.email)) }, fc.constantFrom(...callers));
const key = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('k', 'app.settings', 'ключ') }, urlish, fc.string({ maxLength: 300 }).map(encodeURIComponent));
const contentType = fc.oneof(
  { weight: 4, arbitrary: fc.constant('application/json') },
  fc.constantFrom<string | undefined>('application/json; charset=utf-8', 'text/plain', 'application/x+json', undefined, ';;;'),
);

const request = fc.record({
  method: fc.oneof({ weight: 3, arbitrary: fc.constant('PUT') }, fc.constantFrom('GET', 'DELETE', 'POST')),
  // undefined: the key-less list path.
  key: fc.option(key, { nil: undefined, freq: 8 }),
  accountId: fc.option(accountId, { nil: undefined, freq: 8 }),
  extraQuery: fc.array(fc.tuple(urlish, urlish), { maxLength: 4 }),
  body,
  contentType,
  caller,
});

test('random requests to the property operations: never a 5xx, every 4xx an ErrorCollection', async () => {
  await fc.assert(
    fc.asyncProperty(request, async (r) => {
      const query = [...(r.accountId === undefined ? [] : [['accountId', r.accountId]]), ...r.extraQuery]
        .map(([name, value]) => `${name}=${value}`)
        .join('&');
      const path = `${API}/user/properties${r.key === undefined ? '' : `/${r.key}`}${query ? `?${query}` : ''}`;
      const headers: Record<string, string> = { ...r.caller };
      if (r.contentType !== undefined) headers['content-type'] = r.contentType;
      const withBody = r.method !== 'GET';
      const response = await run.call(r.method, path, { headers, body: !withBody || r.body === undefined ? undefined : typeof r.body === 'string' ? r.body : new Uint8Array(r.body) });
      const text = await response.text();
      expect(response.status).toBeLessThan(500);
      expect(errorCollectionProblem(response.status, response.headers.get('content-type'), text)).toBeUndefined();
    }),
    { numRuns: 400 },
  );
  expect(run.sim.internalErrors).toEqual([]);
});

// The body alone, on a request that is otherwise fine: the answer is 201/200 exactly when Jira would take the value
// (UTF-8, at most MAX_VALUE_BYTES, at most MAX_VALUE_DEPTH levels, one JSON value), 400 with an ErrorCollection
// otherwise, and what is stored is what was sent.
test('random bodies on a valid PUT: stored exactly when valid, otherwise a 400 ErrorCollection', async () => {
  const path = `${API}/user/properties/fuzzed?accountId=${alice.accountId}`;
  await fc.assert(
    fc.asyncProperty(body, async (sent) => {
      const bytes = typeof sent === 'string' ? Buffer.from(sent, 'utf8') : Buffer.from(sent);
      const response = await run.call('PUT', path, { headers: { ...basic(admin.email), 'content-type': 'application/json' }, body: new Uint8Array(bytes) });
      const text = await response.text();
      let expected: unknown;
      let valid = isUtf8(bytes) && bytes.length <= MAX_VALUE_BYTES && depthOf(bytes.toString('utf8')) <= MAX_VALUE_DEPTH;
      try {
        expected = valid ? JSON.parse(bytes.toString('utf8')) : undefined;
      } catch {
        valid = false;
      }
      if (valid) {
        expect([200, 201]).toContain(response.status);
        // The stored text is the body as sent, byte for byte (as Jira keeps it), no longer JSON.stringify of the parsed
        // value (which turned -0 into 0 and rounded big numbers); its meaning is what was sent too.
        expect(run.sim.store.getPropertyJson(alice.accountId, 'fuzzed')).toBe(bytes.toString('utf8'));
        expect(run.sim.store.getProperty(alice.accountId, 'fuzzed')).toEqual(expected);
      } else {
        expect(response.status).toBe(400);
        expect(errorCollectionProblem(response.status, response.headers.get('content-type'), text)).toBeUndefined();
      }
    }),
    { numRuns: 300 },
  );
  expect(run.sim.internalErrors).toEqual([]);
});

// Bytes fetch would never put in a request line (raw non-ASCII, controls, stray spaces): what the HTTP parser refuses
// gets the simulator's ErrorCollection too. CR and LF are left out: they would end the head early and make the rest
// of this request's headers a guess.
const targetByte = fc.integer({ min: 0, max: 255 }).filter((b) => b !== 0x0d && b !== 0x0a);

test('random bytes in the request target: an answer below 500, an ErrorCollection when 4xx', async () => {
  const host = new URL(run.base).host;
  const authorization = `Authorization: Basic ${Buffer.from(`${alice.email}:x`).toString('base64')}`;
  await fc.assert(
    fc.asyncProperty(fc.array(targetByte, { maxLength: 60 }), fc.constantFrom('GET', 'PUT', 'DELETE'), async (bytes, method) => {
      const target = `${API}/user/properties/${Buffer.from(bytes).toString('latin1')}`;
      const head = [`${method} ${target} HTTP/1.1`, `Host: ${host}`, authorization, 'Content-Type: application/json', 'Content-Length: 1', 'Connection: close'];
      const answer = await rawExchange(run.base, { head: head.join('\r\n'), body: '1', timeoutMs: 2000 });
      expect(answer.status).toBeLessThan(500);
      expect(errorCollectionProblem(answer.status, answer.headers['content-type'] ?? null, answer.body.toString('utf8'))).toBeUndefined();
    }),
    { numRuns: 150 },
  );
  expect(run.sim.internalErrors).toEqual([]);
});
