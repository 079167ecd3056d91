import fs from 'node:fs';
import { ManualClock, RealClock } from '../../harness/runtime/events';
import { createLocalRuntime } from '../../harness/runtime/local-runtime';
import type { SchedulerOptions } from '../../harness/runtime/scheduler';
import { startQueueFixture, type QueueFixture } from './fixtures/queue-fixture';
import { buildSchedulerFunction, FIXTURE_FUNCTIONS, schedulerManifestDir, writeSchedulerManifest, type FixtureTrigger } from './fixtures/scheduler-fixture';

// The manifest's scheduledTrigger modules, each run as one invocation of its function in the runtime's sandboxes:
// first about 5 minutes after start, then every interval, never retried. Most tests drive a ManualClock, so a week
// of schedule takes milliseconds.

const MINUTE = 60_000;

let functionDir: string;
let manifestDir: string;
beforeAll(() => {
  functionDir = buildSchedulerFunction();
  manifestDir = schedulerManifestDir();
});
afterAll(() => {
  fs.rmSync(functionDir, { recursive: true, force: true });
  fs.rmSync(manifestDir, { recursive: true, force: true });
});

let fixture: QueueFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

async function start(triggers: FixtureTrigger[], scheduler: SchedulerOptions = {}): Promise<QueueFixture> {
  fixture = await startQueueFixture(functionDir, { manifestPath: writeSchedulerManifest(manifestDir, triggers), scheduler });
  return fixture;
}

/** The runs (of one trigger), by start: `runs` holds them as they end, and runs due together end in any order. */
const runsOf = (f: QueueFixture, triggerKey?: string) =>
  f.runtime.scheduler.runs.filter((run) => triggerKey === undefined || run.triggerKey === triggerKey).sort((a, b) => a.startedAt - b.startedAt);

async function until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  for (const started = Date.now(); !condition(); ) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the schedule', () => {
  test('each trigger runs first 5 minutes after start, then every interval (fiveMinute: 5 min, hour: 60 min)', async () => {
    const clock = new ManualClock();
    const f = await start(
      [
        { key: 'every-five', function: 'tick', interval: 'fiveMinute' },
        { key: 'hourly', function: 'tick', interval: 'hour' },
      ],
      { clock },
    );
    const t0 = clock.now();
    expect(f.runtime.scheduler.clock).toBe(clock);
    expect(clock.pendingTimers).toBe(2);

    clock.advance(5 * MINUTE - 1);
    await f.runtime.scheduler.settled();
    expect(runsOf(f)).toEqual([]);

    clock.advance(1);
    await f.runtime.scheduler.settled();
    expect(runsOf(f).map((run) => [run.triggerKey, run.startedAt - t0]).sort()).toEqual([
      ['every-five', 5 * MINUTE],
      ['hourly', 5 * MINUTE],
    ]);
    expect(runsOf(f)[0]).toMatchObject({ outcome: 'success', statusCode: 200, requests: { jira: 0, kvs: 0, events: 0 } });

    clock.advance(5 * MINUTE);
    await f.runtime.scheduler.settled();
    expect(runsOf(f, 'every-five')).toHaveLength(2);

    // One advance past several due times runs each of them, at its own time.
    clock.advance(10 * MINUTE);
    await f.runtime.scheduler.settled();
    expect(runsOf(f, 'every-five').map((run) => (run.startedAt - t0) / MINUTE)).toEqual([5, 10, 15, 20]);
    expect(runsOf(f, 'hourly')).toHaveLength(1);

    clock.advance(45 * MINUTE);
    await f.runtime.scheduler.settled();
    expect(runsOf(f, 'every-five')).toHaveLength(13);
    expect(runsOf(f, 'hourly').map((run) => (run.startedAt - t0) / MINUTE)).toEqual([5, 65]);
    expect(runsOf(f).every((run) => run.outcome === 'success')).toBe(true);
    expect(clock.pendingTimers).toBe(2);
    expect(f.runtime.violations).toEqual([]);
  });

  test('day and week intervals, and firstRunDelayMs moves the first run', async () => {
    const clock = new ManualClock();
    const f = await start(
      [
        { key: 'daily', function: 'tick', interval: 'day' },
        { key: 'weekly', function: 'tick', interval: 'week' },
      ],
      { clock, firstRunDelayMs: 0 },
    );
    const t0 = clock.now();
    expect([...f.runtime.scheduler.triggers.values()].map((t) => [t.key, t.intervalMs, t.timeoutSeconds])).toEqual([
      ['daily', 24 * 60 * MINUTE, 55],
      ['weekly', 7 * 24 * 60 * MINUTE, 55],
    ]);
    clock.advance(14 * 24 * 60 * MINUTE);
    await f.runtime.scheduler.settled();
    expect(runsOf(f, 'daily').map((run) => (run.startedAt - t0) / (24 * 60 * MINUTE))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(runsOf(f, 'weekly').map((run) => (run.startedAt - t0) / (24 * 60 * MINUTE))).toEqual([0, 7, 14]);
  });

  test('enabled: false schedules nothing, and runNow still runs', async () => {
    const clock = new ManualClock();
    const f = await start([{ key: 'every-five', function: 'tick', interval: 'fiveMinute' }], { clock, enabled: false });
    expect(clock.pendingTimers).toBe(0);
    clock.advance(7 * 24 * 60 * MINUTE);
    await f.runtime.scheduler.settled();
    expect(runsOf(f)).toEqual([]);
    await expect(f.runtime.scheduler.runNow('every-five')).resolves.toMatchObject({ triggerKey: 'every-five', outcome: 'success', statusCode: 200 });
  });

  test('in real time (sped up by timeScale), on a clock of its own, not the queue\'s', async () => {
    // The RealClock starts at Date.now() when the runtime builds it, so the schedule starts no earlier than this.
    const before = Date.now();
    const f = await start([{ key: 'every-five', function: 'tick', interval: 'fiveMinute' }], { clock: { timeScale: 6_000 } });
    const { clock } = f.runtime.scheduler;
    expect(clock).toBeInstanceOf(RealClock);
    expect(clock).not.toBe(f.runtime.queue.clock);
    // 5 minutes are 50 real ms here; a late timer may start a run late, never early.
    await until(() => runsOf(f).length >= 3, 'three runs');
    expect(Date.now() - before).toBeGreaterThanOrEqual(145);
    runsOf(f).forEach((run, k) => expect(run.startedAt - before).toBeGreaterThanOrEqual((k + 1) * 5 * MINUTE));
  });
});

describe('each run is one invocation, called as Forge calls scheduled triggers', () => {
  test('runNow runs at once: the request is { context: { cloudId, moduleKey }, contextToken }, with no user', async () => {
    const clock = new ManualClock();
    const f = await start([{ key: 'observer', function: 'observe', interval: 'hour' }], { clock });
    const record = await f.runtime.scheduler.runNow('observer');
    expect(record).toEqual({
      triggerKey: 'observer',
      startedAt: clock.now(),
      ms: expect.any(Number),
      outcome: 'success',
      statusCode: 204,
      requests: { jira: 2, kvs: 1, events: 0 },
    });
    expect(f.runtime.scheduler.runs).toEqual([record]);
    const observed = f.runtime.kvs.entries().find((entry) => entry.key === 'observed-observer')?.value as Record<string, unknown>;
    expect(observed).toMatchObject({
      request: { context: { cloudId: 'local-cloud-0000', moduleKey: 'observer' }, contextToken: expect.any(String) },
      principal: null,
      aaid: null,
      moduleType: 'core:scheduledTrigger',
      moduleKey: 'observer',
      functionKey: 'observe',
      asUser: 401,
      asApp: 200,
    });
    expect(Object.keys(observed.request as object).sort()).toEqual(['context', 'contextToken']);
    expect((observed.request as { contextToken: string }).contextToken.length).toBeGreaterThan(0);
    // The function's timeoutSeconds (55 s by default) bounds the run.
    expect(observed.remainingMs).toBeGreaterThan(50_000);
    expect(observed.remainingMs).toBeLessThanOrEqual(55_000);
    // asUser() never reached Jira; asApp() did, as the app.
    expect(f.jiraPrincipals).toEqual(['app']);
    // The run did not move the schedule: the first scheduled run is still 5 minutes after start.
    expect(clock.pendingTimers).toBe(1);
  });

  test('runNow of a key the manifest lacks throws', async () => {
    const f = await start([{ key: 'every-five', function: 'tick', interval: 'fiveMinute' }], { clock: new ManualClock() });
    expect(() => f.runtime.scheduler.runNow('nope')).toThrow("manifest.yml has no scheduledTrigger 'nope' (it has: every-five)");
  });

  test('an answer without a numeric statusCode is an invalid response: 424, and a violation', async () => {
    const f = await start([{ key: 'forgetful', function: 'no-status', interval: 'day' }], { clock: new ManualClock() });
    const record = await f.runtime.scheduler.runNow('forgetful');
    expect(record).toMatchObject({ triggerKey: 'forgetful', outcome: 'invalid-response', statusCode: 424 });
    expect(record.detail).toContain('"body":"all done"');
    expect(f.runtime.violations).toHaveLength(1);
    expect(f.runtime.violations[0]).toMatch(/^scheduledTrigger forgetful no-status: the function answered .*not a web trigger response .*424/);
  });

  test('a thrown error is recorded and not retried; the schedule goes on', async () => {
    const clock = new ManualClock();
    const f = await start([{ key: 'thrower', function: 'throws', interval: 'fiveMinute' }], { clock });
    clock.advance(5 * MINUTE);
    await f.runtime.scheduler.settled();
    expect(runsOf(f)).toEqual([
      expect.objectContaining({ triggerKey: 'thrower', outcome: 'error', detail: 'TypeError: the trigger failed on purpose' }),
    ]);
    expect(runsOf(f)[0].statusCode).toBeUndefined();
    // Nothing more until the next interval: no retry, on the clock or off it.
    clock.advance(5 * MINUTE - 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await f.runtime.scheduler.settled();
    expect(runsOf(f)).toHaveLength(1);
    clock.advance(1);
    await f.runtime.scheduler.settled();
    expect(runsOf(f).map((run) => run.outcome)).toEqual(['error', 'error']);
    expect(f.log.filter((line) => line.includes('scheduledTrigger thrower throws: the function failed') && line.includes('not retried'))).toHaveLength(2);
    expect(f.runtime.violations).toEqual([]);
  });

  test('a run past its function\'s timeoutSeconds is stopped: timeout, and a violation', async () => {
    const f = await start([{ key: 'sleeper', function: 'sleepy', interval: 'hour' }], { clock: new ManualClock() });
    expect(f.runtime.scheduler.triggers.get('sleeper')?.timeoutSeconds).toBe(1);
    const record = await f.runtime.scheduler.runNow('sleeper');
    expect(record.outcome).toBe('timeout');
    expect(record.ms).toBeLessThan(3_000);
    expect(f.runtime.violations).toEqual(['scheduledTrigger sleeper sleepy: the function ran past the 1 s limit and was stopped']);
  });
});

describe('a manifest Forge would refuse fails the runtime\'s creation', () => {
  const create = (triggers: FixtureTrigger[], functions = FIXTURE_FUNCTIONS) =>
    createLocalRuntime({
      jiraBaseUrl: 'http://127.0.0.1:9',
      forgeSecret: 'unused',
      manifestPath: writeSchedulerManifest(manifestDir, triggers, functions),
      functionDir,
      log: () => undefined,
    });

  test('an interval that is not one of the four', async () => {
    await expect(create([{ key: 'every-minute', function: 'tick', interval: 'minute' }])).rejects.toThrow(
      "manifest.yml scheduledTrigger 'every-minute': interval 'minute' is not one of fiveMinute, hour, day, week",
    );
  });

  test('a function the manifest lacks', async () => {
    await expect(create([{ key: 'orphan', function: 'ghost', interval: 'hour' }])).rejects.toThrow("manifest.yml scheduledTrigger 'orphan': no function module 'ghost'");
  });

  test('a timeoutSeconds over 900', async () => {
    await expect(create([{ key: 'long', function: 'tick', interval: 'hour' }], [{ key: 'tick', handler: 'index.tick', timeoutSeconds: 901 }])).rejects.toThrow(
      "manifest.yml function 'tick': timeoutSeconds must be between 1 and 900, not 901",
    );
  });
});

describe('runtime.close()', () => {
  test('leaves no timer behind, and no run starts after it', async () => {
    const clock = new ManualClock();
    const f = await start(
      [
        { key: 'every-five', function: 'tick', interval: 'fiveMinute' },
        { key: 'weekly', function: 'tick', interval: 'week' },
      ],
      { clock },
    );
    expect(clock.pendingTimers).toBe(2);
    await f.close();
    fixture = undefined;
    expect(clock.pendingTimers).toBe(0);
    clock.advance(7 * 24 * 60 * MINUTE);
    expect(f.runtime.scheduler.runs).toEqual([]);
    expect(() => f.runtime.scheduler.runNow('every-five')).toThrow('the local Forge runtime is closed');
  });

  test('in real time too, and it waits for a run under way to finish before the sandboxes stop', async () => {
    const f = await start([
      { key: 'every-five', function: 'tick', interval: 'fiveMinute' },
      { key: 'slowpoke', function: 'slow', interval: 'hour' },
    ]);
    const { clock } = f.runtime.scheduler;
    expect(clock).toBeInstanceOf(RealClock);
    expect(clock.pendingTimers).toBe(2);
    const run = f.runtime.scheduler.runNow('slowpoke');
    await until(() => f.runtime.sandboxPids().length === 1, 'the sandbox');
    await f.close();
    fixture = undefined;
    expect(clock.pendingTimers).toBe(0);
    expect(f.runtime.scheduler.runs).toEqual([expect.objectContaining({ triggerKey: 'slowpoke', outcome: 'success', statusCode: 200 })]);
    await expect(run).resolves.toMatchObject({ outcome: 'success' });
  });
});
