import fs from 'node:fs';
import { Queue } from '@forge/events';
import { doublingBackoff, ManualClock, type DeliveryRecord } from '../../harness/runtime/events';
import { buildQueueFunction, startQueueFixture, type QueueFixture } from './fixtures/queue-fixture';

// Delivery of pushed events to the fixture manifest's consumers, each as one invocation of the consumer's function in
// the runtime's sandboxes, with Forge's retries, and the faults a test can inject. Most tests drive a ManualClock
// (idle() moves it on when only time is awaited), so delays and retries of minutes take milliseconds.

let functionDir: string;
beforeAll(() => {
  functionDir = buildQueueFunction();
});
afterAll(() => fs.rmSync(functionDir, { recursive: true, force: true }));

let fixture: QueueFixture;
afterEach(async () => {
  await fixture?.close();
});

type Body = Record<string, unknown>;
const push = (queue: string, events: Array<{ body: Body; delayInSeconds?: number; concurrency?: { key: string; limit: number } }>) =>
  new Queue({ key: queue }).push(events).then(({ jobId }) => jobId);
const deliveries = () => fixture.runtime.queue.deliveries;
const resultOf = <T>(record: DeliveryRecord) => record.result as T;

async function until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  for (const started = Date.now(); !condition(); ) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Most deliveries running at the same moment, by their real start and duration. */
function mostAtOnce(records: readonly DeliveryRecord[]): number {
  const edges = records.flatMap((r) => [{ at: r.startedAt, by: 1 }, { at: r.startedAt + r.ms, by: -1 }]).sort((a, b) => a.at - b.at || a.by - b.by);
  let now = 0;
  let most = 0;
  for (const edge of edges) most = Math.max(most, (now += edge.by));
  return most;
}

describe('each event is one invocation of its consumer, called as Forge calls consumers', () => {
  test('a push from a resolver in a sandbox: handler(event, context) gets the AsyncEvent, and no user', async () => {
    fixture = await startQueueFixture(functionDir, { queue: { clock: new ManualClock() } });
    const pushed = (await fixture.resolve('push', {
      queue: 'work',
      events: [{ body: { behaviour: 'echo', n: 1 } }, { body: { behaviour: 'echo', n: 2 }, concurrency: { key: 'k', limit: 1 } }],
    })) as { jobId: string };
    await fixture.runtime.queue.idle();
    const records = [...deliveries()].sort((a, b) => resultOf<{ event: { body: { n: number } } }>(a).event.body.n - resultOf<{ event: { body: { n: number } } }>(b).event.body.n);
    expect(records.map((r) => resultOf<{ event: unknown }>(r).event)).toEqual([
      { body: { behaviour: 'echo', n: 1 }, queueName: 'work', jobId: pushed.jobId, eventId: records[0].eventId },
      { body: { behaviour: 'echo', n: 2 }, concurrency: { key: 'k', limit: 1 }, queueName: 'work', jobId: pushed.jobId, eventId: records[1].eventId },
    ]);
    expect(records[0].eventId).not.toBe(records[1].eventId);
    for (const record of records) {
      expect(record).toMatchObject({ jobId: pushed.jobId, queueName: 'work', consumerKey: 'work-consumer', attempt: 1, duplicate: false, outcome: 'success' });
      expect(resultOf(record)).toMatchObject({ principal: null, installContext: 'ari:cloud:jira::site/local-cloud-0000' });
    }
    expect(fixture.runtime.queue.stats(pushed.jobId)).toEqual({ success: 2, inProgress: 0, failed: 0 });
  });

  test('the invocation runs under the function\'s timeoutSeconds: 55 s by default, 2 s and 600 s as set', async () => {
    fixture = await startQueueFixture(functionDir, { queue: { clock: new ManualClock() } });
    for (const queue of ['work', 'quick', 'long']) await push(queue, [{ body: { behaviour: 'echo' } }]);
    await fixture.runtime.queue.idle();
    const remaining = Object.fromEntries(deliveries().map((r) => [r.queueName, resultOf<{ remainingMs: number }>(r).remainingMs]));
    expect(remaining.work).toBeGreaterThan(50_000);
    expect(remaining.work).toBeLessThanOrEqual(55_000);
    expect(remaining.quick).toBeGreaterThan(1_000);
    expect(remaining.quick).toBeLessThanOrEqual(2_000);
    expect(remaining.long).toBeGreaterThan(595_000);
    expect(remaining.long).toBeLessThanOrEqual(600_000);
  });

  test('asUser() fails in a consumer, even naming a user; asApp() reaches Jira as the app', async () => {
    fixture = await startQueueFixture(functionDir, { queue: { clock: new ManualClock() } });
    await push('work', [{ body: { behaviour: 'principals', accountId: 'someone' } }]);
    await fixture.runtime.queue.idle();
    expect(deliveries()[0]).toMatchObject({ outcome: 'success', result: { asUser: 401, asNamedUser: 401, asApp: 200 }, requests: { jira: 3 } });
    expect(fixture.jiraPrincipals).toEqual(['app']);
  });

  test('a consumer may push further events: they are delivered too', async () => {
    fixture = await startQueueFixture(functionDir, { queue: { clock: new ManualClock() } });
    await push('work', [{ body: { behaviour: 'push-more' } }]);
    await fixture.runtime.queue.idle();
    const [first, second] = deliveries();
    expect(first).toMatchObject({ outcome: 'success', requests: { events: 1 } });
    expect(second).toMatchObject({ outcome: 'success', jobId: resultOf<{ pushed: string }>(first).pushed });
    expect(resultOf<{ event: { body: unknown } }>(second).event.body).toEqual({ behaviour: 'echo', from: first.eventId });
  });
});

describe('delays', () => {
  test('delayInSeconds holds the event back exactly that long on the queue\'s clock', async () => {
    const clock = new ManualClock();
    fixture = await startQueueFixture(functionDir, { queue: { clock } });
    const pushedAt = clock.now();
    const jobId = await push('work', [{ body: { behaviour: 'echo' }, delayInSeconds: 30 }]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    clock.advance(29_999);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(deliveries()).toEqual([]);
    expect(fixture.runtime.queue.stats(jobId)).toEqual({ success: 0, inProgress: 1, failed: 0 });
    clock.advance(1);
    await fixture.runtime.queue.idle();
    expect(deliveries()).toHaveLength(1);
    expect(deliveries()[0].startedAt).toBe(pushedAt + 30_000);
    expect(resultOf<{ event: unknown }>(deliveries()[0]).event).toMatchObject({ delayInSeconds: 30 });
  });

  test('in real time (sped up by timeScale), a delayed event waits its delay', async () => {
    fixture = await startQueueFixture(functionDir, { queue: { clock: { timeScale: 20 } } });
    const started = Date.now();
    await push('work', [{ body: { behaviour: 'echo' }, delayInSeconds: 4 }]);
    await fixture.runtime.queue.idle();
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(deliveries()).toHaveLength(1);
  });
});

describe('retries', () => {
  test('an InvocationError is redelivered after its retryAfter, with retryContext', async () => {
    fixture = await startQueueFixture(functionDir, { queue: { clock: new ManualClock() } });
    const jobId = await push('work', [{ body: { behaviour: 'retry-once', retryAfter: 30, retryData: { cursor: 7 } } }]);
    await fixture.runtime.queue.idle();
    const [first, second] = deliveries();
    expect(deliveries()).toHaveLength(2);
    expect(first).toMatchObject({ attempt: 1, outcome: 'retry-requested', result: { retryAfter: 30, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED', retryData: { cursor: 7 } } });
    expect(second).toMatchObject({ eventId: first.eventId, attempt: 2, outcome: 'success' });
    expect(resultOf(second)).toEqual({ retryContext: { retryCount: 1, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED', retryData: { cursor: 7 } } });
    expect(second.startedAt - first.startedAt).toBe(30_000);
    expect(fixture.runtime.queue.stats(jobId)).toEqual({ success: 1, inProgress: 0, failed: 0 });
  });

  test('an event that keeps asking for a retry gets 4 retries, then counts as failed', async () => {
    fixture = await startQueueFixture(functionDir, { queue: { clock: new ManualClock() } });
    const jobId = await push('work', [{ body: { behaviour: 'always-retry', retryAfter: 5 } }]);
    await fixture.runtime.queue.idle();
    expect(deliveries().map((r) => [r.attempt, r.outcome])).toEqual([1, 2, 3, 4, 5].map((attempt) => [attempt, 'retry-requested']));
    expect(deliveries().map((r) => r.startedAt - deliveries()[0].startedAt)).toEqual([0, 5_000, 10_000, 15_000, 20_000]);
    expect(fixture.runtime.queue.stats(jobId)).toEqual({ success: 0, inProgress: 0, failed: 1 });
    expect(fixture.log).toContainEqual(expect.stringMatching(/^\[forge\] work-consumer: event .+ failed after 5 deliveries \(FUNCTION_RETRY_REQUEST\); not retried again$/));
  });

  test('retryData over 4 KB is a violation and the event is not retried; retryAfter over 900 s is held to 900 s', async () => {
    fixture = await startQueueFixture(functionDir, { queue: { clock: new ManualClock() } });
    const bigData = await push('work', [{ body: { behaviour: 'always-retry', retryAfter: 1, retryData: { filler: 'x'.repeat(4_100) } } }]);
    await fixture.runtime.queue.idle();
    expect(deliveries()).toHaveLength(1);
    expect(fixture.runtime.queue.stats(bigData)).toEqual({ success: 0, inProgress: 0, failed: 1 });
    expect(fixture.runtime.violations).toEqual([expect.stringMatching(/^work-consumer: event .+: retryData is 4,113 bytes, over the 4,096 bytes limit; the event is not retried$/)]);

    await push('work', [{ body: { behaviour: 'retry-once', retryAfter: 1_000 } }]);
    await fixture.runtime.queue.idle();
    const [, first, second] = deliveries();
    expect(second.startedAt - first.startedAt).toBe(900_000);
    expect(fixture.runtime.violations[1]).toMatch(/^work-consumer: event .+: retryAfter 1000 s is over the 900 s limit; retried after 900 s$/);
  });

  test('a consumer that throws is redelivered with a doubling backoff, then counted failed', async () => {
    fixture = await startQueueFixture(functionDir, { queue: { clock: new ManualClock() } });
    const once = await push('work', [{ body: { behaviour: 'throw-once' } }]);
    await fixture.runtime.queue.idle();
    expect(deliveries().map((r) => r.outcome)).toEqual(['error', 'success']);
    expect(deliveries()[0].detail).toBe('TypeError: the consumer failed on purpose, once');
    expect(resultOf(deliveries()[1])).toEqual({ retryContext: { retryCount: 1, retryReason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR' } });
    expect(fixture.runtime.queue.stats(once)).toEqual({ success: 1, inProgress: 0, failed: 0 });

    const always = await push('work', [{ body: { behaviour: 'throw' } }]);
    await fixture.runtime.queue.idle();
    const attempts = deliveries().filter((r) => r.jobId === always);
    expect(attempts.map((r) => [r.attempt, r.outcome])).toEqual([1, 2, 3, 4, 5].map((attempt) => [attempt, 'error']));
    expect(attempts.slice(1).map((r, i) => r.startedAt - attempts[i].startedAt)).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(fixture.runtime.queue.stats(always)).toEqual({ success: 0, inProgress: 0, failed: 1 });
    expect(fixture.log).toContain('[forge] work-consumer: event ' + attempts[0].eventId + ` of job ${always}: the function failed: TypeError: the consumer failed on purpose`);
    // A thrown error is the app's failure, not a platform limit.
    expect(fixture.runtime.violations).toEqual([]);
  });

  test('the retry policy is an option', async () => {
    fixture = await startQueueFixture(functionDir, { queue: { clock: new ManualClock(), retry: doublingBackoff(1, 10) } });
    await push('work', [{ body: { behaviour: 'throw' } }]);
    await fixture.runtime.queue.idle();
    expect(deliveries().map((r) => r.startedAt - deliveries()[0].startedAt)).toEqual([0, 10_000]);
  });

  test('a consumer that runs past its timeout is stopped, recorded as a violation, and retried with FUNCTION_TIME_OUT', async () => {
    fixture = await startQueueFixture(functionDir, { queue: { clock: new ManualClock() } });
    const jobId = await push('quick', [{ body: { behaviour: 'sleep-first', ms: 5_000 } }]);
    await fixture.runtime.queue.idle();
    const [first, second] = deliveries();
    expect(first.outcome).toBe('timeout');
    expect(first.ms).toBeGreaterThanOrEqual(2_000);
    expect(first.ms).toBeLessThan(4_000);
    expect(second).toMatchObject({ outcome: 'success', result: { retryContext: { retryCount: 1, retryReason: 'FUNCTION_TIME_OUT' } } });
    expect(fixture.runtime.violations).toEqual([`quick-consumer: event ${first.eventId} of job ${jobId}: the function ran past the 2 s limit and was stopped`]);
  }, 15_000);

  test('a consumer whose process dies is retried', async () => {
    fixture = await startQueueFixture(functionDir, { queue: { clock: new ManualClock() } });
    await push('work', [{ body: { behaviour: 'exit-once' } }]);
    await fixture.runtime.queue.idle();
    expect(deliveries().map((r) => r.outcome)).toEqual(['crashed', 'success']);
    expect(resultOf(deliveries()[1])).toEqual({ retryContext: { retryCount: 1, retryReason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR' } });
  });
});

describe('fault injection', () => {
  test('a crash kills the sandbox mid-invocation; the event is delivered again', async () => {
    fixture = await startQueueFixture(functionDir, { queue: { clock: new ManualClock() } });
    fixture.runtime.queue.faults.crashNext(1, 200);
    const jobId = await push('work', [{ body: { behaviour: 'sleep', ms: 1_000 } }]);
    await until(() => fixture.runtime.sandboxPids().length === 1, 'the sandbox');
    const [pid] = fixture.runtime.sandboxPids();
    await fixture.runtime.queue.idle();
    const [crashed, again] = deliveries();
    expect(crashed.outcome).toBe('crashed');
    expect(crashed.ms).toBeLessThan(1_000);
    expect(again).toMatchObject({ eventId: crashed.eventId, attempt: 2, outcome: 'success', result: { slept: 1_000 } });
    expect(resultOf<{ pid: number }>(again).pid).not.toBe(pid);
    expect(fixture.runtime.sandboxPids()).not.toContain(pid);
    expect(fixture.runtime.queue.stats(jobId)).toEqual({ success: 1, inProgress: 0, failed: 0 });
  });

  test('injected duplicates are delivered twice, and the job still counts each event once', async () => {
    fixture = await startQueueFixture(functionDir, { queue: { clock: new ManualClock() } });
    fixture.runtime.queue.faults.duplicateNext(2);
    const jobId = await push('work', [1, 2, 3].map((n) => ({ body: { behaviour: 'echo', n } })));
    await fixture.runtime.queue.idle();
    expect(deliveries()).toHaveLength(5);
    const duplicates = deliveries().filter((r) => r.duplicate);
    expect(duplicates).toHaveLength(2);
    for (const duplicate of duplicates) {
      const original = deliveries().find((r) => !r.duplicate && r.eventId === duplicate.eventId);
      expect(resultOf<{ event: unknown }>(duplicate).event).toEqual(resultOf<{ event: unknown }>(original!).event);
    }
    expect(fixture.runtime.queue.stats(jobId)).toEqual({ success: 3, inProgress: 0, failed: 0 });
  });

  test('with duplicateProbability 1 every event is delivered twice', async () => {
    fixture = await startQueueFixture(functionDir, { queue: { clock: new ManualClock(), faults: { duplicateProbability: 1 } } });
    await push('work', [1, 2, 3, 4].map((n) => ({ body: { behaviour: 'echo', n } })));
    await fixture.runtime.queue.idle();
    const perEvent = new Map<string, number>();
    for (const record of deliveries()) perEvent.set(record.eventId, (perEvent.get(record.eventId) ?? 0) + 1);
    expect([...perEvent.values()]).toEqual([2, 2, 2, 2]);
  });

  test('with crashProbability 1 every delivery crashes, until the retries run out', async () => {
    fixture = await startQueueFixture(functionDir, { queue: { clock: new ManualClock(), faults: { crashProbability: 1, crashAfterMs: 100 } } });
    const jobId = await push('work', [{ body: { behaviour: 'sleep', ms: 1_000 } }]);
    await fixture.runtime.queue.idle();
    expect(deliveries().map((r) => r.outcome)).toEqual(['crashed', 'crashed', 'crashed', 'crashed', 'crashed']);
    expect(fixture.runtime.queue.stats(jobId)).toEqual({ success: 0, inProgress: 0, failed: 1 });
  }, 30_000);

  test('a slow consumer starts late, and its event is in progress meanwhile', async () => {
    const clock = new ManualClock();
    fixture = await startQueueFixture(functionDir, { queue: { clock } });
    fixture.runtime.queue.faults.slowNext(1, 10_000);
    const pushedAt = clock.now();
    const jobId = await push('work', [{ body: { behaviour: 'echo' } }]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(deliveries()).toEqual([]);
    expect(fixture.runtime.queue.stats(jobId)).toEqual({ success: 0, inProgress: 1, failed: 0 });
    await fixture.runtime.queue.idle();
    expect(deliveries()[0].startedAt).toBe(pushedAt + 10_000);
  });
});

describe('job stats and cancel, through the real client', () => {
  test('stats count each event once; cancel stops the undelivered ones', async () => {
    const clock = new ManualClock();
    fixture = await startQueueFixture(functionDir, { queue: { clock } });
    const queue = new Queue({ key: 'work' });
    const { jobId } = await queue.push([{ body: { behaviour: 'echo' } }, ...[1, 2, 3].map(() => ({ body: { behaviour: 'echo' }, delayInSeconds: 60 }))]);
    await until(() => deliveries().length === 1, 'the first delivery');
    await until(() => fixture.runtime.queue.stats(jobId)?.success === 1, 'its success');
    await expect(queue.getJob(jobId).getStats()).resolves.toEqual({ success: 1, inProgress: 3, failed: 0 });
    // The same answer inside a sandbox, through the platform's proxy.
    await expect(fixture.resolve('stats', { queue: 'work', jobId })).resolves.toEqual({ success: 1, inProgress: 3, failed: 0 });
    await queue.getJob(jobId).cancel();
    await expect(queue.getJob(jobId).getStats()).resolves.toEqual({ success: 1, inProgress: 0, failed: 0 });
    clock.advance(120_000);
    await fixture.runtime.queue.idle();
    expect(deliveries()).toHaveLength(1);
  });

  test('cancel also stops a redelivery already scheduled', async () => {
    fixture = await startQueueFixture(functionDir, { queue: { clock: new ManualClock() } });
    const queue = new Queue({ key: 'work' });
    const { jobId } = await queue.push({ body: { behaviour: 'always-retry', retryAfter: 60 } });
    await until(() => fixture.runtime.queue.stats(jobId)?.inProgress === 1 && deliveries().length === 1, 'the first delivery');
    await queue.cancel(jobId);
    await fixture.runtime.queue.idle();
    expect(deliveries()).toHaveLength(1);
    await expect(queue.getStats(jobId)).resolves.toEqual({ success: 0, inProgress: 0, failed: 0 });
  });
});

describe('concurrency and order', () => {
  const sleepers = (n: number, concurrency?: { key: string; limit: number }) => Array.from({ length: n }, () => ({ body: { behaviour: 'sleep', ms: 300 }, ...(concurrency ? { concurrency } : {}) }));

  test('two deliveries run at once by default', async () => {
    fixture = await startQueueFixture(functionDir);
    await push('work', sleepers(6));
    await fixture.runtime.queue.idle();
    expect(mostAtOnce(deliveries())).toBe(2);
  });

  test('the concurrency is an option, and an event\'s own concurrency { key, limit } is honoured', async () => {
    fixture = await startQueueFixture(functionDir, { queue: { concurrency: 3 } });
    await push('work', sleepers(6));
    await fixture.runtime.queue.idle();
    expect(mostAtOnce(deliveries())).toBe(3);
    const before = deliveries().length;
    await push('work', sleepers(3, { key: 'one-at-a-time', limit: 1 }));
    await fixture.runtime.queue.idle();
    expect(mostAtOnce(deliveries().slice(before))).toBe(1);
  }, 15_000);

  test('delivery is unordered: the next event is drawn among those ready', async () => {
    let draws = 0;
    // The last one ready, each time: the reverse of the push order.
    fixture = await startQueueFixture(functionDir, { queue: { clock: new ManualClock(), concurrency: 1, random: () => (draws++, 0.999) } });
    await push('work', [1, 2, 3, 4, 5].map((n) => ({ body: { behaviour: 'echo', n } })));
    await fixture.runtime.queue.idle();
    expect(deliveries().map((r) => resultOf<{ event: { body: { n: number } } }>(r).event.body.n)).toEqual([5, 4, 3, 2, 1]);
    expect(draws).toBe(5);
  });
});

describe('runtime.close()', () => {
  test('leaves no timer behind: delayed events and scheduled redeliveries are dropped', async () => {
    const clock = new ManualClock();
    fixture = await startQueueFixture(functionDir, { queue: { clock } });
    await push('work', [{ body: { behaviour: 'echo' }, delayInSeconds: 600 }, { body: { behaviour: 'always-retry', retryAfter: 300 } }]);
    await until(() => deliveries().length === 1 && clock.pendingTimers === 2, 'the redelivery to be scheduled');
    await fixture.close();
    expect(clock.pendingTimers).toBe(0);
    await expect(fixture.runtime.queue.idle()).rejects.toThrow('the local Forge runtime is closed');
  });

  test('in real time too, and a delivery under way is stopped with its sandbox', async () => {
    fixture = await startQueueFixture(functionDir);
    const { clock } = fixture.runtime.queue;
    await push('work', [{ body: { behaviour: 'echo' }, delayInSeconds: 600 }, { body: { behaviour: 'sleep', ms: 10_000 } }]);
    await until(() => fixture.runtime.sandboxPids().length === 1, 'the sandbox');
    const [pid] = fixture.runtime.sandboxPids();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(clock.pendingTimers).toBe(1);
    const started = Date.now();
    await fixture.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(clock.pendingTimers).toBe(0);
    expect(() => process.kill(pid, 0)).toThrow();
    expect(deliveries().map((r) => r.outcome)).toEqual(['crashed']);
  });
});
