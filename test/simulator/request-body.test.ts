import { DEMO_USERS, MAX_REQUEST_BODY_BYTES, MAX_VALUE_BYTES } from '../../harness/simulator';
import { API, basic, expectErrorCollection, propertyPath, rawExchange, start, type RawAnswer, type Running } from './helpers';

// Request bodies: credentials are checked from the headers before any of the body is read, and no body is read past
// MAX_REQUEST_BODY_BYTES (413) — so an anonymous or oversized upload costs the simulator nothing.
const { alice } = DEMO_USERS;

let run: Running;
beforeEach(async () => {
  run = await start({ validateContract: true });
});
afterEach(async () => {
  await run.sim.close();
});

const path = () => propertyPath('upload', alice.accountId);
const authorization = (email: string) => `Authorization: Basic ${Buffer.from(`${email}:x`).toString('base64')}`;

function head(lines: string[]): string {
  return [`PUT ${path()} HTTP/1.1`, `Host: ${new URL(run.base).host}`, 'Content-Type: application/json', ...lines].join('\r\n');
}

function errorCollectionOf(answer: RawAnswer): { errorMessages: string[]; errors: Record<string, string> } {
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(answer.body.toString('utf8')) as { errorMessages: string[]; errors: Record<string, string> };
  expect(Object.keys(body).sort()).toEqual(['errorMessages', 'errors']);
  return body;
}

test('the limit sits well above the property value limit', () => {
  expect(MAX_REQUEST_BODY_BYTES).toBe(1024 * 1024);
  expect(MAX_REQUEST_BODY_BYTES).toBeGreaterThan(MAX_VALUE_BYTES * 10);
});

describe('authentication comes from the headers, before the body', () => {
  test('an anonymous PUT declaring 400 MB is answered 401 at once, without waiting for (or reading) the body', async () => {
    const answer = await rawExchange(run.base, { head: head(['Content-Length: 400000000']), body: '[1,2,3' });
    expect(answer.status).toBe(401);
    expect(errorCollectionOf(answer).errorMessages[0]).toMatch(/not authenticated/);
    expect(run.sim.requests.at(-1)).toMatchObject({ method: 'PUT', status: 401, principal: { kind: 'anonymous' } });
    expect(run.sim.store.getProperty(alice.accountId, 'upload')).toBeUndefined();
  });

  test('so do wrong credentials', async () => {
    const answer = await rawExchange(run.base, { head: head([authorization('mallory@example.com'), 'Content-Length: 400000000']) });
    expect(answer.status).toBe(401);
  });

  test('Expect: 100-continue — a refused request is answered without the body being invited', async () => {
    const refused = await rawExchange(run.base, { head: head(['Expect: 100-continue', 'Content-Length: 400000000']) });
    expect(refused.interim).toEqual([]);
    expect(refused.status).toBe(401);
    const accepted = await rawExchange(run.base, {
      head: head([authorization(alice.email), 'Expect: 100-continue', 'Content-Length: 7']),
      onInterim: (status, socket) => status === 100 && socket.write('{"a":1}'),
    });
    expect(accepted.interim).toEqual([100]);
    expect(accepted.status).toBe(201);
    expect(run.sim.store.getProperty(alice.accountId, 'upload')).toEqual({ a: 1 });
  });

  test('a fetch client streaming 20 MiB anonymously gets the 401 answer, and the next request is served', async () => {
    const response = await run.call('PUT', path(), { body: new Uint8Array(20 * 1024 * 1024).fill(0x20), headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(401);
    await expectErrorCollection(response);
    expect((await run.call('GET', `${API}/myself`, { as: basic(alice.email) })).status).toBe(200);
  });
});

describe('the body limit', () => {
  test('a declared Content-Length over the limit is refused with 413 before any of the body is read', async () => {
    const answer = await rawExchange(run.base, { head: head([authorization(alice.email), `Content-Length: ${MAX_REQUEST_BODY_BYTES + 1}`]) });
    expect(answer.status).toBe(413);
    expect(errorCollectionOf(answer).errorMessages[0]).toMatch(/too large/);
    expect(run.sim.requests.at(-1)).toMatchObject({ status: 413, principal: { kind: 'user', accountId: alice.accountId } });
    // 413 is Jira's edge answering, like an injected fault: not an operation's response to check.
    expect(run.sim.contractViolations).toEqual([]);
  });

  test('a chunked body is counted as it streams: past the limit the simulator stops reading and answers 413', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const chunks = Math.ceil((MAX_REQUEST_BODY_BYTES * 1.5) / chunk.length);
    const framed = Buffer.concat(Array.from({ length: chunks }, () => Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')])));
    // The terminating zero-length chunk is never sent: an answer proves the simulator did not wait for the end.
    const answer = await rawExchange(run.base, { head: head([authorization(alice.email), 'Transfer-Encoding: chunked']), body: framed });
    expect(answer.status).toBe(413);
    errorCollectionOf(answer);
    expect(run.sim.store.getProperty(alice.accountId, 'upload')).toBeUndefined();
  });

  test('fetch with a 4 MiB value: 413 with an ErrorCollection; the connection is then usable again', async () => {
    const body = JSON.stringify('x'.repeat(4 * 1024 * 1024));
    const response = await run.put(path(), basic(alice.email), body);
    expect(response.status).toBe(413);
    await expectErrorCollection(response);
    expect((await run.put(path(), basic(alice.email), '"small"')).status).toBe(201);
  });

  test.each([
    ['just over the value limit', MAX_VALUE_BYTES + 1],
    ['just under the body limit', MAX_REQUEST_BODY_BYTES - 2],
    ['exactly the body limit', MAX_REQUEST_BODY_BYTES],
  ])('a body %s is read and gets the operation\'s 400 "too long"', async (_name, bytes) => {
    const body = JSON.stringify('x'.repeat(bytes - 2));
    expect(Buffer.byteLength(body)).toBe(bytes);
    const response = await run.put(path(), basic(alice.email), body);
    expect(response.status).toBe(400);
    expect((await expectErrorCollection(response)).errorMessages[0]).toMatch(/too long.*32768/);
  });

  test('injected faults and latency still come first', async () => {
    run.sim.faults.latencyMs = 100;
    run.sim.faults.add({ status: 503, times: 1 });
    const started = performance.now();
    const answer = await rawExchange(run.base, { head: head([authorization(alice.email), `Content-Length: ${MAX_REQUEST_BODY_BYTES * 4}`]) });
    expect(answer.status).toBe(503);
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
  });
});
