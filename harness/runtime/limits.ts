// Forge's invocation limits, enforced by the local runtime at the documented values unless a caller relaxes one.
// Source: developer.atlassian.com/platform/forge/limits-invocation (and shared/guide/JIRA-AND-FORGE-FACTS.md).

export interface ForgeLimits {
  /** Runtime of one UI-invoked function call (25 s). */
  invocationTimeoutMs: number;
  /** The frontend's invoke request (500 KB). */
  maxPayloadBytes: number;
  /** The function's answer to an invoke (5 MB). */
  maxResponseBytes: number;
  /** Memory of the function (512 MB by default). */
  memoryMb: number;
  /** Invocations per user per minute (1,200). */
  invocationsPerUserPerMinute: number;
}

export const FORGE_LIMITS: Readonly<ForgeLimits> = {
  invocationTimeoutMs: 25_000,
  maxPayloadBytes: 500 * 1024,
  maxResponseBytes: 5 * 1024 * 1024,
  memoryMb: 512,
  invocationsPerUserPerMinute: 1_200,
};

export type LimitCode = 'FUNCTION_TIMEOUT' | 'PAYLOAD_TOO_LARGE' | 'RESPONSE_TOO_LARGE' | 'OUT_OF_MEMORY' | 'RATE_LIMITED';

/** How the platform answers the frontend for each kind of failure (the invoke is refused; the app's code never answers). */
export const PLATFORM_FAILURE_STATUS: Record<LimitCode | 'FUNCTION_ERROR' | 'INVALID_PAYLOAD', number> = {
  INVALID_PAYLOAD: 400,
  FUNCTION_TIMEOUT: 504,
  PAYLOAD_TOO_LARGE: 413,
  RESPONSE_TOO_LARGE: 502,
  OUT_OF_MEMORY: 502,
  RATE_LIMITED: 429,
  FUNCTION_ERROR: 500,
};

/** A counter over a sliding minute per user: Forge counts each user's invocations per minute. */
export class PerMinuteCounter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Counts one invocation for `key` unless `limit` are already counted in the last minute; answers whether it fit. */
  take(key: string, limit: number): boolean {
    const since = this.now() - 60_000;
    const recent = (this.hits.get(key) ?? []).filter((at) => at > since);
    if (recent.length >= limit) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(this.now());
    this.hits.set(key, recent);
    return true;
  }
}

export const formatBytes = (bytes: number) => `${bytes.toLocaleString('en-US')} bytes`;
