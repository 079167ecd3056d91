import { RateLimitedError, JiraError } from '../../../src/domain/errors';
import { nextPart } from '../../../src/jobs/chunk-chain';
import { visitUntilRateLimited } from '../../../src/jobs/chunk-pass';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('visitUntilRateLimited', () => {
  test('without a 429 every item is visited once', async () => {
    const seen: number[] = [];
    const pass = await visitUntilRateLimited([1, 2, 3, 4, 5], 2, async (n) => {
      await tick();
      seen.push(n);
    });
    expect(pass).toEqual({ visited: 5, rest: [] });
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5]);
  });

  test('a 429 stops taking items; those in flight finish and count; the rest keeps its order and holds the refused one', async () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const limit = new RateLimitedError('slow down', 3);
    const seen: number[] = [];
    const pass = await visitUntilRateLimited(items, 4, async (n) => {
      await tick();
      if (n === 5) throw limit;
      seen.push(n);
    });
    expect(pass.rateLimit).toBe(limit);
    expect(pass.visited).toBe(seen.length);
    // Items 0–3 start together, so at least they and the ones taken before 5 failed (4, 6 and 7 at least) are in.
    expect(seen).toEqual(expect.arrayContaining([0, 1, 2, 3, 4, 6, 7]));
    expect(new Set(seen).size).toBe(seen.length);
    expect(pass.rest).toEqual(items.filter((n) => !seen.includes(n)));
    expect(pass.rest).toContain(5);
    expect(pass.rest.length).toBeGreaterThan(10);
  });

  test('any other failure propagates', async () => {
    await expect(
      visitUntilRateLimited([1, 2], 2, async (n) => {
        if (n === 2) throw new JiraError('down', 503);
      }),
    ).rejects.toBeInstanceOf(JiraError);
  });

  test('a failure takes no more items, and propagates only once the visits in flight have ended', async () => {
    const items = Array.from({ length: 40 }, (_, i) => i);
    const started: number[] = [];
    const finished: number[] = [];
    let rejected = false;
    const pass = visitUntilRateLimited(items, 4, async (n) => {
      started.push(n);
      if (n === 1) throw new JiraError('down', 503);
      await new Promise((resolve) => setTimeout(resolve, 20));
      // A redelivery of the chunk may start once the failure is out: nothing of this delivery may still be running.
      expect(rejected).toBe(false);
      finished.push(n);
    });
    await expect(pass.finally(() => (rejected = true))).rejects.toBeInstanceOf(JiraError);
    expect(finished.sort((a, b) => a - b)).toEqual(started.filter((n) => n !== 1).sort((a, b) => a - b));
    expect(started.length).toBeLessThan(8);
  });
});

test('nextPart numbers what is left of a chunk, part after part', () => {
  expect(nextPart('3.7')).toBe('3.7-1');
  expect(nextPart('3.7-1')).toBe('3.7-2');
  expect(nextPart('12.0-9')).toBe('12.0-10');
});
