import { AppError } from '../domain/errors';

/**
 * A time budget shared by every Jira request of one resolver invocation, so retries stop in time for the resolver to
 * answer. Forge ends a UI-invoked call after 25 s; 15 s leaves room for the work around the Jira calls.
 */
export const DEFAULT_DEADLINE_MS = 15_000;

export interface Deadline {
  /** Milliseconds left in the budget, never negative. */
  remainingMs(): number;
}

export function createDeadline(budgetMs: number = DEFAULT_DEADLINE_MS, now: () => number = Date.now): Deadline {
  const endsAt = now() + budgetMs;
  return { remainingMs: () => Math.max(0, endsAt - now()) };
}

export interface RetryPolicy {
  /** Attempts in all, the first one included. Default 4. */
  maxAttempts?: number;
  /** Backoff cap for the first retry; it doubles each retry. Default 250 ms. */
  baseDelayMs?: number;
  /** Upper bound of one backoff wait (a server's Retry-After may ask for longer). Default 4,000 ms. */
  maxDelayMs?: number;
  /** Budget of the deadline made when none is given. Default 15,000 ms. */
  deadlineMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** A number in [0, 1), as Math.random. */
  random?: () => number;
}

export type ResolvedRetryPolicy = Required<RetryPolicy>;

export function resolveRetryPolicy(policy: RetryPolicy = {}): ResolvedRetryPolicy {
  return {
    maxAttempts: policy.maxAttempts ?? 4,
    baseDelayMs: policy.baseDelayMs ?? 250,
    maxDelayMs: policy.maxDelayMs ?? 4_000,
    deadlineMs: policy.deadlineMs ?? DEFAULT_DEADLINE_MS,
    sleep: policy.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    now: policy.now ?? Date.now,
    random: policy.random ?? Math.random,
  };
}

/** The part of a fetch Response retrying reads; both the DOM type and @forge/api's own Response fit it. */
export interface RetryableResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export interface RetriedResponse<R extends RetryableResponse = Response> {
  /** What Jira said last; the caller maps it, success or not. */
  response: R;
  attempts: number;
  /**
   * True when an earlier attempt threw or answered 503, so Jira may have applied it before this one.
   * PUT and DELETE are idempotent, so retrying them is safe, but the last answer can then mislead:
   * a DELETE answering 404 means an earlier attempt deleted the property, and a PUT answering 200 ("updated")
   * may follow an attempt that created it. The client reports what Jira said last, except for that DELETE case.
   */
  earlierAttemptMayHaveApplied: boolean;
}

// 429: rate limited, Jira did nothing. 503: unavailable, some carry Retry-After too. Other 5xx are not retried:
// they rarely clear within the budget, and the caller gets a clear error sooner.
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 503]);

// Errors @forge/api throws that no retry can fix (names from @forge/api/out/api/errors.js).
const PERMANENT_FORGE_ERRORS: ReadonlySet<string> = new Set([
  'NEEDS_AUTHENTICATION_ERR',
  'REQUEST_EGRESS_ALLOWLIST_ERR',
  'INVALID_REMOTE_ERR',
  'INVALID_CONTAINER_SERVICE_ERR',
  'API_NOT_READY_ERR',
]);

/** A thrown network or proxy failure is retried like a 503; the app's own errors and Forge's permanent ones are not. */
export function isTransientFailure(error: unknown): boolean {
  if (error instanceof AppError) return false;
  if (error instanceof Error && PERMANENT_FORGE_ERRORS.has(error.name)) return false;
  return true;
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). Answers milliseconds from `nowMs`. */
export function parseRetryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  // Every HTTP-date form starts with a day name; Date.parse alone would read "-3" as a year.
  if (!/^[A-Za-z]{3}/.test(value)) return undefined;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** "Full jitter": a uniform wait between 0 and the capped exponential bound. */
export function backoffMs(
  retry: number,
  policy: Pick<ResolvedRetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>,
): number {
  const bound = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(policy.random() * bound);
}

async function discardBody(response: RetryableResponse): Promise<void> {
  // Read and drop the body so the connection is released before the next attempt.
  await response.text().catch(() => undefined);
}

/**
 * Sends `send()` and retries it on 429, 503 and transient thrown errors, waiting as `Retry-After` asks or else
 * with capped exponential backoff. Gives up when attempts run out or when the next wait would pass the deadline:
 * it then answers the last response, or rethrows the last error.
 */
export async function sendWithRetry<R extends RetryableResponse>(
  send: () => Promise<R>,
  policy: RetryPolicy = {},
  deadline?: Deadline,
  /** Runs after each wait, before the request is sent again; a throw ends the retries with that error. */
  beforeRetry?: () => Promise<void>,
): Promise<RetriedResponse<R>> {
  const options = resolveRetryPolicy(policy);
  const budget = deadline ?? createDeadline(options.deadlineMs, options.now);
  let earlierAttemptMayHaveApplied = false;

  for (let attempt = 1; ; attempt++) {
    let response: R | undefined;
    let failure: unknown;
    try {
      response = await send();
    } catch (error) {
      if (!isTransientFailure(error)) throw error;
      failure = error;
    }
    if (response && !RETRYABLE_STATUSES.has(response.status)) {
      return { response, attempts: attempt, earlierAttemptMayHaveApplied };
    }

    const retryAfter = response ? parseRetryAfterMs(response.headers.get('Retry-After'), options.now()) : undefined;
    const wait = retryAfter ?? backoffMs(attempt, options);
    if (attempt >= options.maxAttempts || wait > budget.remainingMs()) {
      if (response) return { response, attempts: attempt, earlierAttemptMayHaveApplied };
      throw failure;
    }

    if (response) await discardBody(response);
    if (!response || response.status === 503) earlierAttemptMayHaveApplied = true;
    await options.sleep(wait);
    if (beforeRetry) await beforeRetry();
  }
}
