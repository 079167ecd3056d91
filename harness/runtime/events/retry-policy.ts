// When the platform itself redelivers an event. A consumer that answers an InvocationError is redelivered after its
// `retryAfter` (async-events-api); for one that throws, times out, runs out of memory or loses its process, neither the
// facts file nor the pages we could read say how often or how soon Forge retries, only that delivery is at least
// once. So the local choice: the same bounded number of retries as for InvocationError, 4 (so at most 5 deliveries),
// with a doubling backoff, and the retryReason @forge/events' InvocationErrorCode has for each case.
import type { DeliveryOutcome } from './delivery';

export interface RetryPolicy {
  /** Retries after the first delivery, whatever asked for them. */
  maxRetries: number;
  /** Seconds before the platform's own retry number `retry` (1-based) of a failed delivery. */
  backoffSeconds(retry: number): number;
}

export function doublingBackoff(maxRetries = 4, firstSeconds = 2, capSeconds = 900): RetryPolicy {
  return { maxRetries, backoffSeconds: (retry) => Math.min(capSeconds, firstSeconds * 2 ** (retry - 1)) };
}

export const DEFAULT_RETRY_POLICY = doublingBackoff();

/** invocationErrorCode.js: FUNCTION_RETRY_REQUEST is the default of an InvocationError (retryOptions.js). */
export function platformRetryReason(outcome: DeliveryOutcome): string {
  switch (outcome.kind) {
    case 'timeout':
      return 'FUNCTION_TIME_OUT';
    case 'out-of-memory':
      return 'FUNCTION_OUT_OF_MEMORY';
    default:
      return 'FUNCTION_PLATFORM_UNKNOWN_ERROR';
  }
}
