import { RateLimitedError } from '../domain/errors';

/** What one delivery did of a chunk: how many people it visited, and those it left for later because Jira said wait. */
export interface ChunkPass<T> {
  visited: number;
  rest: T[];
  /** The 429 that stopped the pass, when one did. */
  rateLimit?: RateLimitedError;
}

/**
 * Visits the items with up to `concurrency` requests in flight. Jira's rate limit stops the pass from taking more: the
 * requests already in flight finish and count, and the items not yet visited come back in `rest` (in their order) for
 * a later delivery, so a 429 costs the chunk only the requests it refused, not the ones already answered. Any other
 * failure stops the pass too, and propagates once the visits in flight have ended: a delivery must not fail (and let
 * a redelivery start the same chunk) while its own requests are still going out.
 */
export async function visitUntilRateLimited<T>(items: readonly T[], concurrency: number, visit: (item: T) => Promise<void>): Promise<ChunkPass<T>> {
  const done = new Set<number>();
  let next = 0;
  let rateLimit: RateLimitedError | undefined;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (rateLimit === undefined && failure === undefined && next < items.length) {
      const index = next++;
      try {
        await visit(items[index]!);
        done.add(index);
      } catch (error) {
        if (error instanceof RateLimitedError) rateLimit ??= error;
        else failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  if (failure) throw failure.error;
  return {
    visited: done.size,
    rest: items.filter((_, index) => !done.has(index)),
    ...(rateLimit ? { rateLimit } : {}),
  };
}
