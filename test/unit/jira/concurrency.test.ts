import { mapWithConcurrency } from '../../../src/jira/concurrency';

/** A promise settled from outside, to control when each call finishes. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('mapWithConcurrency', () => {
  it('keeps the input order even when calls finish out of order', async () => {
    const delays = [30, 5, 20, 0, 10];
    const result = await mapWithConcurrency(delays, 3, async (ms, index) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return `${index}:${ms}`;
    });
    expect(result).toEqual(['0:30', '1:5', '2:20', '3:0', '4:10']);
  });

  it('never has more than `limit` calls in flight, and uses all of them', async () => {
    let inFlight = 0;
    let peak = 0;
    const items = Array.from({ length: 25 }, (_, index) => index);
    await mapWithConcurrency(items, 4, async (item) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, item % 3));
      inFlight--;
      return item;
    });
    expect(peak).toBe(4);
  });

  it('starts nothing new after the first rejection and rejects with it', async () => {
    const gates = Array.from({ length: 6 }, () => deferred<number>());
    const started: number[] = [];
    const result = mapWithConcurrency(gates, 2, (gate, index) => {
      started.push(index);
      return gate.promise;
    });
    await flush();
    expect(started).toEqual([0, 1]);

    const failure = new Error('item 1 failed');
    gates[1].reject(failure);
    await expect(result).rejects.toBe(failure);

    gates[0].resolve(0);
    await flush();
    expect(started).toEqual([0, 1]);
  });

  it('rejects with the first failure, not a later one', async () => {
    const first = new Error('first');
    const result = mapWithConcurrency([1, 2, 3], 3, async (item) => {
      await new Promise((resolve) => setTimeout(resolve, item * 5));
      throw item === 1 ? first : new Error(`later ${item}`);
    });
    await expect(result).rejects.toBe(first);
  });

  it('turns a synchronous throw into a rejection', async () => {
    const failure = new Error('sync');
    await expect(
      mapWithConcurrency([1], 1, () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
  });

  it('answers [] for no items without calling fn', async () => {
    const fn = jest.fn(async (item: number) => item);
    await expect(mapWithConcurrency([], 2, fn)).resolves.toEqual([]);
    expect(fn).not.toHaveBeenCalled();
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a limit of %p', async (limit) => {
    await expect(mapWithConcurrency([1], limit, async (item) => item)).rejects.toBeInstanceOf(RangeError);
  });
});
