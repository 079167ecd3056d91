import { NeedsAuthenticationError, ProxyRequestError } from '@forge/api';
import {
  backoffMs,
  createDeadline,
  DEFAULT_DEADLINE_MS,
  parseRetryAfterMs,
  resolveRetryPolicy,
  sendWithRetry,
  type RetryPolicy,
} from '../../../src/jira/retry';
import { emptyResponse, fakeClock, jsonResponse } from './fake-jira';

type Answer = Response | Error;

/** A send thunk answering `answers` in order (an Error is thrown), counting calls. */
function sequence(...answers: Answer[]) {
  let calls = 0;
  const send = async (): Promise<Response> => {
    const answer = answers[Math.min(calls, answers.length - 1)];
    calls++;
    if (answer instanceof Error) throw answer;
    return answer.clone();
  };
  return { send, calls: () => calls };
}

function policyWith(clock: ReturnType<typeof fakeClock>, overrides: RetryPolicy = {}): RetryPolicy {
  return { sleep: clock.sleep, now: clock.now, random: () => 0.5, ...overrides };
}

describe('sendWithRetry', () => {
  it('waits the Retry-After seconds on 429, then answers the success', async () => {
    const clock = fakeClock();
    const { send, calls } = sequence(emptyResponse(429, { 'Retry-After': '3' }), jsonResponse(200, { ok: true }));
    const result = await sendWithRetry(send, policyWith(clock));
    expect(result.response.status).toBe(200);
    expect(result.attempts).toBe(2);
    expect(result.earlierAttemptMayHaveApplied).toBe(false);
    expect(calls()).toBe(2);
    expect(clock.sleeps).toEqual([3000]);
  });

  it('waits until a Retry-After HTTP date', async () => {
    const clock = fakeClock();
    const at = new Date(clock.now() + 5000).toUTCString();
    const { send } = sequence(emptyResponse(429, { 'Retry-After': at }), emptyResponse(204));
    await sendWithRetry(send, policyWith(clock));
    expect(clock.sleeps).toEqual([5000]);
  });

  it('honours a Retry-After longer than maxDelayMs', async () => {
    const clock = fakeClock();
    const { send } = sequence(emptyResponse(503, { 'Retry-After': '10' }), emptyResponse(200));
    await sendWithRetry(send, policyWith(clock, { maxDelayMs: 4000 }));
    expect(clock.sleeps).toEqual([10_000]);
  });

  it('retries 503 without a header with exponential backoff and full jitter', async () => {
    const clock = fakeClock();
    const randoms = [0.5, 0.25, 1 - 1e-9];
    const random = jest.fn(() => randoms.shift() ?? 0);
    const { send } = sequence(emptyResponse(503), emptyResponse(503), emptyResponse(503), emptyResponse(200));
    const result = await sendWithRetry(send, policyWith(clock, { random }));
    expect(result.response.status).toBe(200);
    expect(random).toHaveBeenCalledTimes(3);
    // bounds 250, 500, 1000; the wait is floor(random × bound)
    expect(clock.sleeps).toEqual([125, 125, 999]);
    expect(result.earlierAttemptMayHaveApplied).toBe(true);
  });

  it('never waits longer than maxDelayMs without a header', async () => {
    const clock = fakeClock();
    const { send } = sequence(emptyResponse(503));
    await sendWithRetry(send, policyWith(clock, { maxAttempts: 10, random: () => 1 - 1e-9, deadlineMs: 60_000 }));
    expect(clock.sleeps).toHaveLength(9);
    expect(Math.max(...clock.sleeps)).toBeLessThanOrEqual(4000);
    expect(clock.sleeps.slice(-3)).toEqual([3999, 3999, 3999]);
  });

  it('gives up after maxAttempts and answers the last response', async () => {
    const clock = fakeClock();
    const { send, calls } = sequence(emptyResponse(429, { 'Retry-After': '1' }));
    const result = await sendWithRetry(send, policyWith(clock));
    expect(result.response.status).toBe(429);
    expect(result.attempts).toBe(4);
    expect(calls()).toBe(4);
    expect(clock.sleeps).toEqual([1000, 1000, 1000]);
  });

  it('gives up when the next wait would pass the deadline', async () => {
    const clock = fakeClock();
    const deadline = createDeadline(2500, clock.now);
    const { send, calls } = sequence(emptyResponse(429, { 'Retry-After': '2' }));
    const result = await sendWithRetry(send, policyWith(clock), deadline);
    expect(result.response.status).toBe(429);
    expect(calls()).toBe(2); // waited 2 s once; 0.5 s left cannot cover another 2 s
    expect(clock.sleeps).toEqual([2000]);
  });

  it('shares one deadline between requests', async () => {
    const clock = fakeClock();
    const deadline = createDeadline(3000, clock.now);
    const policy = policyWith(clock);
    await sendWithRetry(sequence(emptyResponse(429, { 'Retry-After': '2' }), emptyResponse(200)).send, policy, deadline);
    const second = sequence(emptyResponse(429, { 'Retry-After': '2' }), emptyResponse(200));
    const result = await sendWithRetry(second.send, policy, deadline);
    expect(result.response.status).toBe(429);
    expect(second.calls()).toBe(1);
  });

  it.each([200, 201, 204, 400, 401, 404, 409, 500, 502, 504])('does not retry %i', async (status) => {
    const clock = fakeClock();
    const { send, calls } = sequence(emptyResponse(status), emptyResponse(200));
    const result = await sendWithRetry(send, policyWith(clock));
    expect(result.response.status).toBe(status);
    expect(calls()).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('retries a thrown network error and reports that an earlier attempt may have applied', async () => {
    const clock = fakeClock();
    const { send, calls } = sequence(new TypeError('fetch failed'), emptyResponse(404));
    const result = await sendWithRetry(send, policyWith(clock));
    expect(calls()).toBe(2);
    expect(result.response.status).toBe(404);
    expect(result.earlierAttemptMayHaveApplied).toBe(true);
  });

  it('rethrows the last network error when attempts run out', async () => {
    const clock = fakeClock();
    const last = new ProxyRequestError(504, 'TIMEOUT');
    const { send, calls } = sequence(new TypeError('fetch failed'), new TypeError('fetch failed'), last);
    await expect(sendWithRetry(send, policyWith(clock, { maxAttempts: 3 }))).rejects.toBe(last);
    expect(calls()).toBe(3);
  });

  it('does not retry NeedsAuthenticationError', async () => {
    const clock = fakeClock();
    const thrown = new NeedsAuthenticationError('Authentication Required', 'atlassian-token-service-key');
    const { send, calls } = sequence(thrown, emptyResponse(200));
    await expect(sendWithRetry(send, policyWith(clock))).rejects.toBe(thrown);
    expect(calls()).toBe(1);
  });

  it('makes its own default deadline from deadlineMs', async () => {
    const clock = fakeClock();
    const { send, calls } = sequence(emptyResponse(503, { 'Retry-After': '6' }));
    await sendWithRetry(send, policyWith(clock, { deadlineMs: 10_000 }));
    expect(calls()).toBe(2);
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2026-03-02T10:00:00Z');
  it.each([
    [null, undefined],
    ['0', 0],
    ['7', 7000],
    [' 1.5 ', 1500],
    ['soon', undefined],
    ['-3', undefined],
    ['Mon, 02 Mar 2026 10:00:30 GMT', 30_000],
    ['Mon, 02 Mar 2026 09:59:00 GMT', 0],
  ])('%p → %p', (header, expected) => {
    expect(parseRetryAfterMs(header, now)).toBe(expected);
  });
});

describe('backoff, policy and deadline', () => {
  it('doubles the bound per retry up to maxDelayMs', () => {
    const policy = { baseDelayMs: 250, maxDelayMs: 4000, random: () => 1 - 1e-9 };
    expect([1, 2, 3, 4, 5, 6].map((retry) => backoffMs(retry, policy))).toEqual([249, 499, 999, 1999, 3999, 3999]);
  });

  it('fills in the documented defaults', () => {
    const policy = resolveRetryPolicy();
    expect(policy).toMatchObject({ maxAttempts: 4, baseDelayMs: 250, maxDelayMs: 4000, deadlineMs: DEFAULT_DEADLINE_MS });
    expect(DEFAULT_DEADLINE_MS).toBe(15_000);
  });

  it('counts the deadline down and never below zero', () => {
    const clock = fakeClock();
    const deadline = createDeadline(1000, clock.now);
    expect(deadline.remainingMs()).toBe(1000);
    clock.advance(400);
    expect(deadline.remainingMs()).toBe(600);
    clock.advance(5000);
    expect(deadline.remainingMs()).toBe(0);
  });
});

describe('beforeRetry', () => {
  test('runs after each wait and before the next attempt, never before the first', async () => {
    const clock = fakeClock();
    const events: string[] = [];
    const answers = [emptyResponse(503), emptyResponse(429, { 'Retry-After': '1' }), emptyResponse(204)];
    const sent = await sendWithRetry(
      async () => {
        events.push('send');
        return answers.shift() as Response;
      },
      { sleep: clock.sleep, now: clock.now, random: () => 0.5 },
      undefined,
      async () => {
        events.push('check');
      },
    );
    expect(sent.response.status).toBe(204);
    expect(events).toEqual(['send', 'check', 'send', 'check', 'send']);
  });

  test('a throw stops the retries with that error and nothing more is sent', async () => {
    const clock = fakeClock();
    let sends = 0;
    const conflict = new Error('changed meanwhile');
    await expect(
      sendWithRetry(
        async () => {
          sends++;
          return emptyResponse(503);
        },
        { sleep: clock.sleep, now: clock.now, random: () => 0.5 },
        undefined,
        async () => {
          throw conflict;
        },
      ),
    ).rejects.toBe(conflict);
    expect(sends).toBe(1);
  });
});
