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
