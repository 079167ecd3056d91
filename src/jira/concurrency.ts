/**
 * Maps `items` through `fn` with at most `limit` calls in flight, keeping the input order in the result.
 * After the first rejection no new call starts and the returned promise rejects with that error at once;
 * calls already in flight are not cancelled and their outcomes are dropped.
 */
export function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) {
    return Promise.reject(new RangeError(`The concurrency limit must be a positive integer, not ${limit}.`));
  }
  const results = new Array<R>(items.length);
  return new Promise<R[]>((resolve, reject) => {
    let started = 0;
    let settled = 0;
    let inFlight = 0;
    let stopped = false;

    const launch = (): void => {
      while (!stopped && inFlight < limit && started < items.length) {
        const index = started++;
        inFlight++;
        // Through `then` so a synchronous throw in `fn` becomes a rejection too.
        Promise.resolve()
          .then(() => fn(items[index], index))
          .then(
            (result) => {
              results[index] = result;
              inFlight--;
              settled++;
              if (settled === items.length) resolve(results);
              else launch();
            },
            (error: unknown) => {
              if (stopped) return;
              stopped = true;
              reject(error);
            },
          );
      }
    };

    if (items.length === 0) resolve(results);
    else launch();
  });
}

export interface ReadBudget {
  /** Reads in flight at most. */
  concurrency: number;
  /** Reads started at most. */
  maxCount?: number;
  /** Bytes the answers may take: those read, plus each read in flight at `reservationBytes`. */
  maxBytes: number;
  /** The most one answer can take until it lands. */
  reservationBytes: number;
  /** True once no new read should start (the invocation's time budget). */
  timeIsUp?: () => boolean;
}

/**
 * Reads `items` in order, at most `concurrency` at a time, and stops starting reads once the budget is spent:
 * `maxCount` reads started, the bytes read plus those in flight could pass `maxBytes`, or time is up. It answers the
 * results of a prefix of `items` (`taken` of them; undefined where `read` answered nothing) and so never holds more
 * than `maxBytes`. The first read always starts, so every call makes progress. `atOnce` answers an item without a
 * read (and without counting it). The first failure fails the whole read; reads in flight then are dropped.
 */
export function readWithinBudget<T, R>(
  items: readonly T[],
  budget: ReadBudget,
  sizeOf: (result: R) => number,
  read: (item: T, index: number) => Promise<R | undefined>,
  atOnce: (item: T) => R | undefined = () => undefined,
): Promise<{ results: Array<R | undefined>; taken: number }> {
  const { concurrency, maxCount = Number.POSITIVE_INFINITY, maxBytes, reservationBytes, timeIsUp = () => false } = budget;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    return Promise.reject(new RangeError(`The concurrency limit must be a positive integer, not ${concurrency}.`));
  }
  const results = new Array<R | undefined>(items.length);
  return new Promise((resolve, reject) => {
    let next = 0;
    let reads = 0;
    let inFlight = 0;
    let bytes = 0;
    let stopped = false;
    const mayStart = () =>
      next < items.length && inFlight < concurrency && (reads === 0 || (reads < maxCount && bytes + (inFlight + 1) * reservationBytes <= maxBytes && !timeIsUp()));
    const launch = (): void => {
      while (!stopped && mayStart()) {
        const index = next++;
        const immediate = atOnce(items[index]);
        if (immediate !== undefined) {
          results[index] = immediate;
          continue;
        }
        reads++;
        inFlight++;
        // Through `then` so a synchronous throw in `read` becomes a rejection too.
        Promise.resolve()
          .then(() => read(items[index], index))
          .then(
            (result) => {
              if (stopped) return;
              results[index] = result;
              if (result !== undefined) bytes += sizeOf(result);
              inFlight--;
              launch();
            },
            (error: unknown) => {
              if (stopped) return;
              stopped = true;
              reject(error);
            },
          );
      }
      if (!stopped && inFlight === 0) {
        stopped = true;
        resolve({ results: results.slice(0, next), taken: next });
      }
    };
    launch();
  });
}
