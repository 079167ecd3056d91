import fs from 'node:fs';
import {
  InternalServerError,
  InvalidPushSettingsError,
  JobDoesNotExistError,
  NoEventsToPushError,
  PartialSuccessError,
  PayloadTooBigError,
  Queue,
  RateLimitError,
  TooManyEventsError,
} from '@forge/events';
import { ManualClock, QUEUE_LIMITS } from '../../harness/runtime/events';
import { buildQueueFunction, PUSH_PATH, pushRequest, STARGATE, startQueueFixture, type QueueFixture } from './fixtures/queue-fixture';

// The queue service behind the real @forge/events client: what it accepts, and how each of Forge's async events
// limits is met, by the client's own checks and by the service's answers (which the client turns into its errors).

let functionDir: string;
beforeAll(() => {
  functionDir = buildQueueFunction();
});
afterAll(() => fs.rmSync(functionDir, { recursive: true, force: true }));

let fixture: QueueFixture;
afterEach(async () => {
  await fixture?.close();
});

const echo = (extra: Record<string, unknown> = {}) => ({ body: { behaviour: 'echo', ...extra } });
const events = (n: number, make = () => echo()) => Array.from({ length: n }, make);

/** Counts what reaches the queue from the test process's client. */
function countQueueRequests(): string[] {
  const g = globalThis as Record<string, unknown>;
  const inner = g.__forge_fetch__ as (...args: unknown[]) => Promise<Response>;
  const paths: string[] = [];
  g.__forge_fetch__ = (ctx: unknown, path: string, init: unknown) => {
    paths.push(path);
    return inner(ctx, path, init);
  };
  return paths;
}

test('the documented limits are the defaults, and each consumer takes its function\'s timeout (55 s unless set)', async () => {
  fixture = await startQueueFixture(functionDir);
  expect(fixture.runtime.queue.limits).toEqual({
    maxEventsPerPush: 50,
    maxPushBytes: 204_800,
    eventsPerMinute: 500,
    maxDelaySeconds: 900,
    maxLongRunningEventBytes: 102_400,
    maxRetryDataBytes: 4_096,
    maxRetryAfterSeconds: 900,
  });
  expect(fixture.runtime.queue.limits).toEqual(QUEUE_LIMITS);
  const consumers = Object.fromEntries([...fixture.runtime.queue.consumers].map(([queue, c]) => [queue, [c.key, c.timeoutSeconds, c.longRunning]]));
  expect(consumers).toEqual({ work: ['work-consumer', 55, false], quick: ['quick-consumer', 2, false], long: ['long-consumer', 600, true] });
});

describe('limits the client checks before sending: nothing reaches the queue', () => {
  test.each<[string, () => unknown, new (...args: never[]) => Error]>([
    ['51 events', () => events(51), TooManyEventsError],
    ['over 200 KB of events', () => [echo({ filler: 'x'.repeat(205_000) })], PayloadTooBigError],
    ['delayInSeconds 901', () => [{ ...echo(), delayInSeconds: 901 }], InvalidPushSettingsError],
    ['delayInSeconds -1', () => [{ ...echo(), delayInSeconds: -1 }], InvalidPushSettingsError],
    ['no events', () => [], NoEventsToPushError],
  ])('%s', async (_name, make, errorClass) => {
    fixture = await startQueueFixture(functionDir);
    const sent = countQueueRequests();
    await expect(new Queue({ key: 'work' }).push(make() as never)).rejects.toBeInstanceOf(errorClass);
    expect(sent).toEqual([]);
    expect(fixture.runtime.violations).toEqual([]);
  });
});

describe('the same limits, enforced by the queue itself', () => {
  const send = (payload: unknown[], queue = 'work') => fixture.runtime.platformFetch(STARGATE, PUSH_PATH, pushRequest(queue, payload));

  test('51 events: refused whole (400), and recorded as a violation', async () => {
    fixture = await startQueueFixture(functionDir);
    const response = await send(events(51));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ message: 'This push contains more than the 50 events allowed.' });
    expect(fixture.runtime.violations).toEqual(['queue work push: 51 events, over the 50 events per push limit']);
    expect(fixture.log).toContain('[forge] queue work push: 51 events, over the 50 events per push limit');
    expect(fixture.runtime.queue.deliveries).toEqual([]);
  });

  test('over 200 KB: 413 with the errorMessage PayloadTooBigError carries; 200 KB exactly passes', async () => {
    fixture = await startQueueFixture(functionDir, { queue: { clock: new ManualClock() } });
    const overhead = JSON.stringify([{ body: { behaviour: 'echo', filler: '' } }]).length;
    const exactly = await send([echo({ filler: 'x'.repeat(204_800 - overhead) })]);
    expect(exactly.status).toBe(201);
    const over = await send([echo({ filler: 'x'.repeat(204_801 - overhead) })]);
    expect(over.status).toBe(413);
    expect(await over.json()).toEqual({ errorMessage: 'The maximum payload size is 200KB.' });
    expect(fixture.runtime.violations).toEqual(['queue work push: 204,801 bytes of events, over the 204,800 bytes per push limit']);
  });

  test('an event the queue cannot take fails alone: 202 with failedEvents by index, the others are queued', async () => {
    fixture = await startQueueFixture(functionDir, { queue: { clock: new ManualClock() } });
    const response = await send([echo({ n: 0 }), { ...echo(), delayInSeconds: 901 }, { ...echo(), delayInSeconds: -1 }, { body: 'text' }, echo({ n: 4 })]);
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({
      failedEvents: [
        { index: 1, errorMessage: 'The delayInSeconds setting must be between 0 and 900.' },
        { index: 2, errorMessage: 'The delayInSeconds setting must be between 0 and 900.' },
        { index: 3, errorMessage: 'Event body must be an object.' },
      ],
    });
    expect(fixture.runtime.violations).toEqual(['queue work push: event 1: delayInSeconds 901 is outside 0–900', 'queue work push: event 2: delayInSeconds -1 is outside 0–900']);
    await fixture.runtime.queue.idle();
    expect(fixture.runtime.queue.deliveries.map((d) => (d.result as { event: { body: { n: number } } }).event.body.n).sort()).toEqual([0, 4]);
  });

  test('a queue no consumer listens to, or a body that is no push, is refused', async () => {
    fixture = await startQueueFixture(functionDir);
    const unknown = await send(events(1), 'nobody-listens');
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ message: "No consumer module in manifest.yml listens to queue 'nobody-listens'." });
    const notJson = await fixture.runtime.platformFetch(STARGATE, PUSH_PATH, { method: 'POST', body: '{' });
    expect(notJson.status).toBe(400);
    const otherPath = await fixture.runtime.platformFetch(STARGATE, '/webhook/queue/purge/a/b/c/d', pushRequest('work', events(1)));
    expect(otherPath.status).toBe(404);
    expect(fixture.runtime.violations).toEqual([]);
  });
});

describe('the service\'s answers, as the real client reports them', () => {
  test('a queue limit lowered below the client\'s: 413 becomes PayloadTooBigError with the service\'s message', async () => {
    fixture = await startQueueFixture(functionDir, { queue: { limits: { maxPushBytes: 1_024 } } });
    const error = await new Queue({ key: 'work' }).push([echo({ filler: 'x'.repeat(2_000) })]).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(PayloadTooBigError);
    expect((error as Error).message).toBe('The maximum payload size is 1KB.');
  });

  test('an event over 100 KB for a long-running consumer: PartialSuccessError names it, the rest is delivered', async () => {
    fixture = await startQueueFixture(functionDir, { queue: { clock: new ManualClock() } });
    const big = echo({ filler: 'x'.repeat(102_400) });
    const error = await new Queue({ key: 'long' }).push([echo({ n: 1 }), big]).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(PartialSuccessError);
    const partial = error as PartialSuccessError;
    expect(partial.message).toBe('Failed to process 1 event(s).');
    expect(partial.failedEvents).toEqual([{ errorMessage: 'The maximum event size for a consumer with a timeout over 55 seconds is 100KB.', payload: big }]);
    expect(fixture.runtime.violations).toEqual([expect.stringMatching(/^queue long push: event 1: 102,4\d\d bytes, over the 102,400 bytes limit of long-running consumer 'long-consumer'$/)]);
    await fixture.runtime.queue.idle();
    expect(fixture.runtime.queue.stats(partial.result.jobId)).toEqual({ success: 1, inProgress: 0, failed: 0 });
    // The same event is fine for a consumer with the default timeout.
    await expect(new Queue({ key: 'work' }).push(big)).resolves.toEqual({ jobId: expect.any(String) });
  });

  test('a queue nobody consumes: InternalServerError with the service\'s message', async () => {
    fixture = await startQueueFixture(functionDir);
    const error = await new Queue({ key: 'nobody-listens' }).push(echo()).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as Error).message).toMatch(/^400 .*No consumer module in manifest.yml listens to queue 'nobody-listens'\.$/);
  });

  test('stats or cancel of a job the queue never had: JobDoesNotExistError', async () => {
    fixture = await startQueueFixture(functionDir);
    const job = new Queue({ key: 'work' }).getJob('no-such-job');
    await expect(job.getStats()).rejects.toBeInstanceOf(JobDoesNotExistError);
    await expect(job.cancel()).rejects.toThrow('The job no-such-job was not found for the queue work.');
    // A job is found only under its own queue.
    const { jobId } = await new Queue({ key: 'work' }).push({ ...echo(), delayInSeconds: 900 });
    await expect(new Queue({ key: 'quick' }).getJob(jobId).getStats()).rejects.toBeInstanceOf(JobDoesNotExistError);
  });
});

test('500 events per minute per installation: the next push gets RateLimitError until the minute has passed', async () => {
  const clock = new ManualClock();
  fixture = await startQueueFixture(functionDir, { queue: { clock } });
  const queue = new Queue({ key: 'work' });
  // Delayed, so the test pushes without waiting on 500 deliveries.
  const delayed = () => ({ ...echo(), delayInSeconds: 900 });
  for (let i = 0; i < 10; i++) await queue.push(events(50, delayed));
  await expect(queue.push(delayed())).rejects.toBeInstanceOf(RateLimitError);
  // The resolver in a sandbox meets the same limit through the platform's proxy.
  await expect(fixture.resolve('push', { queue: 'work', events: [delayed()] })).resolves.toEqual({ error: 'RateLimitError', message: 'Too many requests.' });
  expect(fixture.runtime.violations).toEqual([
    'queue work push: 1 more events after 500 in the last minute, over the 500 events per minute limit',
    'queue work push: 1 more events after 500 in the last minute, over the 500 events per minute limit',
  ]);
  clock.advance(59_999);
  await expect(queue.push(delayed())).rejects.toBeInstanceOf(RateLimitError);
  clock.advance(1);
  // A refused push did not count: the window is empty again, and takes a full 500.
  await expect(queue.push(events(50, delayed))).resolves.toEqual({ jobId: expect.any(String) });
  for (let i = 0; i < 9; i++) await queue.push(events(50, delayed));
  await expect(queue.push(delayed())).rejects.toBeInstanceOf(RateLimitError);
});

test('the per-minute limit can be moved, like the invocation limits', async () => {
  fixture = await startQueueFixture(functionDir, { queue: { clock: new ManualClock(), limits: { eventsPerMinute: 3 } } });
  const queue = new Queue({ key: 'work' });
  await queue.push(events(3));
  await expect(queue.push(echo())).rejects.toBeInstanceOf(RateLimitError);
});
