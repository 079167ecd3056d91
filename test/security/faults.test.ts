/**
 * Faults injected into the WRITE requests (PUT / DELETE of a user property) that the real resolvers send, for every
 * kind of writer: a Jira admin on another user (asUser), a user on their own record from My preferences (asUser),
 * and a delegated manager on another user (asApp, after the app's delegation check).
 *
 * For every case: the envelope says success only when the write really happened; the store ends with exactly the
 * intended value (or is unchanged); the number of write requests the simulator APPLIED matches the envelope (no lost
 * write, no duplicate); every failure is `success: false` with a code and a message.
 *
 * "Faults injected" counts the requests a fault disturbed: each use of a fault rule, plus each simulator request
 * delayed by the added latency.
 */
import type { FaultRule, LoggedRequest, SimStore } from '../../harness/simulator';
import { DEMO_GROUPS } from '../../harness/simulator';
import type { ErrorCode } from '../../src/shared/contract';
import { DEMO_USERS, MODULE_KEYS, startTestApp, type DemoUser, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  expect(await app.invoke('setAllowRawEditing', { allow: true }, 'admin')).toMatchObject({ success: true });
  const delegation = {
    groupId: DEMO_GROUPS.hrManagers.groupId,
    groupName: DEMO_GROUPS.hrManagers.name,
    keys: [{ match: 'exact', value: 'costCenter' }],
  };
  expect(await app.invoke('saveDelegation', { delegation }, 'admin')).toMatchObject({ success: true });
});
afterEach(() => {
  app.simulator.faults.clear();
  app.simulator.faults.latencyMs = 0;
  expect(app.simulator.contractViolations).toEqual([]);
});

let cases = 0;
let passed = 0;
let faultsInjected = 0;
afterAll(async () => {
  console.log(`security faults: ${cases} cases, ${faultsInjected} faults injected, ${cases - passed} failures`);
  await app.close();
});

const bob = DEMO_USERS.bob.accountId;

interface Writer {
  name: string;
  as: DemoUser;
  moduleKey: string;
  /** The accountId sent in the payload; omitted for a self write. */
  accountId?: string;
  key: string;
  /** Whom Jira sees for the write: asUser() for admins and self, asApp() for a delegate. */
  principal: LoggedRequest['principal'];
}

const WRITERS: Writer[] = [
  {
    name: 'admin on another user',
    as: 'admin',
    moduleKey: MODULE_KEYS.adminPage,
    accountId: bob,
    key: 'fault-admin',
    principal: { kind: 'user', accountId: DEMO_USERS.admin.accountId },
  },
  { name: 'user on self', as: 'bob', moduleKey: MODULE_KEYS.personalSettings, key: 'fault-self', principal: { kind: 'user', accountId: bob } },
  {
    name: 'delegate on another user',
    as: 'alice',
    moduleKey: MODULE_KEYS.adminPage,
    accountId: bob,
    key: 'costCenter',
    principal: { kind: 'app' },
  },
];

type Op = 'setProperty' | 'deleteProperty';

interface Fault {
  name: string;
  /** The rule, matched to the case's write (method and key); absent for latency. */
  rule?: Omit<FaultRule, 'method' | 'pathIncludes'>;
  latencyMs?: number;
  /** Retry-After 1 costs a real second per case: those run for one operation only, to keep the suite fast. */
  ops: Op[];
  /** Write requests that reach the simulator. */
  attempts: number;
  /** undefined: the write succeeds. */
  failure?: ErrorCode;
}

const BOTH: Op[] = ['setProperty', 'deleteProperty'];
const FAULTS: Fault[] = [
  { name: '429 with Retry-After 1', rule: { status: 429, times: 1, retryAfterSeconds: 1 }, ops: ['setProperty'], attempts: 2 },
  { name: '429 without Retry-After', rule: { status: 429, times: 1 }, ops: BOTH, attempts: 2 },
  { name: '503 with Retry-After 1', rule: { status: 503, times: 1, retryAfterSeconds: 1 }, ops: ['deleteProperty'], attempts: 2 },
  { name: '503 without Retry-After', rule: { status: 503, times: 2 }, ops: BOTH, attempts: 3 },
  { name: '500', rule: { status: 500, times: 1 }, ops: BOTH, attempts: 1, failure: 'JIRA_ERROR' },
  { name: 'latency 200 ms', latencyMs: 200, ops: BOTH, attempts: 1 },
  { name: 'drop-before', rule: { kind: 'drop-before', times: 1 }, ops: BOTH, attempts: 2 },
  { name: 'drop-after', rule: { kind: 'drop-after', times: 1 }, ops: BOTH, attempts: 2 },
  // Retry-After 60 is past the 15 s budget: the app gives up at once instead of waiting.
  { name: 'persistent 429 (Retry-After 60)', rule: { status: 429, times: 10, retryAfterSeconds: 60 }, ops: BOTH, attempts: 1, failure: 'RATE_LIMITED' },
];

const TABLE = FAULTS.flatMap((fault) => fault.ops.flatMap((op) => WRITERS.map((writer) => ({ fault, op, writer }))));

const isWrite = (r: LoggedRequest) => r.method === 'PUT' || r.method === 'DELETE';
const is2xx = (status: number | undefined) => status !== undefined && status >= 200 && status < 300;
/** The simulator applied the write: it answered 2xx, or it handled it (2xx) and then dropped the connection. */
const applied = (r: LoggedRequest) => is2xx(r.status) || (r.dropped === 'drop-after' && is2xx(r.handledStatus));

const store = () => app.simulator.store as SimStore;
const VALUE = { set: 'by-the-write', n: 1 };
const VALUE_JSON = JSON.stringify(VALUE);
const BEFORE = 'before-the-write';

test.each(TABLE.map((c) => [c.fault.name, c.op, c.writer.name, c] as const))('%s: %s as %s', async (_f, _o, _w, { fault, op, writer }) => {
  cases += 1;
  const { key } = writer;
  // setProperty starts from no property (so a first attempt that created it shows in the outcome); deleteProperty
  // from a known value.
  if (op === 'setProperty') store().deleteProperty(bob, key);
  else store().setProperty(bob, key, BEFORE);
  const rule = fault.rule && ({ ...fault.rule, method: op === 'setProperty' ? 'PUT' : 'DELETE', pathIncludes: `/user/properties/${key}` } as FaultRule);
  if (rule) app.simulator.faults.add(rule);
  app.simulator.faults.latencyMs = fault.latencyMs ?? 0;
  app.takeRequests();

  const payload = { ...(writer.accountId ? { accountId: writer.accountId } : {}), key, ...(op === 'setProperty' ? { json: VALUE_JSON } : {}) };
  const result = await app.invoke<Record<string, unknown>>(op, payload, writer.as, writer.moduleKey);

  const requests = app.takeRequests();
  const writes = requests.filter(isWrite);
  faultsInjected += (rule ? (fault.rule as FaultRule).times - rule.times : 0) + (fault.latencyMs ? requests.length : 0);

  // Every write went out under the principal the policy names, on the intended user and key, and nothing else was written.
  for (const write of writes) {
    expect(write).toMatchObject({ method: op === 'setProperty' ? 'PUT' : 'DELETE', pathname: `/rest/api/3/user/properties/${key}` });
    expect(write.query.accountId).toBe(bob);
    expect(write.principal).toEqual(writer.principal);
  }
  expect(writes).toHaveLength(fault.attempts);
  const appliedWrites = writes.filter(applied);

  if (fault.failure) {
    // Reported, with its code and a message, and nothing was written.
    expect(result).toMatchObject({ success: false, error: { code: fault.failure } });
    if (result.success) throw new Error('unreachable');
    expect(result.error.message).toMatch(/\S/);
    if (fault.failure === 'RATE_LIMITED') expect(result.error.message).toMatch(/60 seconds/);
    expect(appliedWrites).toHaveLength(0);
    expect(store().getProperty(bob, key)).toBe(op === 'setProperty' ? undefined : BEFORE);
  } else if (op === 'setProperty') {
    expect(store().getProperty(bob, key)).toEqual(VALUE);
    if (fault.rule?.kind === 'drop-after') {
      // Genuinely ambiguous, documented in src/jira/user-properties.ts: the first PUT created the property but its
      // answer was lost; the retry (safe: PUT is idempotent) re-applies the same value and Jira answers 200, so the
      // outcome is "updated" although this call created it. The store holds the one intended value, not two.
      expect(appliedWrites.map((w) => w.handledStatus ?? w.status)).toEqual([201, 200]);
      expect(result).toEqual({ success: true, data: { key, accountId: bob, outcome: 'updated', bytes: VALUE_JSON.length } });
    } else {
      expect(appliedWrites.map((w) => w.status)).toEqual([201]);
      expect(result).toEqual({ success: true, data: { key, accountId: bob, outcome: 'created', bytes: VALUE_JSON.length } });
    }
  } else {
    expect(store().getProperty(bob, key)).toBeUndefined();
    expect(result).toEqual({ success: true, data: { key, accountId: bob, deleted: true } });
    expect(appliedWrites).toHaveLength(1);
    if (fault.rule?.kind === 'drop-after') {
      // The first DELETE applied but its answer was lost; the retry answers 404, which the client counts as deleted
      // because an earlier attempt may have applied (src/jira/user-properties.ts deleteProperty).
      expect(writes.map((w) => [w.status, w.handledStatus])).toEqual([
        [0, 204],
        [404, undefined],
      ]);
    }
  }
  passed += 1;
});

test('the table covers every writer and fault', () => {
  expect(new Set(TABLE.map((c) => c.writer.name)).size).toBe(WRITERS.length);
  expect(new Set(TABLE.map((c) => c.fault.name)).size).toBe(FAULTS.length);
});

/** Resolves once the simulator has logged a request matching `predicate` (the app is then waiting to retry). */
async function whenLogged(predicate: (r: LoggedRequest) => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!app.simulator.requests.some(predicate)) {
    if (Date.now() > deadline) throw new Error('the expected request was never logged');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('beyond the table', () => {
  test('a delete disturbed by a dropped connection reports "deleted" for a property that never existed (documented)', async () => {
    // Without a fault, deleting a missing property is NOT_FOUND. After a thrown error or a 503 the client cannot know
    // whether its first attempt applied, so the retry's 404 counts as deleted (src/jira/user-properties.ts). The
    // store ends as intended (absent), but the envelope claims a deletion no request performed.
    expect(await app.invoke('deleteProperty', { accountId: bob, key: 'never-existed' }, 'admin')).toMatchObject({
      success: false,
      error: { code: 'NOT_FOUND' },
    });
    app.simulator.faults.add({ kind: 'drop-before', times: 1, method: 'DELETE' });
    app.takeRequests();
    expect(await app.invoke('deleteProperty', { accountId: bob, key: 'never-existed' }, 'admin')).toMatchObject({
      success: true,
      data: { deleted: true },
    });
    expect(app.takeRequests().filter(isWrite).filter(applied)).toHaveLength(0);
  });

  // A guarded write that Jira makes us retry checks the stored state again before each retry: a change made by
  // someone else during the wait is not overwritten (found by this suite, fixed in expected-state.ts).
  test('a concurrent change made while a guarded write waits to retry is a CONFLICT, not overwritten', async () => {
    store().setProperty(bob, 'team', 'Opened');
    app.simulator.faults.add({ status: 429, times: 1, retryAfterSeconds: 1, method: 'PUT', pathIncludes: '/user/properties/team' });
    const seq = app.simulator.requests.length;
    const pending = app.invoke('setProperty', { accountId: bob, key: 'team', json: '"Mine"', expected: { exists: true, json: '"Opened"' } }, 'admin');
    await whenLogged((r) => r.seq > seq && r.method === 'PUT' && r.status === 429);
    store().setProperty(bob, 'team', 'Theirs');
    const result = await pending;
    expect(result).toMatchObject({ success: false, error: { code: 'CONFLICT' } });
    expect(store().getProperty(bob, 'team')).toBe('Theirs');
    const after = app.simulator.requests.filter((r) => r.seq > seq && r.pathname.endsWith('/user/properties/team'));
    expect(after.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 200', 'PUT 429', 'GET 200']);
  });

  test('a guarded write whose first attempt landed before the connection dropped is not its own conflict', async () => {
    store().setProperty(bob, 'team', 'Opened');
    app.simulator.faults.add({ kind: 'drop-after', times: 1, method: 'PUT', pathIncludes: '/user/properties/team' });
    const result = await app.invoke('setProperty', { accountId: bob, key: 'team', json: '"Mine"', expected: { exists: true, json: '"Opened"' } }, 'admin');
    expect(result).toMatchObject({ success: true });
    expect(store().getProperty(bob, 'team')).toBe('Mine');
  });
});

/**
 * Someone else's write lands between the app's check and its PUT (Jira has no conditional write to prevent it): the
 * simulator applies that other write just before it handles ours, once.
 */
function racedBy(otherWrite: () => void): () => void {
  const simStore = store();
  const original = simStore.putPropertyJson.bind(simStore);
  let raced = false;
  simStore.putPropertyJson = (accountId, key, json) => {
    if (!raced) {
      raced = true;
      otherWrite();
    }
    return original(accountId, key, json);
  };
  return () => {
    simStore.putPropertyJson = original;
  };
}

describe('a write whose PUT answer contradicts the state it was conditional on (review point 4)', () => {
  // The function logs in its sandbox; its output reaches the runtime's log a moment later (a pipe, not the IPC answer).
  let logged = 0;
  beforeEach(() => {
    logged = app.runtimeLog.length;
  });
  async function loggedEvent(): Promise<Record<string, unknown>> {
    for (let waited = 0; waited < 2_000; waited += 20) {
      const line = app.runtimeLog.slice(logged).find((entry) => entry.startsWith('[function] {'));
      if (line) return JSON.parse(line.slice('[function] '.length)) as Record<string, unknown>;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`the function logged no event: ${JSON.stringify(app.runtimeLog.slice(logged))}`);
  }

  const payloadOf = (writer: Writer, expected: unknown) => ({ ...(writer.accountId ? { accountId: writer.accountId } : {}), key: writer.key, json: VALUE_JSON, expected });

  test.each(WRITERS.map((w) => [w.name, w] as const))('200 after expecting no property, as %s: CONFLICT, said and recorded', async (_n, writer) => {
    cases += 1;
    store().deleteProperty(bob, writer.key);
    const restore = racedBy(() => store().setProperty(bob, writer.key, 'created-by-someone-else'));
    try {
      const result = await app.invoke('setProperty', payloadOf(writer, { exists: false }), writer.as, writer.moduleKey);
      expect(result).toMatchObject({ success: false, error: { code: 'CONFLICT', message: expect.stringMatching(/Someone else created .* just before your save/) } });
    } finally {
      restore();
    }
    expect(store().getProperty(bob, writer.key)).toEqual(VALUE);
    expect(await loggedEvent()).toMatchObject({ event: 'conditional-write-contradicted', expected: 'absent', jiraAnswered: 'updated', accountId: bob, key: writer.key });
    passed += 1;
  });

  test.each(WRITERS.map((w) => [w.name, w] as const))('201 after expecting the property, as %s: CONFLICT, said and recorded', async (_n, writer) => {
    cases += 1;
    store().setProperty(bob, writer.key, BEFORE);
    const restore = racedBy(() => store().deleteProperty(bob, writer.key));
    try {
      const result = await app.invoke('setProperty', payloadOf(writer, { exists: true, json: JSON.stringify(BEFORE) }), writer.as, writer.moduleKey);
      expect(result).toMatchObject({ success: false, error: { code: 'CONFLICT', message: expect.stringMatching(/deleted by someone else just before your save/) } });
    } finally {
      restore();
    }
    expect(await loggedEvent()).toMatchObject({ event: 'conditional-write-contradicted', expected: 'exists', jiraAnswered: 'created', key: writer.key });
    passed += 1;
  });

  test('ten parallel creates expecting no property: exactly one succeeds, nine answer CONFLICT', async () => {
    store().deleteProperty(bob, 'race');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => app.invoke('setProperty', { accountId: bob, key: 'race', json: String(i), expected: { exists: false } }, 'admin')),
    );
    const outcomes = results.map((r) => (r.success ? 'ok' : r.error.code));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'CONFLICT')).toHaveLength(9);
  });
});
