import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FORGE_RUNTIME_DIR } from '../../harness/forge-build/runtime-scripts';
import { createLocalRuntime, PlatformInvocationError, type LocalRuntime, type LocalRuntimeOptions } from '../../harness/runtime/local-runtime';
import { FORGE_LIMITS } from '../../harness/runtime/limits';
import { DEMO_USERS, MODULE_KEYS, startTestApp, type TestApp } from '../support/test-app';

// Forge's invocation limits, met on purpose by a fixture function run exactly as the app's bundle runs: the same local
// loader and wrapper, in the same sandboxes. The app's own resolvers meet the payload limit below.

let functionDir: string;
const alice = DEMO_USERS.alice.accountId;
const bob = DEMO_USERS.bob.accountId;

beforeAll(() => {
  functionDir = fs.mkdtempSync(path.join(os.tmpdir(), 'forge-fixture-function-'));
  fs.copyFileSync(path.join(FORGE_RUNTIME_DIR, 'dist/loader.js'), path.join(functionDir, '__forge__.cjs'));
  fs.copyFileSync(path.join(FORGE_RUNTIME_DIR, 'dist/wrapper.js'), path.join(functionDir, '__forge_wrapper__.cjs'));
  fs.copyFileSync(path.join(__dirname, 'fixtures/limits-function.cjs'), path.join(functionDir, 'index.cjs'));
});
afterAll(() => fs.rmSync(functionDir, { recursive: true, force: true }));

async function fixtureRuntime(options: Partial<LocalRuntimeOptions> = {}) {
  const log: string[] = [];
  const runtime = await createLocalRuntime({ jiraBaseUrl: 'http://127.0.0.1:9', forgeSecret: 'not-for-the-sandbox', functionDir, log: (line) => log.push(line), ...options });
  const call = (functionKey: string, payload: unknown = {}, accountId: string | undefined = alice) =>
    runtime.invoke({ functionKey, payload, context: { accountId, moduleKey: MODULE_KEYS.adminPage } });
  return { runtime, call, log };
}

let fixture: Awaited<ReturnType<typeof fixtureRuntime>>;
afterEach(async () => {
  await fixture?.runtime.close();
});

async function refusal(promise: Promise<unknown>): Promise<PlatformInvocationError> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(PlatformInvocationError);
  return error as PlatformInvocationError;
}

test('the documented limits are the defaults', async () => {
  fixture = await fixtureRuntime();
  expect(fixture.runtime.limits).toEqual({
    invocationTimeoutMs: 25_000,
    maxPayloadBytes: 512_000,
    maxResponseBytes: 5_242_880,
    memoryMb: 512,
    invocationsPerUserPerMinute: 1_200,
  });
  expect(fixture.runtime.limits).toEqual(FORGE_LIMITS);
});

test('a function that runs past 25 s is stopped there: the invoke fails, the sandbox is gone, the next call runs', async () => {
  fixture = await fixtureRuntime();
  const started = Date.now();
  const error = await refusal(fixture.call('sleep', { ms: 40_000 }));
  const took = Date.now() - started;
  expect(error).toMatchObject({ code: 'FUNCTION_TIMEOUT', status: 504, message: 'the function ran past the 25 s limit and was stopped' });
  expect(took).toBeGreaterThanOrEqual(25_000);
  expect(took).toBeLessThan(30_000);
  expect(fixture.runtime.sandboxCount()).toBe(0);
  expect(fixture.log).toContain('[forge] user-properties-admin sleep: the function ran past the 25 s limit and was stopped');
  expect(fixture.runtime.violations).toEqual(['user-properties-admin sleep: the function ran past the 25 s limit and was stopped']);
  await expect(fixture.call('sleep', { ms: 10 })).resolves.toEqual({ slept: 10 });
}, 45_000);

test('an answer over 5 MB is refused, one at the limit is not', async () => {
  fixture = await fixtureRuntime();
  const limit = FORGE_LIMITS.maxResponseBytes;
  await expect(fixture.call('answer-bytes', { bytes: limit })).resolves.toHaveLength(limit - 2);
  const error = await refusal(fixture.call('answer-bytes', { bytes: limit + 1 }));
  expect(error).toMatchObject({ code: 'RESPONSE_TOO_LARGE', status: 502, message: 'the function answered 5,242,881 bytes, over the 5,242,880 bytes limit' });
  expect(fixture.runtime.violations).toEqual(['user-properties-admin answer-bytes: the function answered 5,242,881 bytes, over the 5,242,880 bytes limit']);
});

test('a payload over 500 KB is refused before the function runs', async () => {
  fixture = await fixtureRuntime();
  const error = await refusal(fixture.call('echo', { filler: 'x'.repeat(FORGE_LIMITS.maxPayloadBytes) }));
  expect(error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
  expect(error.message).toMatch(/^the invoke payload is 512,0\d\d bytes, over the 512,000 bytes limit$/);
  expect(fixture.runtime.sandboxCount()).toBe(0);
});

test('a payload no frontend could send as JSON (a cycle, or nesting past the serialiser) is refused, not crashed on', async () => {
  fixture = await fixtureRuntime();
  const cycle: Record<string, unknown> = {};
  cycle.self = cycle;
  const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
  for (const payload of [cycle, { deep }]) {
    expect(await refusal(fixture.call('echo', payload))).toMatchObject({ code: 'INVALID_PAYLOAD', status: 400 });
  }
  expect(fixture.runtime.sandboxCount()).toBe(0);
});

test('the sandbox has 512 MB of heap by default, and a function that runs out of memory fails as such', async () => {
  fixture = await fixtureRuntime();
  const { heapSizeLimit } = (await fixture.call('heap-limit')) as { heapSizeLimit: number };
  // V8's limit is the old space asked for plus the young generation's semi-spaces.
  expect(heapSizeLimit).toBeGreaterThanOrEqual(512 * 1024 * 1024);
  expect(heapSizeLimit).toBeLessThan(600 * 1024 * 1024);
  await fixture.runtime.close();

  fixture = await fixtureRuntime({ limits: { memoryMb: 64 } });
  const error = await refusal(fixture.call('allocate'));
  expect(error).toMatchObject({ code: 'OUT_OF_MEMORY', status: 502, message: 'the function ran out of its 64 MB of memory and was stopped' });
  await expect(fixture.call('echo', { after: 'oom' })).resolves.toMatchObject({ payload: { after: 'oom' } });
}, 30_000);

test('1,200 invocations per user per minute: the next is refused, another user still runs', async () => {
  fixture = await fixtureRuntime();
  for (let i = 0; i < 1_200; i++) await fixture.call('echo', { i });
  const error = await refusal(fixture.call('echo', { i: 1_200 }));
  expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, message: 'more than 1,200 invocations by this user in a minute' });
  await expect(fixture.call('echo', { i: 0 }, bob)).resolves.toMatchObject({ payload: { i: 0 } });
  expect(fixture.runtime.invocations.filter((record) => record.failure === 'RATE_LIMITED')).toHaveLength(1);
}, 30_000);

test('a function that throws fails the invoke with its error, and is no limit violation', async () => {
  fixture = await fixtureRuntime();
  const error = await refusal(fixture.call('throw'));
  expect(error).toMatchObject({ code: 'FUNCTION_ERROR', status: 500, message: 'the function failed: RangeError: the function failed on purpose' });
  expect(fixture.runtime.violations).toEqual([]);
});

test('the sandbox holds no credentials: no simulator secret, and an invocation\'s proxy token dies with it', async () => {
  fixture = await fixtureRuntime();
  const seen = (await fixture.call('environment')) as { env: string[]; globals: string[] };
  expect(seen.env).toEqual(expect.not.arrayContaining([expect.stringMatching(/SECRET|JIRA/i)]));
  expect(seen.globals).toEqual(['__forge_fetch__', '__forge_runtime__']);
  await fixture.call('remember-token');
  await expect(fixture.call('use-old-token')).resolves.toEqual({ status: 401 });
});

describe('the app\'s own resolvers under the limits', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  test('a property value too big to send is refused by the platform, and Jira never sees it', async () => {
    app.takeRequests();
    await expect(
      app.runtime.invoke({
        functionKey: 'setProperty',
        payload: { accountId: bob, key: 'big', json: JSON.stringify('x'.repeat(600_000)) },
        context: { accountId: DEMO_USERS.admin.accountId, moduleKey: MODULE_KEYS.adminPage },
      }),
    ).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(app.takeRequests()).toEqual([]);
    expect(app.runtimeLog.at(-1)).toMatch(/^\[forge\] user-properties-admin setProperty: the invoke payload is 600,\d{3} bytes, over the 512,000 bytes limit$/);
  });

  test('every invocation records its sizes and its Jira requests', async () => {
    const before = app.runtime.invocations.length;
    const answer = await app.invoke('getSession', {}, 'admin');
    expect(answer).toMatchObject({ success: true });
    const [record] = app.runtime.invocations.slice(before);
    expect(record).toMatchObject({ functionKey: 'getSession', moduleKey: MODULE_KEYS.adminPage, jiraRequests: expect.any(Number), responseBytes: JSON.stringify(answer).length });
    expect(record.jiraRequests).toBeGreaterThan(0);
  });
});
